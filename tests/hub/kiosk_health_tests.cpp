#include <catch2/catch.hpp>

#include "service/kiosk_health.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

constexpr TimeMs kNow = 1'800'000'000'000;

HealthLevel levelAfter(TimeMs silence, bool openHours) {
    return siteHealth({KioskFacts{kNow - silence, 0, false}}, openHours, kNow).level;
}

}  // namespace

TEST_CASE("a kiosk synced within 2 minutes is ok, within 15 late, opening hours or not", "[console-views][health]") {
    for (const bool openHours : {true, false}) {
        CHECK(levelAfter(0, openHours) == HealthLevel::Ok);
        CHECK(levelAfter(2 * kMinuteMs, openHours) == HealthLevel::Ok);
        CHECK(levelAfter(2 * kMinuteMs + 1, openHours) == HealthLevel::Late);
        CHECK(levelAfter(15 * kMinuteMs, openHours) == HealthLevel::Late);
    }
}

TEST_CASE("during opening hours a silence over 15 minutes is silent, over an hour down", "[console-views][health]") {
    CHECK(levelAfter(15 * kMinuteMs + 1, true) == HealthLevel::Silent);
    CHECK(levelAfter(60 * kMinuteMs, true) == HealthLevel::Silent);
    CHECK(levelAfter(60 * kMinuteMs + 1, true) == HealthLevel::Down);
    CHECK(levelAfter(30 * kDayMs, true) == HealthLevel::Down);
}

TEST_CASE("outside opening hours a long silence is closed, never down", "[console-views][health]") {
    CHECK(levelAfter(15 * kMinuteMs + 1, false) == HealthLevel::Closed);
    CHECK(levelAfter(60 * kMinuteMs + 1, false) == HealthLevel::Closed);
    CHECK(levelAfter(30 * kDayMs, false) == HealthLevel::Closed);
}

TEST_CASE("no kiosk is unknown; a never-synced kiosk is unknown outside hours and silent within", "[console-views][health]") {
    CHECK(siteHealth({}, true, kNow).level == HealthLevel::Unknown);
    CHECK(siteHealth({}, false, kNow).level == HealthLevel::Unknown);
    CHECK(siteHealth({}, true, kNow).kiosks == 0);
    const KioskFacts neverSynced{std::nullopt, 0, false};
    CHECK(siteHealth({neverSynced}, false, kNow).level == HealthLevel::Unknown);
    CHECK(siteHealth({neverSynced}, true, kNow).level == HealthLevel::Silent);
    CHECK_FALSE(siteHealth({neverSynced}, true, kNow).lastSync.has_value());
}

TEST_CASE("events set aside make a site down whatever its last sync", "[console-views][health]") {
    CHECK(siteHealth({KioskFacts{kNow, 1, false}}, true, kNow).level == HealthLevel::Down);
    CHECK(siteHealth({KioskFacts{kNow, 3, false}}, false, kNow).level == HealthLevel::Down);
    // A revoked kiosk's leftovers do not count.
    CHECK(siteHealth({KioskFacts{kNow, 0, false}, KioskFacts{kNow - kDayMs, 2, true}}, true, kNow).level == HealthLevel::Ok);
}

TEST_CASE("a site's health follows its freshest active kiosk; revoked kiosks are not counted", "[console-views][health]") {
    const SiteHealth health = siteHealth(
        {KioskFacts{kNow - 2 * kHourMs, 0, false}, KioskFacts{kNow - kMinuteMs, 0, false}, KioskFacts{kNow, 0, true}}, true, kNow);
    CHECK(health.level == HealthLevel::Ok);
    CHECK(health.kiosks == 2);
    CHECK(health.lastSync == kNow - kMinuteMs);
    CHECK(siteHealth({KioskFacts{kNow, 0, true}}, true, kNow).level == HealthLevel::Unknown);
    CHECK(toString(HealthLevel::Silent) == "silent");
    CHECK(toString(HealthLevel::Unknown) == "unknown");
}
