// Screen timers run on the monotonic clock: a correction of the wall clock (the
// hub's offset measured at a sync, NTP at last reachable) neither keeps the
// previous person's confirmation on screen nor cuts off someone typing.
#include <catch2/catch.hpp>

#include "kiosk_harness.hpp"
#include "store/kiosk_reads.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::KioskHarness;

namespace {

void checkInAnonymously(KioskHarness& h) {
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.anonymous"));
    h.tap("Comptoir du fond");
    REQUIRE(h.screen() == Screen::CheckInDone);
}

}  // namespace

TEST_CASE("a confirmation leaves after 10 s of monotonic time, whichever way the wall clock was corrected meanwhile",
          "[flow][clock]") {
    const TimeMs jump = GENERATE(-kHourMs, kHourMs);
    INFO("wall clock corrected by " << jump / kMinuteMs << " min");
    KioskHarness h;
    checkInAnonymously(h);

    h.clock().advance(jump);
    h.frames(1);
    CHECK(h.screen() == Screen::CheckInDone);  // a correction is not time passing
    h.monotonicClock().advance(kDoneScreenMs - 1000);
    h.frames(1);
    CHECK(h.screen() == Screen::CheckInDone);
    h.monotonicClock().advance(1000);
    h.frames(1);
    CHECK(h.screen() == Screen::Home);
}

TEST_CASE("a wall clock jumping forward does not cut off someone typing; 60 s without a touch still does",
          "[flow][clock]") {
    KioskHarness h;
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.first_visit"));
    h.typeOnKeyboard("Inès");

    h.clock().advance(kHourMs);
    h.frames(2);
    CHECK(h.screen() == Screen::SignUp);
    CHECK(h.ui().signUp.firstName == "Inès");

    h.monotonicClock().advance(kInactivityMs);
    h.frames(1);
    CHECK(h.screen() == Screen::Home);
    CHECK(h.ui().signUp.firstName.empty());
}

TEST_CASE("what is stored and shown stays dated by the corrected wall clock", "[flow][clock]") {
    KioskHarness h;
    h.clock().advance(-kHourMs);  // the hub said this kiosk was an hour ahead
    const TimeMs corrected = h.clock().now();
    checkInAnonymously(h);
    const auto visits = loadVisitsStartedBetween(h.store().db(), "fleurie-boulangerie", 0, corrected + kHourMs);
    REQUIRE(visits.size() == 1);
    CHECK(visits[0].startedAt >= corrected);
    CHECK(visits[0].startedAt < corrected + kMinuteMs);
    CHECK(h.app().view().now >= corrected);
    CHECK(h.app().view().now < corrected + kMinuteMs);
}
