// Events the hub refused that a kiosk keeps aside: reported at every sync, shown
// to the coordinator until the kiosk drops them.
#include <catch2/catch.hpp>

#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;
using cowork::hub::testing::syncAccepted;

namespace {

SyncRequest reporting(const FakeKiosk& kiosk, const std::vector<SetAsideReport>& setAside, TimeMs deviceClock = systemNowMs()) {
    SyncRequest request = kiosk.syncRequest({}, 0, deviceClock);
    request.setAside = setAside;
    return request;
}

std::vector<Json> setAsideAnomalies(const RunningHub& hub) {
    std::vector<Json> found;
    const Json reply = hub.admin("GET", "/api/v1/admin/anomalies").json();
    for (const Json& a : reply["anomalies"]) {
        if (a["kind"] == "set_aside") found.push_back(a);
    }
    return found;
}

std::int64_t setAsideCount(const RunningHub& hub, const std::string& deviceId) {
    const Json reply = hub.admin("GET", "/api/v1/admin/devices").json();
    for (const Json& d : reply["devices"]) {
        if (d["id"] == deviceId) return d["set_aside"].get<std::int64_t>();
    }
    throw std::runtime_error("device not listed: " + deviceId);
}

}  // namespace

TEST_CASE("events a kiosk keeps aside are shown to the coordinator until it drops them", "[hub][set_aside]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    // Fleurie's clock is 6 hours behind: what it reports is put on the hub's clock.
    const TimeMs hubNow = systemNowMs();
    const TimeMs fleurieNow = hubNow - 6 * kHourMs;
    const SetAsideReport wrongSite{newUuid7(hubNow), "visit.started", "ce kiosque n’écrit que pour son lieu", fleurieNow - kMinuteMs};
    const SetAsideReport takenCode{newUuid7(hubNow), "member.registered", "code membre déjà attribué", fleurieNow};
    syncAccepted(hub, fleurie, reporting(fleurie, {wrongSite, takenCode}, fleurieNow));
    syncAccepted(hub, beaujeu, reporting(beaujeu, {{newUuid7(hubNow), "place.service_changed", "place inconnue", hubNow}}));

    const std::vector<Json> shown = setAsideAnomalies(hub);
    REQUIRE(shown.size() == 3);
    const auto entry = std::find_if(shown.begin(), shown.end(), [&](const Json& a) { return a["event_id"] == wrongSite.eventId; });
    REQUIRE(entry != shown.end());
    CHECK((*entry)["device_id"] == fleurie.deviceId());
    CHECK((*entry)["event_kind"] == "visit.started");
    CHECK((*entry)["reason"] == "ce kiosque n’écrit que pour son lieu");
    CHECK((*entry)["at"].get<TimeMs>() > hubNow - 2 * kMinuteMs);
    CHECK((*entry)["at"].get<TimeMs>() < hubNow + kMinuteMs);
    CHECK(setAsideCount(hub, fleurie.deviceId()) == 2);
    CHECK(setAsideCount(hub, beaujeu.deviceId()) == 1);

    // Each sync's list replaces the last: what the kiosk dropped disappears.
    syncAccepted(hub, fleurie, reporting(fleurie, {takenCode}, fleurieNow));
    CHECK(setAsideCount(hub, fleurie.deviceId()) == 1);
    CHECK(setAsideAnomalies(hub).size() == 2);
    syncAccepted(hub, fleurie, reporting(fleurie, {}));
    CHECK(setAsideCount(hub, fleurie.deviceId()) == 0);
    const std::vector<Json> left = setAsideAnomalies(hub);
    REQUIRE(left.size() == 1);
    CHECK(left[0]["device_id"] == beaujeu.deviceId());
}

TEST_CASE("a refused sync leaves the last set-aside report as it was", "[hub][set_aside]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const TimeMs now = systemNowMs();
    syncAccepted(hub, kiosk, reporting(kiosk, {{newUuid7(now), "visit.started", "refusé", now}}));
    SyncRequest refused = reporting(kiosk, {});
    refused.events.push_back(kiosk.checkIn("fleurie-boulangerie/pas-de-place"));
    CHECK(hub.post("/api/v1/sync", toJson(refused).dump(), kiosk.token()).status == 400);
    CHECK(setAsideCount(hub, kiosk.deviceId()) == 1);
}
