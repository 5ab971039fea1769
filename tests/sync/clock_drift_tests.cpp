// One kiosk's wrong clock against the network's: a real hub over TLS, real
// kiosk stores, their stamps and the hub's hybrid logical clock.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

namespace {

// The visit's start as the hub's statistics date it.
TimeMs datedOnHub(RunningHub& hub, const std::string& visitId) {
    return hub.count("SELECT v.started_at + r.clock_offset_ms FROM visits v JOIN hub_received r ON r.event_id = v.start_event "
                     "WHERE v.id = '" + visitId + "'");
}

TimeMs clockOf(const std::string& databasePath) {
    Database db(databasePath);
    Statement& row = db.prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'hlc_last'");
    REQUIRE(row.step());
    return HlcStamp{row.columnInt(0)}.wallMs();
}

}  // namespace

TEST_CASE("a kiosk whose clock reads next year drags neither the hub's clock nor the other kiosks'", "[sync][clock]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    TestKiosk ahead("ahead"), right("right");
    ahead.datesByHubClock = right.datesByHubClock = true;  // as the app dates check-ins
    REQUIRE(ahead.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(right.enroll(hub, "beaujeu-tiers-lieu").ok());
    REQUIRE(ahead.sync().ok());
    REQUIRE(right.sync().ok());

    // Fleurie's Pi reboots with its clock a year ahead, and is used before it can sync.
    ahead.bootId = "boot-a-year-ahead";
    ahead.clockSkewMs = 365 * kDayMs;
    const TimeMs aheadMadeAt = systemNowMs();
    const std::string aheadVisit = ahead.checkIn();
    Store& a = ahead.store();
    a.recordLocal({a.makeEvent(PlaceServiceChanged{"fleurie-boulangerie/fenetre", false, "Chaise cassée"}, ahead.now())}, ahead.now());
    REQUIRE(ahead.sync().ok());
    // The coordinator publishes after it.
    REQUIRE(hub.admin("POST", "/api/v1/admin/announcements",
                      R"({"text": "Atelier numérique jeudi", "valid_from": "2020-01-01", "valid_until": "2099-12-31"})").status == 201);

    // Beaujeu, whose clock is right, hears of both, then checks someone in.
    REQUIRE(right.sync().ok());
    const TimeMs rightMadeAt = systemNowMs();
    const std::string rightVisit = right.checkIn();
    const auto pushed = right.sync();
    REQUIRE(pushed.ok());
    CHECK(pushed.setAside == 0);

    // Fleurie, now dating by the hub's clock, checks someone else in.
    const TimeMs laterMadeAt = systemNowMs();
    const std::string laterVisit = ahead.checkIn();
    const auto laterPushed = ahead.sync();
    REQUIRE(laterPushed.ok());
    CHECK(laterPushed.setAside == 0);

    CHECK(ahead.count("SELECT count(*) FROM set_aside") == 0);
    CHECK(right.count("SELECT count(*) FROM set_aside") == 0);
    CHECK(hub.count("SELECT count(*) FROM hub_set_aside") == 0);
    CHECK(hub.count("SELECT count(*) FROM visits") == 3);
    CHECK(std::llabs(datedOnHub(hub, aheadVisit) - aheadMadeAt) < 1500);
    CHECK(std::llabs(datedOnHub(hub, rightVisit) - rightMadeAt) < 1500);
    CHECK(std::llabs(datedOnHub(hub, laterVisit) - laterMadeAt) < 1500);
    CHECK(hub.count("SELECT in_service FROM place_service WHERE place_id = 'fleurie-boulangerie/fenetre'") == 0);
    // No clock in the network runs past the hub's time by more than the bound.
    const TimeMs bound = systemNowMs() + kMaxClockDriftMs;
    CHECK(clockOf(hub.databasePath()) <= bound);
    CHECK(clockOf(right.path()) <= bound);
    CHECK(clockOf(ahead.path()) <= bound);
}
