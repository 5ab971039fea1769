// Epochs: a kiosk whose cursor belongs to another history of the hub's log takes
// the changes from the start.
#include <catch2/catch.hpp>

#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;
using cowork::hub::testing::syncAccepted;

namespace {

std::size_t sitesIn(const SyncResponse& response) {
    std::size_t sites = 0;
    for (const Event& e : response.changes.events) sites += std::holds_alternative<SiteConfigured>(e.payload);
    return sites;
}

SyncRequest at(const FakeKiosk& kiosk, std::int64_t cursor, const std::string& epoch, const std::vector<Event>& events = {}) {
    SyncRequest request = kiosk.syncRequest(events, cursor);
    request.epoch = epoch;
    return request;
}

}  // namespace

TEST_CASE("a kiosk at another epoch takes the changes from the start, in the hub's epoch", "[hub][epoch]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const SyncResponse first = syncAccepted(hub, kiosk, kiosk.syncRequest({}));
    REQUIRE(sitesIn(first) == 13);
    CHECK(first.epoch == hub.storage().epoch());
    CHECK(sitesIn(syncAccepted(hub, kiosk, at(kiosk, first.cursor, first.epoch))) == 0);

    const std::string renewed = hub.storage().startNewEpoch(systemNowMs());
    REQUIRE(renewed != first.epoch);
    const SyncResponse after = syncAccepted(hub, kiosk, at(kiosk, first.cursor, first.epoch));
    CHECK(after.epoch == renewed);
    CHECK(sitesIn(after) == 13);
    CHECK(sitesIn(syncAccepted(hub, kiosk, at(kiosk, after.cursor, after.epoch))) == 0);
}

TEST_CASE("a cursor past the end of the log starts one new epoch, not one per kiosk", "[hub][epoch]") {
    RunningHub hub;
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    const SyncResponse first = syncAccepted(hub, fleurie, fleurie.syncRequest({}));
    // Both kiosks saw 50 events that the hub's file no longer has (copied back
    // from an older file without `backup` or `new-epoch`).
    const std::int64_t lost = first.cursor + 50;

    // The kiosk's own batch must not hide the gap by lengthening the log.
    std::vector<Event> checkIns;
    for (int i = 0; i < 60; ++i) checkIns.push_back(fleurie.checkIn("fleurie-boulangerie/fenetre"));
    const SyncResponse renewed = syncAccepted(hub, fleurie, at(fleurie, lost, first.epoch, checkIns));
    CHECK(renewed.epoch != first.epoch);
    CHECK(renewed.epoch == hub.storage().epoch());
    CHECK(sitesIn(renewed) == 13);
    CHECK(renewed.acked.size() == 60);

    const SyncResponse second = syncAccepted(hub, beaujeu, at(beaujeu, lost, first.epoch));
    CHECK(second.epoch == renewed.epoch);
    CHECK(sitesIn(second) == 13);

    const SyncResponse next = syncAccepted(hub, fleurie, at(fleurie, renewed.cursor, renewed.epoch));
    CHECK(next.epoch == renewed.epoch);
    CHECK(next.changes.events.empty());
    CHECK(hub.storage().epoch() == renewed.epoch);
}

TEST_CASE("a cursor at the end of the log, or from a kiosk without an epoch, starts no new epoch", "[hub][epoch]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const SyncResponse first = syncAccepted(hub, kiosk, kiosk.syncRequest({}));
    CHECK(first.cursor == hub.storage().logEnd());
    CHECK(syncAccepted(hub, kiosk, at(kiosk, first.cursor, first.epoch)).epoch == first.epoch);

    // No epoch to compare: the kiosk gets everything again, and the hub keeps its epoch.
    const SyncResponse blind = syncAccepted(hub, kiosk, at(kiosk, first.cursor + 50, ""));
    CHECK(blind.epoch == first.epoch);
    CHECK(sitesIn(blind) == 13);
    CHECK(hub.storage().epoch() == first.epoch);
}

TEST_CASE("the log's end does not go back when retention deletes its last events", "[hub][epoch]") {
    RunningHub hub;
    const std::int64_t before = hub.storage().logEnd();
    hub.storage().recordHubEvents({SiteOverrideSet{"beaujeu-tiers-lieu", SiteOverride::None, "essai"}}, systemNowMs());
    Database db(hub.databasePath());
    db.prepare("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)").run();
    CHECK(hub.storage().logEnd() == before + 1);
}

TEST_CASE("a sync refused for its batch starts no new epoch, even with a cursor past the end of the log", "[hub][epoch]") {
    RunningHub hub;
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const SyncResponse first = syncAccepted(hub, fleurie, fleurie.syncRequest({}));
    const Event original = fleurie.checkIn("fleurie-boulangerie/fenetre");
    syncAccepted(hub, fleurie, at(fleurie, first.cursor, first.epoch, {original}));
    const std::int64_t events = hub.count("SELECT count(*) FROM events");
    const std::int64_t lastSeen = hub.count("SELECT last_seen FROM hub_devices WHERE device_id = '" + fleurie.deviceId() + "'");

    // The same id with another content is refused: the cursor past the end must
    // then renew nothing, since the kiosk was told nothing.
    Event altered = original;
    std::get<VisitStarted>(altered.payload).placeId = "fleurie-boulangerie/comptoir";
    const Reply refused = hub.post("/api/v1/sync", toJson(at(fleurie, first.cursor + 500, first.epoch, {altered})).dump(), fleurie.token());
    CHECK(refused.status == 409);
    CHECK(hub.storage().epoch() == first.epoch);
    CHECK(hub.count("SELECT count(*) FROM events") == events);
    CHECK(hub.count("SELECT last_seen FROM hub_devices WHERE device_id = '" + fleurie.deviceId() + "'") == lastSeen);
}
