// A kiosk's side of sync in its store: what is sent, how an answer is taken in.
#include <catch2/catch.hpp>

#include "store/state_dump.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;

std::string checkIn(Store& store, TimeMs at) {
    const std::string visit = newUuid7(at);
    store.recordLocal({store.makeEvent(VisitStarted{visit, "fleurie-boulangerie", "fleurie-boulangerie/fenetre", std::nullopt, at}, at)}, at);
    return visit;
}

SyncResponse answer(const std::vector<std::string>& acked, std::int64_t cursor, const std::string& epoch) {
    SyncResponse response;
    response.acked = acked;
    response.cursor = cursor;
    response.epoch = epoch;
    response.serverTimeMs = kNow;
    return response;
}

std::vector<std::string> ids(const std::vector<Event>& events) {
    std::vector<std::string> out;
    for (const Event& e : events) out.push_back(e.id);
    return out;
}

}  // namespace

TEST_CASE("an answer acknowledges, moves the cursor and epoch, and a new epoch queues recent events again", "[sync]") {
    TempDir dir;
    Store kiosk(dir.file("k.db"));
    checkIn(kiosk, kNow - 40 * kDayMs);  // older than the 30 days kept for a restored hub
    checkIn(kiosk, kNow - kDayMs);
    checkIn(kiosk, kNow);
    const SyncRequest first = nextSyncRequest(kiosk, kNow, 10, "t");
    CHECK(first.cursor == 0);
    CHECK(first.epoch.empty());
    REQUIRE(first.events.size() == 3);

    applySyncResponse(kiosk, answer(ids(first.events), 120, "epoch-1"), kNow, "boot");
    CHECK(kiosk.outboxDepth() == 0);
    const SyncRequest second = nextSyncRequest(kiosk, kNow, 10, "t");
    CHECK(second.cursor == 120);
    CHECK(second.epoch == "epoch-1");

    // One was refused and set aside: it does not go back in the queue.
    setAsideEvent(kiosk, first.events[1].id, "refusé", kNow);
    const SyncOutcome restored = applySyncResponse(kiosk, answer({}, 7, "epoch-2"), kNow, "boot");
    CHECK(restored.epochChanged);
    CHECK(restored.requeued == 1);
    const SyncRequest third = nextSyncRequest(kiosk, kNow, 10, "t");
    REQUIRE(third.events.size() == 1);
    CHECK(third.events[0].id == first.events[2].id);
    CHECK(third.cursor == 7);
    CHECK(third.setAside.size() == 1);
}

TEST_CASE("set-aside reports go newest first, with reasons cut on a character boundary", "[sync]") {
    TempDir dir;
    Store kiosk(dir.file("k.db"));
    checkIn(kiosk, kNow);
    checkIn(kiosk, kNow + 1);
    const auto queued = kiosk.outbox(10);
    std::string reason;
    while (reason.size() < 400) reason += "é";  // two bytes each: byte 300 falls inside none, 299 would
    setAsideEvent(kiosk, queued[0].id, "x" + reason, kNow);
    setAsideEvent(kiosk, queued[1].id, "court", kNow + 5);
    const SyncRequest request = nextSyncRequest(kiosk, kNow, 10, "t");
    REQUIRE(request.setAside.size() == 2);
    CHECK(request.setAside[0].reason == "court");
    CHECK(request.setAside[1].reason.size() <= 300);
    CHECK(request.setAside[1].reason.size() >= 298);
    // What was cut is still valid UTF-8: the JSON encoder would throw otherwise.
    CHECK_NOTHROW(toJson(request).dump());
    CHECK(request.events.empty());
    CHECK(kiosk.findEvent(queued[0].id).has_value());
}

TEST_CASE("an event the hub sends with another content than the kiosk's copy is passed over, not blocking", "[sync]") {
    TempDir dir;
    Store kiosk(dir.file("k.db"));
    Store hub(dir.file("h.db"), StoreRole::Hub);
    const Event original = hub.makeEvent(AnnouncementWithdrawn{"a-1"}, kNow);
    kiosk.applyReceived({original}, kNow);
    Event altered = original;
    altered.payload = AnnouncementWithdrawn{"a-2"};
    SyncResponse response = answer({}, 50, "e");
    response.changes.events = {altered, hub.makeEvent(AnnouncementWithdrawn{"a-3"}, kNow)};
    const SyncOutcome outcome = applySyncResponse(kiosk, response, kNow, "boot");
    CHECK(outcome.conflicts == 1);
    CHECK(outcome.received == 1);
    CHECK(nextSyncRequest(kiosk, kNow, 1, "t").cursor == 50);
}

TEST_CASE("the hub's clock offset counts only within the boot that measured it, and once the queue is empty", "[sync][clock]") {
    TempDir dir;
    Store kiosk(dir.file("k.db"));
    checkIn(kiosk, kNow);
    SyncResponse response = answer({}, 1, "e");
    response.serverTimeMs = kNow + 6 * kHourMs;
    applySyncResponse(kiosk, response, kNow, "boot-1");
    CHECK_FALSE(hubClockOffset(kiosk, "boot-1").has_value());  // one event still queued, made with the old clock

    response.acked = ids(kiosk.outbox(10));
    applySyncResponse(kiosk, response, kNow, "boot-1");
    CHECK(hubClockOffset(kiosk, "boot-1") == 6 * kHourMs);
    CHECK_FALSE(hubClockOffset(kiosk, "boot-2").has_value());
    // Measured again from the same device clock (the next page of the same
    // round), the offset stays put: it does not add up exchange by exchange.
    applySyncResponse(kiosk, response, kNow, "boot-1");
    CHECK(hubClockOffset(kiosk, "boot-1") == 6 * kHourMs);
    // The last success is dated by the corrected clock, which Home compares it with.
    CHECK(loadSyncHealth(kiosk).lastSuccessAt == kNow + 6 * kHourMs);
}
