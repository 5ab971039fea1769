// Sign-up's communes on a kiosk enrolled with a real hub: the list comes from
// the network file the hub imported, through sync, not from --demo.
// Built with the kiosk app only (the view is the app's).
#include <catch2/catch.hpp>

#include "app/kiosk_view.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

TEST_CASE("an enrolled kiosk's sign-up lists the network's communes, its own first, after a sync", "[sync][communes]") {
    RunningHub hub;  // the demo network imported
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "beaujeu-tiers-lieu").ok());
    kiosk.syncUntilEmpty();

    const std::vector<std::string> expected = {
        "Beaujeu", "Hors du territoire", "Aigueperse", "Azolette", "Belleville-en-Beaujolais", "Cenves", "Cercié",
        "Charentay", "Chénas", "Chénelette", "Chiroubles", "Corcelles-en-Beaujolais", "Deux-Grosnes", "Dracé", "Émeringes",
        "Fleurie", "Juliénas", "Jullié", "Lancié", "Lantignié", "Les Ardillats", "Marchampt", "Odenas", "Propières",
        "Quincié-en-Beaujolais", "Régnié-Durette", "Saint-Bonnet-des-Bruyères", "Saint-Didier-sur-Beaujeu",
        "Saint-Étienne-la-Varenne", "Saint-Georges-de-Reneins", "Saint-Igny-de-Vers", "Saint-Lager", "Taponas", "Vauxrenard",
        "Vernay", "Villié-Morgon"};
    CHECK(kiosk::loadKioskView(kiosk.store(), kiosk.now()).communes == expected);

    // The coordinator adds a commune to the file and imports it again: the kiosk follows.
    NetworkFile network = loadNetworkFile(cowork::hub::testing::kDemoNetwork);
    network.communes.push_back("Arnas");
    hub.storage().importNetwork(network, systemNowMs());
    kiosk.syncUntilEmpty();
    const std::vector<std::string> communes = kiosk::loadKioskView(kiosk.store(), kiosk.now()).communes;
    REQUIRE(communes.size() == expected.size() + 1);
    CHECK(communes[2] == "Aigueperse");
    CHECK(communes[3] == "Arnas");  // in its French place, before Azolette
}
