// On a 7" 800x480 panel every target is at least 12 mm (about 64 px) and no
// text is under 18 px: checked on every screen the flows reach.
#include <catch2/catch.hpp>

#include <functional>

#include "kiosk_harness.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::KioskHarness;

namespace {

void checkTargets(KioskHarness& h, const std::string& screen) {
    for (const ui::WidgetRecord& record : ui::WidgetLog::instance().records()) {
        const float width = record.max.x - record.min.x;
        const float height = record.max.y - record.min.y;
        INFO(screen << ": « " << record.label << " » is " << width << "x" << height);
        CHECK(width >= 63.5f);
        CHECK(height >= 63.5f);
    }
    (void)h;
}

}  // namespace

TEST_CASE("every touch target is at least 64 px on every screen at 800x480", "[touch][layout]") {
    KioskHarness h;
    PinStore(h.store(), "fleurie-boulangerie").setPin("246810", h.clock().now());
    checkTargets(h, "home");
    h.tap(h.text("home.check_in"));
    checkTargets(h, "check-in code");
    h.tap(h.text("checkin.first_visit"));
    h.typeOnKeyboard("Zoé");
    checkTargets(h, "sign-up name");
    h.tap(h.text("signup.next"));
    h.tap(h.text("signup.skip"));
    checkTargets(h, "sign-up commune");
    h.tap(h.text("signup.skip"));
    h.tap(h.text("signup.consent_ask"));
    checkTargets(h, "sign-up consent");
    h.tap(h.text("signup.create"));
    checkTargets(h, "new member code");
    h.tap(h.text("newcode.continue"));
    checkTargets(h, "pick place");
    h.tap("Table fenêtre");
    checkTargets(h, "checked in");
    h.tap(h.text("done.back_home"));
    h.tap(h.text("home.check_out"));
    checkTargets(h, "check out");
    h.tap(h.text("checkout.type_code"));
    checkTargets(h, "check-out code");
    h.tap(h.text("nav.home"));
    h.tap(h.text("home.network"));
    checkTargets(h, "network");
    h.tap("Mini-cowork du Bar des Sports");
    checkTargets(h, "site detail");
    h.tap(h.text("nav.home"));
    h.tap(h.text("home.contact"));
    checkTargets(h, "contact");
    h.tap(h.text("contact.write"));
    checkTargets(h, "contact message");
    h.tap(h.text("nav.home"));
    h.holdAt(20, 20, 2100);
    checkTargets(h, "shopkeeper PIN");
    h.typeOnKeypad("246810");
    h.tap(h.text("pin.submit"));
    REQUIRE(h.screen() == Screen::Shopkeeper);
    checkTargets(h, "shopkeeper");
}

TEST_CASE("no text is drawn under 18 px at scale 1", "[layout]") {
    KioskHarness h;
    const ui::Fonts& fonts = h.runner().fonts();
    CHECK(fonts.body->FontSize >= 18.0f);
    CHECK(fonts.title->FontSize >= 18.0f);
    CHECK(fonts.huge->FontSize >= 18.0f);
}

TEST_CASE("the fonts have every character French needs", "[layout][i18n]") {
    KioskHarness h;
    const ui::Fonts& fonts = h.runner().fonts();
    for (const unsigned c : {0x0153u, 0x0152u, 0x0178u, 0x2019u, 0x00ABu, 0x00BBu, 0x2013u, 0x2026u, 0x20ACu, 0x202Fu, 0x00E9u, 0x00C7u}) {
        INFO("U+" << std::hex << static_cast<int>(c));
        for (ImFont* font : {fonts.body, fonts.title}) {
            const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
            CHECK(glyph != nullptr);
        }
    }
}

TEST_CASE("in portrait (480x800) the keyboard reflows so its keys stay 64 px wide", "[touch][layout]") {
    cowork::kiosk::testing::HarnessOptions options;
    options.width = 480;
    options.height = 800;
    KioskHarness h(options);
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.first_visit"));
    h.typeOnKeyboard("Anaïs Lefèvre");
    CHECK(h.ui().signUp.firstName == "Anaïs Lefèvre");
    checkTargets(h, "portrait sign-up");
}
