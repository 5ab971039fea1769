#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "app/panel_policy.hpp"
#include "kiosk_harness.hpp"
#include "platform/panel_power.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::KioskHarness;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream file(path);
    std::string text;
    std::getline(file, text);
    return text;
}

}  // namespace

TEST_CASE("the panel goes dark after closing time and lights up at a touch", "[panel]") {
    cowork::testing::TempDir sysfs;
    std::filesystem::create_directories(sysfs.path() / "rpi_backlight");
    const std::string power = sysfs.write("rpi_backlight/bl_power", "0\n");
    cowork::kiosk::testing::HarnessOptions options;
    options.backlightRoot = sysfs.path().string();
    KioskHarness h(options);
    REQUIRE(h.runner().panel().available());
    CHECK(h.runner().panel().isOn());

    // Tuesday: the bakery closes at 13:00 and reopens at 15:30.
    // Time passes (both clocks): a wall clock set forward alone is a correction,
    // not three hours without a touch.
    h.advance(parisLocalToUtc({2026, 12, 1}, 13 * 60 + 10) - h.clock().now());
    h.frames(1);
    CHECK_FALSE(h.runner().panel().isOn());
    CHECK(readFile(power) == "4");

    // Someone touches the dark screen, on the network button as it happens:
    // the panel lights up and nothing else happens.
    const auto* network = h.widget(h.text("home.network"));
    REQUIRE(network);
    h.tapAt(network->center().x, network->center().y);
    CHECK(h.runner().panel().isOn());
    CHECK(readFile(power) == "0");
    CHECK(h.screen() == Screen::Home);
    h.advance(kPanelAwakeAfterTouchMs);
    h.frames(1);
    CHECK_FALSE(h.runner().panel().isOn());

    h.advance(parisLocalToUtc({2026, 12, 1}, 15 * 60 + 30) - h.clock().now());
    h.frames(1);
    CHECK(h.runner().panel().isOn());
}

TEST_CASE("without a backlight the panel control does nothing", "[panel]") {
    cowork::testing::TempDir empty;
    platform::PanelPower panel(empty.path().string());
    CHECK_FALSE(panel.available());
    CHECK(panel.set(false));
    CHECK_FALSE(panel.isOn());
}
