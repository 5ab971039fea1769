#include <catch2/catch.hpp>

#include "import/network_import.hpp"
#include "store/site_reads.hpp"
#include "store/state_dump.hpp"
#include "test_support.hpp"

using namespace cowork;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;

NetworkFile demoNetwork() { return loadNetworkFile(COWORK_SOURCE_DIR "/assets/demo/ccsb-network.json"); }

}  // namespace

TEST_CASE("importing the demo network creates its sites and places, and a second import changes nothing", "[import]") {
    cowork::testing::TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    const NetworkFile network = demoNetwork();

    const NetworkImportReport first = importNetwork(hub, network, kNow);
    CHECK(first.sitesAdded == 13);
    CHECK(first.placesAdded == static_cast<int>(network.places.size()));
    CHECK(loadSites(hub.db()).size() == 13);
    CHECK(loadSite(hub.db(), "fleurie-boulangerie") == network.sites[5]);
    CHECK(hub.outboxDepth() == 0);  // the hub queues nothing

    const auto events = hub.eventCount();
    const Json state = dumpProjections(hub.db());
    const NetworkImportReport second = importNetwork(hub, network, kNow + 1000);
    CHECK_FALSE(second.changedAnything());
    CHECK(hub.eventCount() == events);
    CHECK(dumpProjections(hub.db()) == state);
}

TEST_CASE("an import after a change to the file writes only what changed", "[import]") {
    cowork::testing::TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    NetworkFile network = demoNetwork();
    importNetwork(hub, network, kNow);

    network.sites[0].hours.weekly[0] = {{9 * 60, 17 * 60}};
    network.places[0].label = "Grande table";
    const auto before = hub.eventCount();
    const NetworkImportReport report = importNetwork(hub, network, kNow + 1000);
    CHECK(report.sitesUpdated == 1);
    CHECK(report.sitesAdded == 0);
    CHECK(report.placesUpdated == 1);
    CHECK(hub.eventCount() == before + 2);
    CHECK(loadSite(hub.db(), network.sites[0].id)->hours.weekly[0] == DayRanges{{540, 1020}});
    CHECK(loadPlaces(hub.db(), network.places[0].siteId)[0].label == "Grande table");
}
