#include <catch2/catch.hpp>

#include <set>

#include "events/hlc.hpp"
#include "events/uuid7.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cowork;

TEST_CASE("UUIDv7 ids carry their time, have the right version and sort in creation order", "[ids]") {
    Uuid7Generator generator;
    const TimeMs t = 1'780'000'000'123;
    std::string previous;
    std::set<std::string> seen;
    for (int i = 0; i < 5000; ++i) {
        const std::string id = generator.next(t + i / 1000);
        REQUIRE(isUuid(id));
        REQUIRE(id[14] == '7');
        REQUIRE((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
        REQUIRE(id > previous);
        REQUIRE(seen.insert(id).second);
        previous = id;
    }
    CHECK(uuid7TimeMs(generator.next(t + 10)) == t + 10);
    // A clock stepping back does not reorder ids.
    CHECK(generator.next(t - 60'000) > previous);
    CHECK_FALSE(isUuid("0190-not-a-uuid"));
}

TEST_CASE("the hybrid logical clock follows time and stays ordered when it does not", "[ids]") {
    HybridLogicalClock clock;
    const HlcStamp a = clock.tick(1000);
    const HlcStamp b = clock.tick(1000);
    CHECK(b > a);
    CHECK(b.wallMs() == 1000);
    CHECK(b.counter() == 1);
    // The physical clock jumps back (a Pi booting in 1970): stamps still increase.
    const HlcStamp c = clock.tick(5);
    CHECK(c > b);
    // A stamp from a device far ahead pulls local stamps after it.
    const HlcStamp remote = HlcStamp::of(9'000'000, 3);
    CHECK(clock.observe(remote, 2000) > remote);
    CHECK(clock.tick(2000) > remote);
    const HlcStamp later = clock.tick(10'000'000);
    CHECK(later.wallMs() == 10'000'000);
    CHECK(later.counter() == 0);
}

TEST_CASE("a clock ahead is taken back within the bound of the hub's time, and the hub's follows no stamp past its own", "[ids][clock]") {
    const TimeMs hubNow = 1'780'000'000'000;
    const TimeMs yearAhead = hubNow + 365 * kDayMs;
    HybridLogicalClock clock;
    clock.tick(yearAhead);
    clock.limitTo(driftCeiling(hubNow));
    CHECK(clock.tick(hubNow).wallMs() <= hubNow + kMaxClockDriftMs);

    cowork::testing::TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    const Event ahead = kiosk.makeEvent(AnnouncementWithdrawn{"a-1"}, yearAhead);
    hub.applyReceived({ahead}, hubNow);
    CHECK(hub.makeEvent(AnnouncementWithdrawn{"a-2"}, hubNow).stamp.wallMs() <= hubNow + kMaxClockDriftMs);
    CHECK(std::stoll(*hub.meta("hlc_last")) <= driftCeiling(hubNow).packed);

    // The kiosk's sync worker takes the clock back on its own connection: the
    // app's connection to the same file stamps from there too.
    kiosk.recordLocal({ahead}, yearAhead);
    Store worker(dir.file("kiosk.db"));
    {
        Transaction transaction(worker.db());
        worker.limitClock(hubNow);
        transaction.commit();
    }
    const Event after = kiosk.makeEvent(AnnouncementWithdrawn{"a-3"}, hubNow);
    CHECK(after.stamp.wallMs() <= hubNow + kMaxClockDriftMs);
    // ...and still later than what it stamped before in this action's turn.
    CHECK(kiosk.makeEvent(AnnouncementWithdrawn{"a-4"}, hubNow).stamp > after.stamp);
}
