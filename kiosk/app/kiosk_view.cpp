#include "app/kiosk_view.hpp"

#include <algorithm>
#include <cctype>

#include "domain/travel_time.hpp"
#include "i18n/french_collation.hpp"
#include "json/json_reader.hpp"
#include "store/animation_reads.hpp"
#include "store/kiosk_reads.hpp"
#include "store/network_reads.hpp"
#include "store/site_reads.hpp"
#include "sync/kiosk_sync_store.hpp"

namespace cowork::kiosk {
namespace {

// Sign-up's choices: this site's commune first (where most visitors live),
// then outside the territory, then the network's communes in French order.
// The list is the hub's (the network file it imported), received by sync. No
// list known: no choices (the step is skipped).
std::vector<std::string> loadCommunes(Store& store, const std::string& here) {
    std::vector<std::string> network = loadNetworkCommunes(store.db()).value_or(std::vector<std::string>{});
    if (network.empty()) return network;
    std::erase_if(network, [&](const std::string& name) { return name == here || name == kOutsideTerritory; });
    std::sort(network.begin(), network.end(), [](const std::string& a, const std::string& b) { return frenchCollationLess(a, b); });
    std::vector<std::string> communes = {here, kOutsideTerritory};
    communes.insert(communes.end(), network.begin(), network.end());
    return communes;
}

std::vector<TravelOverride> loadTravelOverrides(Store& store) {
    std::vector<TravelOverride> overrides;
    if (const auto text = store.meta(meta::kTravelOverrides)) {
        for (const auto& row : parseJson(*text)) {
            overrides.push_back({row.at(0).get<std::string>(), row.at(1).get<std::string>(), row.at(2).get<int>()});
        }
    }
    return overrides;
}

// "Place 2" before "Place 10": numbers inside labels compare as numbers.
bool naturalLess(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
        const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
        if (da && db) {
            std::size_t ei = i, ej = j;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
            const std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

std::vector<PlaceView> loadPlaceViews(Database& db, const std::string& siteId) {
    const std::vector<Visit> open = loadOpenVisits(db, siteId);
    std::vector<PlaceView> places;
    for (Place& place : loadPlaces(db, siteId)) {
        PlaceView view{std::move(place), std::nullopt};
        for (const Visit& visit : open) {
            if (visit.placeId == view.place.id) view.visit = visit;
        }
        places.push_back(std::move(view));
    }
    std::stable_sort(places.begin(), places.end(),
                     [](const PlaceView& a, const PlaceView& b) { return naturalLess(a.place.label, b.place.label); });
    return places;
}

NetworkSiteView networkEntry(Database& db, const Site& site, const TravelTimes& travel, const std::string& hereId,
                             TimeMs now) {
    NetworkSiteView entry;
    entry.site = site;
    entry.here = site.id == hereId;
    entry.travelMinutes = travel.minutesBetween(hereId, site.id);
    const SiteOverrideState override = loadSiteOverride(db, site.id);
    entry.openNow = siteStatusAt(site, override.value, override.reason, now).open;
    if (!entry.here) {
        // Other sites' visits never reach this kiosk: only the hub's count says who is there.
        // as_of 0: the hub has never heard from that site's kiosk, so it knows nothing either.
        if (const auto reported = loadSiteAvailability(db, site.id); reported && reported->asOf > 0) {
            entry.freePlaces = reported->freePlaces;
            entry.placesInService = reported->placesInService;
            entry.freePlacesAsOf = reported->asOf;
        }
        return entry;
    }
    for (const PlaceView& place : loadPlaceViews(db, site.id)) {
        if (place.place.inService) ++entry.placesInService;
        if (place.free()) ++entry.freePlaces;
    }
    return entry;
}

std::vector<NetworkSiteView> loadNetwork(Store& store, const std::string& hereId, TimeMs now) {
    const std::vector<Site> sites = loadSites(store.db());
    const TravelTimes travel(sites, loadTravelOverrides(store));
    std::vector<NetworkSiteView> network;
    for (const Site& site : sites) network.push_back(networkEntry(store.db(), site, travel, hereId, now));
    std::stable_sort(network.begin(), network.end(),
                     [](const NetworkSiteView& a, const NetworkSiteView& b) { return a.travelMinutes < b.travelMinutes; });
    return network;
}

// Registered here, or elsewhere as the hub's directory tells.
std::optional<std::string> firstNameOf(Database& db, const std::string& memberId) {
    if (const auto member = loadMember(db, memberId)) return member->firstName;
    return directoryFirstName(db, memberId);
}

void loadVisitorNames(Database& db, KioskView& view) {
    for (const Visit& visit : view.todaysVisits) {
        if (visit.memberId && !view.firstNames.contains(*visit.memberId)) {
            if (const auto name = firstNameOf(db, *visit.memberId)) view.firstNames[*visit.memberId] = *name;
        }
    }
}

void loadAnimations(Database& db, KioskView& view) {
    for (AnimationSession& session : loadOpenAnimations(db, view.site.id)) {
        std::string name = firstNameOf(db, session.memberId).value_or("");
        view.animations.push_back({std::move(session), std::move(name)});
    }
    for (const AnimatorSites& animator : loadAnimators(db)) {
        for (const std::string& siteId : animator.siteIds) view.hasAnimators = view.hasAnimators || siteId == view.site.id;
    }
}

SyncView loadSyncView(Store& store, TimeMs now) {
    const SyncHealth health = loadSyncHealth(store);
    SyncView sync;
    sync.enrolled = health.enrolled;
    sync.everSynced = health.lastSuccessAt.has_value();
    sync.lastSuccessAt = health.lastSuccessAt.value_or(0);
    sync.failingSince = health.failingSince;
    sync.problemKey = health.lastError;
    sync.pending = health.outboxDepth;
    sync.setAside = health.setAside;
    sync.updateNeeded = health.updateNeeded;
    sync.codeChanges = recentMemberCodeChanges(store.db(), now);
    sync.enrollmentProblemKey = store.meta(meta::kEnrollmentProblem).value_or("");
    sync.enrollmentPending = store.meta(meta::kEnrollmentCode).has_value();
    return sync;
}

TimeMs startOfParisDay(TimeMs now) { return parisLocalToUtc(toParisLocal(now).date, 0); }

}  // namespace

int KioskView::freePlaces() const {
    return static_cast<int>(std::count_if(places.begin(), places.end(), [](const PlaceView& p) { return p.free(); }));
}

const PlaceView* KioskView::place(const std::string& placeId) const {
    for (const PlaceView& p : places) {
        if (p.place.id == placeId) return &p;
    }
    return nullptr;
}

KioskView loadKioskView(Store& store, TimeMs now) {
    KioskView view;
    view.now = now;
    view.deviceId = store.deviceId();
    view.demo = store.meta(meta::kDemo).has_value();
    view.hubAddress = store.meta(meta::kHubAddress).value_or("");
    view.sync = loadSyncView(store, now);
    const auto siteId = store.meta(meta::kSiteId);
    const auto site = siteId ? loadSite(store.db(), *siteId) : std::nullopt;
    if (!site) return view;
    view.configured = true;
    view.site = *site;
    PinStore pins(store, site->id);
    view.pinSet = pins.hasPin();
    view.pinLock = pins.lock();
    const SiteOverrideState override = loadSiteOverride(store.db(), site->id);
    view.status = siteStatusAt(*site, override.value, override.reason, now);
    view.places = loadPlaceViews(store.db(), site->id);
    view.announcements = loadCurrentAnnouncements(store.db(), site->id, toParisLocal(now).date);
    view.network = loadNetwork(store, site->id, now);
    view.communes = loadCommunes(store, site->commune);
    view.messages = loadRecentMessages(store.db(), site->id, 5);
    const TimeMs dayStart = startOfParisDay(now);
    view.todaysVisits = loadVisitsStartedBetween(store.db(), site->id, dayStart, dayStart + kDayMs + kHourMs);
    loadVisitorNames(store.db(), view);
    loadAnimations(store.db(), view);
    return view;
}

}  // namespace cowork::kiosk
