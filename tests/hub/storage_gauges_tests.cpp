#include <catch2/catch.hpp>

#include <regex>

#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;

namespace {

long gauge(const std::string& metrics, const std::string& name) {
    std::smatch match;
    if (!std::regex_search(metrics, match, std::regex("\n" + name + " ([0-9]+)\n"))) throw std::runtime_error("no " + name);
    return std::stol(match[1]);
}

}  // namespace

// /metrics answers anyone: a loop of scrapes must not read the storage (the
// writer's lock, the whole log counted) at every request.
TEST_CASE("the storage's figures in /metrics are read again only after 15 s", "[hub][metrics]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const std::string before = hub.get("/metrics").body;
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({kiosk.checkIn("fleurie-boulangerie/fenetre")}), kiosk.token()).status == 200);

    const std::string atOnce = hub.get("/metrics").body;
    CHECK(gauge(atOnce, "cowork_hub_events_stored") == gauge(before, "cowork_hub_events_stored"));
    CHECK(gauge(atOnce, "cowork_hub_devices_seen_15m") == gauge(before, "cowork_hub_devices_seen_15m"));

    hub.clockShiftMs += kStorageGaugesMaxAgeMs;
    const std::string later = hub.get("/metrics").body;
    CHECK(gauge(later, "cowork_hub_events_stored") == gauge(before, "cowork_hub_events_stored") + 1);
    CHECK(gauge(later, "cowork_hub_devices_seen_15m") == gauge(before, "cowork_hub_devices_seen_15m") + 1);
}
