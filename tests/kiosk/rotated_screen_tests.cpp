// The real kiosk on a turned panel (SDL's dummy driver, software renderer): the
// UI is laid out in the turned frame, the picture reaches the panel turned, and
// a tap where a button shows on the panel presses that button. Panel positions
// are worked out here by hand, not with the kiosk's own geometry.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "kiosk_harness.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::HarnessOptions;
using cowork::kiosk::testing::KioskHarness;
using cowork::platform::Rotation;

namespace {

HarnessOptions panel800x480(Rotation rotation) {
    HarnessOptions options;
    options.width = 800;
    options.height = 480;
    options.rotation = rotation;
    return options;
}

struct Picture {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgba;
    std::uint32_t at(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
        return static_cast<std::uint32_t>(rgba[i]) | static_cast<std::uint32_t>(rgba[i + 1]) << 8 |
               static_cast<std::uint32_t>(rgba[i + 2]) << 16;
    }
};

Picture capture(KioskHarness& h) {
    Picture picture;
    REQUIRE(h.runner().capture(picture.rgba, picture.width, picture.height));
    return picture;
}

}  // namespace

TEST_CASE("on an 800x480 panel turned a quarter, the UI is laid out in portrait, 480x800", "[rotation][flow]") {
    KioskHarness h(panel800x480(Rotation::Quarter));
    CHECK(ImGui::GetIO().DisplaySize.x == 480);
    CHECK(ImGui::GetIO().DisplaySize.y == 800);
    CHECK(h.runner().display().hasTurnedTexture());
    const ui::WidgetRecord* checkIn = h.widget(h.text("home.check_in"));
    REQUIRE(checkIn != nullptr);
    CHECK(checkIn->center().x < 480);  // laid out for the portrait width
}

TEST_CASE("unturned, the UI draws on the panel directly, with no extra texture", "[rotation][flow]") {
    KioskHarness h(panel800x480(Rotation::None));
    CHECK(ImGui::GetIO().DisplaySize.x == 800);
    CHECK(ImGui::GetIO().DisplaySize.y == 480);
    CHECK_FALSE(h.runner().display().hasTurnedTexture());
}

TEST_CASE("with rotate=90, a tap where « Je m'installe » shows on the panel opens the check-in", "[rotation][flow]") {
    KioskHarness h(panel800x480(Rotation::Quarter));
    REQUIRE(h.screen() == Screen::Home);
    const ImVec2 ui = h.widget(h.text("home.check_in"))->center();
    // Turned a quarter clockwise: the UI's point (x, y) shows at the panel's (800 − y, x).
    h.tapAt(800 - ui.y, ui.x);
    CHECK(h.screen() == Screen::CheckInCode);
}

TEST_CASE("at 180 and 270 degrees too, a tap on the panel reaches the button shown there", "[rotation][flow]") {
    struct Case {
        Rotation rotation;
        std::function<ImVec2(ImVec2)> onPanel;  // the UI's point → where the panel shows it
    };
    const Case cases[] = {
        {Rotation::Half, [](ImVec2 p) { return ImVec2(800 - p.x, 480 - p.y); }},
        {Rotation::ThreeQuarters, [](ImVec2 p) { return ImVec2(p.y, 480 - p.x); }},
    };
    for (const Case& c : cases) {
        INFO("rotation " << platform::degreesOf(c.rotation));
        KioskHarness h(panel800x480(c.rotation));
        const ImVec2 panel = c.onPanel(h.widget(h.text("home.check_in"))->center());
        h.tapAt(panel.x, panel.y);
        CHECK(h.screen() == Screen::CheckInCode);
    }
}

TEST_CASE("with rotate=90, a finger moving along the panel's long side scrolls the network list", "[rotation][flow]") {
    KioskHarness h(panel800x480(Rotation::Quarter));
    h.tap(h.text("home.network"));
    REQUIRE(h.screen() == Screen::Network);
    const float yBefore = h.widget("Mini-cowork de la boulangerie")->min.y;
    // Up the portrait UI, from y 700 to 200 at x 240: on the panel, rightwards
    // from x 100 to 600 at y 240.
    h.drag(100, 240, 600, 240, 10, 16);
    h.frames(30);  // the glide
    CHECK(h.screen() == Screen::Network);
    const auto* after = h.widget("Mini-cowork de la boulangerie");
    REQUIRE(after);
    CHECK(after->min.y < yBefore - 200);
}

TEST_CASE("the turned panel shows the portrait picture turned a quarter clockwise, pixel for pixel", "[rotation][flow]") {
    Picture portrait;
    {
        HarnessOptions options;
        options.width = 480;
        options.height = 800;
        KioskHarness h(options);
        portrait = capture(h);
    }
    Picture turned;
    {
        KioskHarness h(panel800x480(Rotation::Quarter));
        turned = capture(h);
    }
    REQUIRE((portrait.width == 480 && portrait.height == 800));
    REQUIRE((turned.width == 800 && turned.height == 480));
    // The panel's pixel (x, y) shows the portrait's pixel (y, 799 − x).
    // Turned the other way, it would show (479 − y, x): the picture is not
    // symmetric enough for both to match, so the comparison tells them apart.
    long long differing = 0, differingAnticlockwise = 0;
    for (int y = 0; y < 480; ++y) {
        for (int x = 0; x < 800; ++x) {
            differing += turned.at(x, y) != portrait.at(y, 799 - x) ? 1 : 0;
            differingAnticlockwise += turned.at(x, y) != portrait.at(479 - y, x) ? 1 : 0;
        }
    }
    CHECK(differing == 0);
    CHECK(differingAnticlockwise > 10'000);
}
