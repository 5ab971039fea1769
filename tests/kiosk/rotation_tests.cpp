// Turned panels: the geometry between the panel and the UI, and SDL's finger and
// mouse events turned back into the UI's frame. The expected corners are worked
// out by hand from a clockwise turn, not from the code.
#include <catch2/catch.hpp>

#include <SDL.h>

#include "platform/pointer_events.hpp"
#include "platform/rotation.hpp"

using namespace cowork::platform;

namespace {

constexpr FrameSize kPanel{800, 480};

struct Corner {
    FramePoint panel;
    FramePoint ui;
};

// For each angle, where the panel's four corners land in the UI (480x800 at 90 and 270).
struct CornerCase {
    Rotation rotation;
    Corner corners[4];
};

const CornerCase kCases[] = {
    {Rotation::None, {{{0, 0}, {0, 0}}, {{800, 0}, {800, 0}}, {{0, 480}, {0, 480}}, {{800, 480}, {800, 480}}}},
    // Turned a quarter clockwise, the UI's top-left corner shows at the panel's top-right.
    {Rotation::Quarter, {{{800, 0}, {0, 0}}, {{800, 480}, {480, 0}}, {{0, 0}, {0, 800}}, {{0, 480}, {480, 800}}}},
    // Upside down: each corner faces its opposite.
    {Rotation::Half, {{{800, 480}, {0, 0}}, {{0, 480}, {800, 0}}, {{800, 0}, {0, 480}}, {{0, 0}, {800, 480}}}},
    // Three quarters clockwise (a quarter anticlockwise): the UI's top-left shows at the panel's bottom-left.
    {Rotation::ThreeQuarters, {{{0, 480}, {0, 0}}, {{0, 0}, {480, 0}}, {{800, 480}, {0, 800}}, {{800, 0}, {480, 800}}}},
};

SDL_Event finger(Uint32 type, float x, float y) {
    SDL_Event event{};
    event.type = type;
    event.tfinger.fingerId = 7;
    event.tfinger.x = x / static_cast<float>(kPanel.width);
    event.tfinger.y = y / static_cast<float>(kPanel.height);
    return event;
}

}  // namespace

TEST_CASE("only 0, 90, 180 and 270 degrees are rotations", "[rotation]") {
    CHECK(rotationFromDegrees(0) == Rotation::None);
    CHECK(rotationFromDegrees(90) == Rotation::Quarter);
    CHECK(rotationFromDegrees(180) == Rotation::Half);
    CHECK(rotationFromDegrees(270) == Rotation::ThreeQuarters);
    for (int degrees : {45, -90, 360, 1, 89}) {
        INFO(degrees);
        CHECK_FALSE(rotationFromDegrees(degrees));
    }
}

TEST_CASE("a quarter turn swaps the UI's width and height, a half turn keeps them", "[rotation]") {
    CHECK((logicalSize(kPanel, Rotation::None).width == 800 && logicalSize(kPanel, Rotation::None).height == 480));
    CHECK((logicalSize(kPanel, Rotation::Quarter).width == 480 && logicalSize(kPanel, Rotation::Quarter).height == 800));
    CHECK((logicalSize(kPanel, Rotation::Half).width == 800 && logicalSize(kPanel, Rotation::Half).height == 480));
    CHECK((logicalSize(kPanel, Rotation::ThreeQuarters).width == 480 &&
           logicalSize(kPanel, Rotation::ThreeQuarters).height == 800));
}

TEST_CASE("a touch at each corner of the panel lands on the right corner of the turned UI", "[rotation]") {
    for (const CornerCase& c : kCases) {
        for (const Corner& corner : c.corners) {
            INFO("rotation " << degreesOf(c.rotation) << ", panel (" << corner.panel.x << ", " << corner.panel.y << ")");
            const FramePoint ui = panelToLogical(corner.panel, kPanel, c.rotation);
            CHECK(ui.x == corner.ui.x);
            CHECK(ui.y == corner.ui.y);
            const FramePoint back = logicalToPanel(corner.ui, kPanel, c.rotation);
            CHECK(back.x == corner.panel.x);
            CHECK(back.y == corner.panel.y);
        }
    }
}

TEST_CASE("a point inside the panel goes to the UI and back unchanged at every angle", "[rotation]") {
    for (const CornerCase& c : kCases) {
        for (const FramePoint p : {FramePoint{123, 45}, FramePoint{799, 1}, FramePoint{400, 240}}) {
            INFO("rotation " << degreesOf(c.rotation) << ", panel (" << p.x << ", " << p.y << ")");
            const FramePoint ui = panelToLogical(p, kPanel, c.rotation);
            const FrameSize size = logicalSize(kPanel, c.rotation);
            CHECK((ui.x >= 0 && ui.x <= static_cast<float>(size.width)));
            CHECK((ui.y >= 0 && ui.y <= static_cast<float>(size.height)));
            const FramePoint back = logicalToPanel(ui, kPanel, c.rotation);
            CHECK(back.x == p.x);
            CHECK(back.y == p.y);
        }
    }
}

TEST_CASE("finger and mouse events on a turned panel reach the touch layer in the UI's frame", "[rotation]") {
    for (const CornerCase& c : kCases) {
        PointerTranslator pointers;
        pointers.setSizes(kPanel.width, kPanel.height, kPanel.width, kPanel.height);
        pointers.setRotation(c.rotation);
        for (const Corner& corner : c.corners) {
            INFO("rotation " << degreesOf(c.rotation) << ", panel (" << corner.panel.x << ", " << corner.panel.y << ")");
            const auto down = pointers.translate(finger(SDL_FINGERDOWN, corner.panel.x, corner.panel.y), 10);
            REQUIRE(down);
            CHECK(down->kind == PointerEvent::Kind::Down);
            CHECK(down->x == Approx(corner.ui.x).margin(0.01));
            CHECK(down->y == Approx(corner.ui.y).margin(0.01));
            const auto move = pointers.translate(finger(SDL_FINGERMOTION, corner.panel.x, corner.panel.y), 15);
            REQUIRE(move);
            CHECK(move->x == Approx(corner.ui.x).margin(0.01));
            CHECK(move->y == Approx(corner.ui.y).margin(0.01));
            const auto up = pointers.translate(finger(SDL_FINGERUP, corner.panel.x, corner.panel.y), 20);
            REQUIRE(up);
            CHECK(up->x == Approx(corner.ui.x).margin(0.01));
            CHECK(up->y == Approx(corner.ui.y).margin(0.01));

            SDL_Event click{};
            click.type = SDL_MOUSEBUTTONDOWN;
            click.button.button = SDL_BUTTON_LEFT;
            click.button.x = static_cast<Sint32>(corner.panel.x);
            click.button.y = static_cast<Sint32>(corner.panel.y);
            const auto mouse = pointers.translate(click, 30);
            REQUIRE(mouse);
            CHECK(mouse->x == corner.ui.x);
            CHECK(mouse->y == corner.ui.y);
        }
    }
}
