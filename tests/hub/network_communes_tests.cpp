// The network's communes (sign-up's "where do you live") are configuration the
// hub holds from the network file and sends to every kiosk.
#include <catch2/catch.hpp>

#include "hub_test_support.hpp"

using namespace cowork;
using cowork::hub::testing::kDemoNetwork;
using cowork::hub::testing::RunningHub;

namespace {

std::int64_t communeLists(RunningHub& hub) {
    return hub.count("SELECT count(*) FROM events WHERE kind = 'network.communes_set'");
}

}  // namespace

TEST_CASE("importing the network logs its communes once, and again only when the list changes", "[hub][import]") {
    RunningHub hub;  // the demo network imported
    CHECK(communeLists(hub) == 1);

    const NetworkImportReport same = hub.storage().importNetwork(loadNetworkFile(kDemoNetwork), systemNowMs());
    CHECK_FALSE(same.changedAnything());
    CHECK(communeLists(hub) == 1);

    NetworkFile network = loadNetworkFile(kDemoNetwork);
    network.communes.push_back("Saint-Jean-d'Ardières");
    const NetworkImportReport changed = hub.storage().importNetwork(network, systemNowMs());
    CHECK(changed.communesChanged);
    CHECK(changed.sitesUpdated + changed.placesUpdated == 0);
    CHECK(communeLists(hub) == 2);
}
