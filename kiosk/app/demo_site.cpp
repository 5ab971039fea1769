#include "app/demo_site.hpp"

#include <stdexcept>

#include "app/kiosk_view.hpp"
#include "events/entity_codec.hpp"
#include "import/network_import.hpp"
#include "json/json_reader.hpp"

namespace cowork::kiosk {
namespace {

constexpr const char* kDemoAnnouncementId = "demo-annonce-atelier";

// The travel times that differ from the estimate (the communes come with the
// import, as a hub's do).
void rememberTravelOverrides(Store& store, const NetworkFile& network) {
    Json overrides = Json::array();
    for (const TravelOverride& o : network.travelOverrides) overrides.push_back(Json::array({o.fromSiteId, o.toSiteId, o.minutes}));
    store.setMeta(meta::kTravelOverrides, overrides.dump());
}

void publishDemoAnnouncement(Store& store, const std::string& text, TimeMs now) {
    if (store.meta("demo.announcement")) return;
    const LocalDate today = toParisLocal(now).date;
    Announcement announcement{kDemoAnnouncementId, std::nullopt, text, today, addDays(today, 30)};
    store.recordLocal({store.makeEvent(AnnouncementPublished{announcement}, now)}, now);
    store.setMeta("demo.announcement", kDemoAnnouncementId);
}

}  // namespace

void setUpDemoSite(Store& store, const std::string& networkFilePath, const std::string& siteId,
                   const std::string& announcement, TimeMs now) {
    const NetworkFile network = loadNetworkFile(networkFilePath);
    bool found = false;
    for (const Site& site : network.sites) found = found || site.id == siteId;
    if (!found) throw std::runtime_error("site de démonstration inconnu dans " + networkFilePath + " : " + siteId);
    const std::size_t queuedBefore = store.outboxDepth();
    importNetwork(store, network, now);
    store.setMeta(meta::kSiteId, siteId);
    store.setMeta(meta::kDemo, "1");
    rememberTravelOverrides(store, network);
    publishDemoAnnouncement(store, announcement, now);
    // The configuration is the coordinator's, not this kiosk's to send: out of
    // the outbox, so that only the visitors' own changes show as waiting.
    std::vector<std::string> configuration;
    const std::vector<Event> queued = store.outbox(store.outboxDepth());
    for (std::size_t i = queuedBefore; i < queued.size(); ++i) configuration.push_back(queued[i].id);
    store.acknowledge(configuration);
}

}  // namespace cowork::kiosk
