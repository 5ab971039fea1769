#include "service/console_view_service.hpp"

#include <algorithm>

#include "events/entity_codec.hpp"
#include "service/kiosk_health.hpp"
#include "service/site_view_json.hpp"

namespace cowork::hub {
namespace {

constexpr std::size_t kMessagesListed = 500;

struct PlaceCounts {
    int free = 0;
    int taken = 0;
    int outOfService = 0;
    int total = 0;
};

PlaceCounts countPlaces(const std::vector<Place>& places, const std::vector<Visit>& open, SiteOverride override) {
    PlaceCounts counts;
    int freeInService = 0;
    for (const Place& place : places) {
        const bool taken = std::any_of(open.begin(), open.end(), [&](const Visit& v) { return v.placeId == place.id; });
        ++counts.total;
        counts.taken += taken ? 1 : 0;
        counts.outOfService += place.inService ? 0 : 1;
        freeInService += place.inService && !taken ? 1 : 0;
    }
    counts.free = override == SiteOverride::Full ? 0 : freeInService;
    return counts;
}

Json overviewSite(const Site& site, const PlaceCounts& places, const SiteOverrideState& forced, const SiteHealth& health,
                  TimeMs now) {
    const auto present = animatorPresentAt(site.animator.presence, now);
    return {{"id", site.id},
            {"name", site.name},
            {"kind", std::string(toString(site.kind))},
            {"commune", site.commune},
            {"lat", site.coordinates.lat},
            {"lon", site.coordinates.lon},
            {"state", siteStateValue(site, forced.value, places.free, now)},
            {"reason", siteStateReason(site, forced, now)},
            {"places", {{"free", places.free}, {"taken", places.taken}, {"out_of_service", places.outOfService}, {"total", places.total}}},
            {"animator", {{"name", site.animator.name}, {"present", present ? Json(*present) : Json(nullptr)}}},
            {"health", healthJson(health)}};
}

std::string messageState(const ConsoleMessage& m) {
    if (m.message.state == DeliveryState::Delivered) return "delivered";
    if (m.attempts > 0 && !m.lastError.empty()) return "failed";
    return std::string(toString(m.message.state));
}

Json optionalTime(const std::optional<TimeMs>& t) { return t ? Json(*t) : Json(nullptr); }

// A redacted message (past the retention period, or its sender erased) is
// listed still, empty, and says so: the console shows « message effacé ».
Json messageJson(const ConsoleMessage& m) {
    return {{"id", m.message.id},
            {"site_id", m.message.siteId},
            {"redacted", isRedacted(m.message)},
            {"from_name", m.message.fromName},
            {"contact", m.message.contact},
            {"text", m.message.text},
            {"created_at", m.message.createdAt},
            {"state", messageState(m)},
            {"attempts", m.attempts},
            {"last_error", m.lastError},
            {"next_attempt_at", optionalTime(m.nextAttemptAt)},
            {"handled_at", optionalTime(m.handledAt)}};
}

Json dayVisitsJson(const std::vector<DayVisit>& visits) {
    Json list = Json::array();
    for (const DayVisit& v : visits) {
        list.push_back({{"id", v.id},
                        {"place_id", v.placeId},
                        {"first_name", v.firstName ? Json(*v.firstName) : Json(nullptr)},
                        {"started_at", v.startedAt},
                        {"ended_at", optionalTime(v.endedAt)}});
    }
    return list;
}

// The site's kiosks, each with its own health.
Json kiosksJson(const std::vector<DeviceStatus>& devices, const std::string& siteId, bool openHours, TimeMs now) {
    Json kiosks = Json::array();
    for (const DeviceStatus& d : devices) {
        if (d.siteId != siteId) continue;
        const SiteHealth own = siteHealth({{d.lastSeen, d.setAside, d.revoked}}, openHours, now);
        kiosks.push_back({{"id", d.deviceId}, {"name", d.name}, {"app_version", d.appVersion},
                          {"last_seen", optionalTime(d.lastSeen)}, {"revoked", d.revoked}, {"set_aside", d.setAside},
                          {"health", std::string(toString(own.level))}});
    }
    return kiosks;
}

// What the site's kiosk shows or will show: its own and the network's, not withdrawn, not past.
Json currentAnnouncementsJson(const std::vector<ListedAnnouncement>& listed, const std::string& siteId, LocalDate today) {
    Json list = Json::array();
    for (const ListedAnnouncement& a : listed) {
        const bool forHere = !a.announcement.siteId || *a.announcement.siteId == siteId;
        if (forHere && !a.withdrawn && announcementState(a.announcement, today) != "past") {
            list.push_back(announcementJson(a.announcement, a.withdrawn, today));
        }
    }
    return list;
}

}  // namespace

ConsoleViewService::ConsoleViewService(HubStorage& storage, Clock clock, AuditLog& audit)
    : storage_(storage), clock_(std::move(clock)), audit_(audit) {}

Json ConsoleViewService::overview(const Principal& who) {
    const TimeMs now = clock_();
    const NetworkSnapshot network = storage_.networkSnapshot();
    const std::vector<DeviceStatus> devices = storage_.devices();
    Json sites = Json::array();
    for (const Site& site : network.sites) {
        if (!who.maySeeSite(site.id)) continue;
        const SiteOverrideState forced = siteEntry(network.overrides, site.id);
        const PlaceCounts places = countPlaces(siteEntry(network.placesBySite, site.id),
                                               siteEntry(network.openVisitsBySite, site.id), forced.value);
        const SiteHealth health = siteHealth(kioskFactsOf(devices, site.id), site.hours.isOpenAt(now), now);
        sites.push_back(overviewSite(site, places, forced, health, now));
    }
    return {{"now", now}, {"sites", sites}};
}

Json ConsoleViewService::site(const Principal& who, const std::string& siteId) {
    requireSiteVisible(who, siteId);
    const TimeMs now = clock_();
    const NetworkSnapshot network = storage_.networkSnapshot();
    const auto site = std::find_if(network.sites.begin(), network.sites.end(), [&](const Site& s) { return s.id == siteId; });
    if (site == network.sites.end()) throw ApiError(404, "lieu inconnu : « " + siteId + " »", "site_id");
    const auto& places = siteEntry(network.placesBySite, siteId);
    const auto& open = siteEntry(network.openVisitsBySite, siteId);
    const SiteOverrideState forced = siteEntry(network.overrides, siteId);
    const PlaceCounts counts = countPlaces(places, open, forced.value);

    Json placeList = Json::array();
    for (const Place& place : places) {
        placeList.push_back(placeToJson(place, std::any_of(open.begin(), open.end(), [&](const Visit& v) { return v.placeId == place.id; })));
    }
    const bool openHours = site->hours.isOpenAt(now);
    const std::vector<DeviceStatus> devices = storage_.devices();
    const LocalDate today = toParisLocal(now).date;
    Json page = {{"site", siteToJson(*site)},
                 {"places", placeList},
                 {"state", siteStateJson(*site, forced, counts.free, now)},
                 {"health", healthJson(siteHealth(kioskFactsOf(devices, siteId), openHours, now))},
                 {"preview", previewJson(site->hours, now)},
                 {"kiosks", kiosksJson(devices, siteId, openHours, now)},
                 {"announcements", currentAnnouncementsJson(storage_.listAnnouncements(), siteId, today)}};
    if (who.maySeePersonalDataOf(siteId)) {
        const TimeMs dayStart = parisLocalToUtc(today, 0);
        const TimeMs dayEnd = parisLocalToUtc(addDays(today, 1), 0);
        page["visits_today"] = dayVisitsJson(storage_.visitsStartedBetween(siteId, dayStart, dayEnd));
    }
    return page;
}

Json ConsoleViewService::announcements(const Principal& who) {
    const LocalDate today = toParisLocal(clock_()).date;
    Json list = Json::array();
    for (const ListedAnnouncement& a : storage_.listAnnouncements()) {
        // An animator sees the network-wide ones and those of their sites.
        if (a.announcement.siteId && !who.maySeeSite(*a.announcement.siteId)) continue;
        list.push_back(announcementJson(a.announcement, a.withdrawn, today));
    }
    return {{"announcements", list}};
}

Json ConsoleViewService::messages(const Principal& who, const std::string& siteFilter) {
    std::set<std::string> sites;
    if (!siteFilter.empty()) {
        requirePersonalDataOf(who, siteFilter);
        sites.insert(siteFilter);
    } else if (!who.isCoordinator()) {
        if (who.role == Role::Elected) throw ApiError(403, "les données personnelles ne sont pas accessibles aux élus");
        sites = who.siteIds;
        if (sites.empty()) return {{"messages", Json::array()}};  // an animator of no site yet
    }
    Json list = Json::array();
    for (const ConsoleMessage& m : storage_.messages(sites, kMessagesListed)) list.push_back(messageJson(m));
    return {{"messages", list}};
}

ConsoleMessage ConsoleViewService::requireMessageOf(const Principal& who, const std::string& messageId) {
    requireNotReadOnly(who);
    auto found = storage_.message(messageId);
    if (!found) throw ApiError(404, "message inconnu : « " + messageId + " »");
    requireSiteChange(who, found->message.siteId);
    return std::move(*found);
}

Json ConsoleViewService::retryMessage(const Principal& who, const std::string& messageId) {
    const ConsoleMessage found = requireMessageOf(who, messageId);
    if (found.message.state == DeliveryState::Delivered) throw ApiError(409, "ce message a déjà été remis par courriel");
    if (isRedacted(found.message)) throw ApiError(409, "ce message a été effacé (durée de conservation) : plus rien à envoyer");
    const TimeMs now = clock_();
    storage_.retryMessageNow(messageId, now);
    audit_.record(who, {"message.retried", "message", messageId, found.message.siteId,
                        {{"next_attempt_at", optionalTime(found.nextAttemptAt)}}, {{"next_attempt_at", now}}});
    return messageJson(*storage_.message(messageId));
}

Json ConsoleViewService::markMessageHandled(const Principal& who, const std::string& messageId) {
    const ConsoleMessage found = requireMessageOf(who, messageId);
    storage_.markMessageHandled(messageId, clock_());
    const ConsoleMessage after = *storage_.message(messageId);
    audit_.record(who, {"message.handled", "message", messageId, found.message.siteId,
                        {{"handled_at", optionalTime(found.handledAt)}}, {{"handled_at", optionalTime(after.handledAt)}}});
    return messageJson(after);
}

}  // namespace cowork::hub
