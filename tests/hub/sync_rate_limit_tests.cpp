// The per-kiosk limit on sync: a kiosk in a loop is refused (429, Retry-After)
// while the others sync as usual, and a kiosk at its normal pace never is.
#include <catch2/catch.hpp>

#include "hub_test_support.hpp"
#include "service/sync_rate_limit.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

httplib::Result postSync(const RunningHub& hub, const FakeKiosk& kiosk) {
    return hub.client()->Post("/api/v1/sync", {{"Authorization", "Bearer " + kiosk.token()}}, kiosk.syncBody({}),
                              "application/json");
}

}  // namespace

TEST_CASE("a kiosk's bucket holds ten syncs and gains one every 2 s", "[hub][sync][ratelimit]") {
    SyncRateLimiter limiter(SyncRateLimit{});
    const TimeMs t = 1'000'000;
    for (int i = 0; i < kSyncBurst; ++i) CHECK(limiter.take("kiosk-a", t) == 0);
    CHECK(limiter.take("kiosk-a", t) == kSyncRefillMs);
    CHECK(limiter.take("kiosk-a", t + 500) == 1'500);  // a refused request costs nothing
    CHECK(limiter.take("kiosk-b", t) == 0);            // each kiosk its own bucket
    CHECK(limiter.take("kiosk-a", t + 2'000) == 0);
    CHECK(limiter.take("kiosk-a", t + 2'000) > 0);
    CHECK(limiter.take("kiosk-a", t - 60'000) > 0);  // a clock set back gives nothing
    // An hour offline refills the burst, no more.
    for (int i = 0; i < kSyncBurst; ++i) CHECK(limiter.take("kiosk-a", t + kHourMs) == 0);
    CHECK(limiter.take("kiosk-a", t + kHourMs) > 0);
}

TEST_CASE("after the clock steps back, a kiosk's bucket refills from the new time", "[hub][sync][ratelimit]") {
    SyncRateLimiter limiter(SyncRateLimit{2, 2'000});
    const TimeMs t = 1'000'000;
    CHECK(limiter.take("kiosk-a", t) == 0);
    CHECK(limiter.take("kiosk-a", t) == 0);
    const TimeMs stepped = t - kHourMs;  // the clock set back an hour
    CHECK(limiter.take("kiosk-a", stepped) > 0);
    // Two refills later by the new clock, not an hour and more.
    CHECK(limiter.take("kiosk-a", stepped + 4'000) == 0);
}

TEST_CASE("the eleventh quick sync of a kiosk is refused with Retry-After, and another kiosk is not", "[hub][sync][ratelimit]") {
    RunningHub hub;
    FakeKiosk runaway(hub, "fleurie-boulangerie");
    FakeKiosk other(hub, "villie-morgon-bar");
    // The hub's clock held still, whatever this machine's pace: nothing refills.
    const TimeMs frozenAt = systemNowMs();
    const auto freeze = [&] { hub.clockShiftMs = frozenAt - systemNowMs(); };
    for (int i = 0; i < 10; ++i) {
        freeze();
        const auto reply = postSync(hub, runaway);
        REQUIRE(reply);
        CHECK(reply->status == 200);
    }
    freeze();
    const auto refused = postSync(hub, runaway);
    REQUIRE(refused);
    CHECK(refused->status == 429);
    const std::string retryAfter = refused->get_header_value("Retry-After");
    INFO("Retry-After: " << retryAfter);
    REQUIRE_FALSE(retryAfter.empty());
    CHECK(retryAfter == "2");
    const Json error = parseJson(refused->body);
    CHECK(error["error"].get<std::string>().find("trop de synchronisations de ce kiosque") != std::string::npos);

    freeze();
    const auto others = postSync(hub, other);
    REQUIRE(others);
    CHECK(others->status == 200);

    // Counted where the operator looks.
    const std::string metrics = hub.get("/metrics").body;
    CHECK(metrics.find("cowork_hub_sync_rate_limited_total 1\n") != std::string::npos);
    CHECK(metrics.find("route=\"/api/v1/sync\",status=\"429\"} 1\n") != std::string::npos);

    // Once the delay it was given has passed, the kiosk is served again.
    hub.clockShiftMs = frozenAt - systemNowMs() + 2'100;  // the 2 s, and the requests' own milliseconds
    const auto later = postSync(hub, runaway);
    REQUIRE(later);
    CHECK(later->status == 200);
}

TEST_CASE("a kiosk syncing every 30 s, catching up after a night offline, is never limited", "[hub][sync][ratelimit]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const TimeMs start = -kDayMs;
    int refused = 0;
    for (int i = 0; i < 240; ++i) {  // two hours of a kiosk's rounds
        hub.clockShiftMs = start + i * 30'000;
        const auto reply = postSync(hub, kiosk);
        REQUIRE(reply);
        if (reply->status != 200) ++refused;
    }
    // Back after a night: a round of ten exchanges at once (ten batches or pages).
    hub.clockShiftMs = start + 12 * kHourMs;
    for (int i = 0; i < kSyncBurst; ++i) {
        const auto reply = postSync(hub, kiosk);
        REQUIRE(reply);
        if (reply->status != 200) ++refused;
    }
    CHECK(refused == 0);
}
