#include "import/network_import.hpp"

#include <algorithm>
#include <map>

#include "store/network_reads.hpp"
#include "store/site_reads.hpp"

namespace cowork {

std::vector<Event> eventsToMatchNetwork(Store& store, const NetworkFile& network, TimeMs nowMs,
                                        NetworkImportReport& report) {
    std::vector<Event> events;
    for (const Site& site : network.sites) {
        const std::optional<Site> current = loadSite(store.db(), site.id);
        if (current == site) continue;
        (current ? report.sitesUpdated : report.sitesAdded)++;
        events.push_back(store.makeEvent(SiteConfigured{site}, nowMs));
    }
    std::map<std::string, std::vector<Place>> currentPlacesBySite;
    for (const Site& site : network.sites) currentPlacesBySite[site.id] = loadPlaces(store.db(), site.id);
    for (const Place& place : network.places) {
        const auto& current = currentPlacesBySite[place.siteId];
        const auto it = std::find_if(current.begin(), current.end(), [&](const Place& p) { return p.id == place.id; });
        if (it != current.end() && it->label == place.label) continue;
        (it != current.end() ? report.placesUpdated : report.placesAdded)++;
        events.push_back(store.makeEvent(PlaceConfigured{place.id, place.siteId, place.label}, nowMs));
    }
    // The whole list in one event: a kiosk never holds half of one file's list
    // and half of another's, whatever order the writes arrive in.
    const auto communes = loadNetworkCommunes(store.db());
    if (communes ? *communes != network.communes : !network.communes.empty()) {
        report.communesChanged = true;
        events.push_back(store.makeEvent(NetworkCommunesSet{network.communes}, nowMs));
    }
    return events;
}

NetworkImportReport importNetwork(Store& store, const NetworkFile& network, TimeMs nowMs) {
    NetworkImportReport report;
    const std::vector<Event> events = eventsToMatchNetwork(store, network, nowMs, report);
    if (!events.empty()) store.recordLocal(events, nowMs);
    return report;
}

}  // namespace cowork
