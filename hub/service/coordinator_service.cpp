#include "service/coordinator_service.hpp"

#include <algorithm>
#include <map>

#include "domain/paris_time.hpp"
#include "events/entity_codec.hpp"
#include "security/secrets.hpp"
#include "service/enrollment_sheet.hpp"
#include "service/kiosk_health.hpp"
#include "service/request_body.hpp"
#include "service/retention_service.hpp"
#include "service/site_view_json.hpp"

namespace cowork::hub {
namespace {


// What the coordinator should act on for a kiosk, in words.
Json deviceWarnings(const DeviceStatus& d) {
    Json warnings = Json::array();
    if (d.unvouchedSince) {
        warnings.push_back("hub restauré d’une sauvegarde : si ce kiosque a été révoqué depuis, la révocation est perdue ; "
                           "révoquez-le à nouveau (cowork-hub revoke-device) ou confirmez-le (cowork-hub confirm-device)");
    }
    if (d.updateNeeded) warnings.push_back("mise à jour du kiosque nécessaire");
    return warnings;
}

Json deviceJson(const DeviceStatus& d, HealthLevel health) {
    return {{"id", d.deviceId},
            {"site_id", d.siteId},
            {"name", d.name},
            {"app_version", d.appVersion},
            {"enrolled_at", d.enrolledAt},
            {"last_seen", d.lastSeen ? Json(*d.lastSeen) : Json(nullptr)},
            {"outbox_depth", d.outboxDepth},
            {"clock_offset_ms", d.clockOffsetMs},
            {"revoked", d.revoked},
            {"set_aside", d.setAside},
            {"update_needed", d.updateNeeded},
            {"unvouched", d.unvouchedSince.has_value()},
            {"warnings", deviceWarnings(d)},
            {"health", std::string(toString(health))}};
}

// A Host header is written into a file the kiosk reads: only what a host name,
// an IP address and a port are made of.
void requireSafeHost(const std::string& host) {
    const bool safe = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == ':' || c == '[' || c == ']';
    });
    if (!safe) throw ApiError(400, "adresse du hub illisible dans la requête (en-tête Host)");
}

struct AnnouncementRequest {
    std::vector<std::string> siteIds;  // empty: every site
    Json fields;                       // text, valid_from, valid_until
};

AnnouncementRequest decodeAnnouncementRequest(std::string_view body) {
    return decodeBody(body, [](const JsonObject& o) {
        AnnouncementRequest request{o.optionalStringArray("site_ids"), Json::object()};
        // hub-api.md's first form, one site: never read as "the whole network".
        if (!o.has("site_ids") && o.has("site_id")) request.siteIds.push_back(requireId(o, "site_id"));
        for (const char* key : {"text", "valid_from", "valid_until"}) {
            if (o.has(key)) request.fields[key] = o.raw()[key];
        }
        return request;
    });
}

Json overrideJson(const SiteOverrideState& state) {
    return {{"value", std::string(toString(state.value))}, {"reason", state.reason}};
}

}  // namespace

CoordinatorService::CoordinatorService(HubStorage& storage, Clock clock, AuditLog& audit, std::vector<std::string> keyPins)
    : storage_(storage), clock_(std::move(clock)), audit_(audit), keyPins_(std::move(keyPins)) {}

void CoordinatorService::requireSite(const std::string& siteId) {
    if (!storage_.siteExists(siteId)) throw ApiError(404, "lieu inconnu : « " + siteId + " »", "site_id");
}

std::optional<Site> CoordinatorService::findSite(const std::string& siteId) {
    for (Site& site : storage_.sites()) {
        if (site.id == siteId) return std::move(site);
    }
    return std::nullopt;
}

Json CoordinatorService::recorded(const std::vector<EventPayload>& payloads) {
    Json ids = Json::array();
    for (const Event& event : storage_.recordHubEvents(payloads, clock_())) ids.push_back(event.id);
    return {{"events", ids}};
}

Json CoordinatorService::listSites(const Principal& who) {
    const TimeMs now = clock_();
    const NetworkSnapshot network = storage_.networkSnapshot();
    const auto availability = storage_.availability(now);
    Json list = Json::array();
    for (const Site& site : network.sites) {
        if (!who.maySeeSite(site.id)) continue;
        const auto& open = siteEntry(network.openVisitsBySite, site.id);
        Json places = Json::array();
        for (const Place& place : siteEntry(network.placesBySite, site.id)) {
            const bool occupied = std::any_of(open.begin(), open.end(), [&](const Visit& v) { return v.placeId == place.id; });
            places.push_back(placeToJson(place, occupied));
        }
        Json entry = siteToJson(site);
        entry["places"] = places;
        const auto state = std::find_if(availability.begin(), availability.end(), [&](const auto& a) { return a.siteId == site.id; });
        if (state != availability.end()) {
            entry["open_now"] = state->open;
            entry["free_places"] = state->freePlaces;
            entry["override"] = toString(state->override);
            entry["last_kiosk_sync"] = state->asOf;
        }
        Json visits = Json::array();
        for (const Visit& v : open) visits.push_back({{"id", v.id}, {"place_id", v.placeId}, {"started_at", v.startedAt}});
        entry["open_visits"] = visits;
        list.push_back(entry);
    }
    return {{"sites", list}};
}

Json CoordinatorService::saveSite(const Principal& who, const std::string& siteId, std::string_view body) {
    requireCoordinator(who);
    const Site site = decodeBody(body, [](const JsonObject& o) { return siteFromJson(o); });
    if (site.id != siteId) throw ApiError(400, "l’identifiant du lieu ne correspond pas à l’adresse", "id");
    const auto before = findSite(siteId);
    Json result = recorded({SiteConfigured{site}});
    audit_.record(who, {"site.saved", "site", siteId, siteId, before ? siteToJson(*before) : Json(nullptr), siteToJson(site)});
    return result;
}

Json CoordinatorService::setSiteOverride(const Principal& who, const std::string& siteId, std::string_view body) {
    requireSite(siteId);
    requireSiteChange(who, siteId);
    const auto [value, reason] = decodeBody(body, [](const JsonObject& o) {
        const std::string text = o.requireString("value");
        const auto parsed = siteOverrideFromString(text);
        if (!parsed) o.fail("value", "attendu « closed », « full » ou « none »");
        return std::pair{*parsed, optionalText(o, "reason", kMaxShortTextLength)};
    });
    const SiteOverrideState before = siteEntry(storage_.networkSnapshot().overrides, siteId);
    Json result = recorded({SiteOverrideSet{siteId, value, reason}});
    audit_.record(who, {"site.override_set", "site", siteId, siteId, overrideJson(before), overrideJson({value, reason})});
    return result;
}

Json CoordinatorService::savePlace(const Principal& who, const std::string& siteId, const std::string& localId, std::string_view body) {
    requireCoordinator(who);
    requireSite(siteId);
    const std::string label = decodeBody(body, [](const JsonObject& o) {
        std::string text = requireText(o, "label", kMaxNameLength);
        if (text.empty()) o.fail("label", "le nom de la place est vide");
        return text;
    });
    const std::string placeId = siteId + "/" + localId;
    Json before = nullptr;
    for (const Place& place : storage_.places(siteId)) {
        if (place.id == placeId) before = {{"label", place.label}};
    }
    Json result = recorded({PlaceConfigured{placeId, siteId, label}});
    audit_.record(who, {"place.saved", "place", placeId, siteId, before, {{"label", label}}});
    return result;
}

Json CoordinatorService::setPlaceService(const Principal& who, const std::string& siteId, const std::string& localId,
                                         std::string_view body) {
    const std::string placeId = siteId + "/" + localId;
    if (storage_.siteOfPlace(placeId) != siteId) throw ApiError(404, "place inconnue : « " + placeId + " »");
    requireSiteChange(who, siteId);
    const auto [inService, reason] = decodeBody(body, [](const JsonObject& o) {
        return std::pair{o.requireBool("in_service"), optionalText(o, "reason", kMaxShortTextLength)};
    });
    Json before = nullptr;
    for (const Place& place : storage_.places(siteId)) {
        if (place.id == placeId) before = {{"in_service", place.inService}, {"reason", place.outOfServiceReason}};
    }
    Json result = recorded({PlaceServiceChanged{placeId, inService, reason}});
    audit_.record(who, {"place.service_changed", "place", placeId, siteId, before, {{"in_service", inService}, {"reason", reason}}});
    return result;
}

Json CoordinatorService::publishAnnouncement(const Principal& who, std::string_view body) {
    const AnnouncementRequest request = decodeAnnouncementRequest(body);
    if (request.siteIds.empty() && !who.isCoordinator()) {
        requireNotReadOnly(who);
        throw ApiError(403, "seule la coordination publie une annonce pour tout le réseau : choisissez vos lieux", "site_ids");
    }
    std::vector<std::optional<std::string>> targets(request.siteIds.begin(), request.siteIds.end());
    if (targets.empty()) targets.emplace_back(std::nullopt);
    std::vector<EventPayload> payloads;
    std::vector<Announcement> announcements;
    for (const auto& siteId : targets) {
        Json fields = request.fields;
        fields["id"] = newUuid7(clock_());
        if (siteId) fields["site_id"] = *siteId;
        Announcement announcement = decodeBody(fields.dump(), [](const JsonObject& o) { return announcementFromJson(o); });
        if (siteId) {
            if (!storage_.siteExists(*siteId)) throw ApiError(404, "lieu inconnu : « " + *siteId + " »", "site_ids");
            requireSiteChange(who, *siteId);
        }
        payloads.push_back(AnnouncementPublished{announcement});
        announcements.push_back(std::move(announcement));
    }
    Json result = recorded(payloads);  // one transaction: all the sites or none
    Json ids = Json::array();
    const LocalDate today = toParisLocal(clock_()).date;
    for (const Announcement& a : announcements) {
        ids.push_back(a.id);
        audit_.record(who, {"announcement.published", "announcement", a.id, a.siteId.value_or(""), nullptr,
                            announcementJson(a, false, today)});
    }
    result["ids"] = ids;
    return result;
}

Json CoordinatorService::withdrawAnnouncement(const Principal& who, const std::string& announcementId) {
    const auto listed = storage_.listAnnouncements();
    const auto found = std::find_if(listed.begin(), listed.end(), [&](const auto& l) { return l.announcement.id == announcementId; });
    if (found == listed.end()) throw ApiError(404, "annonce inconnue : « " + announcementId + " »");
    const Announcement& announcement = found->announcement;
    if (announcement.siteId) {
        requireSiteChange(who, *announcement.siteId);
    } else if (!who.isCoordinator()) {
        requireNotReadOnly(who);
        throw ApiError(403, "seule la coordination retire une annonce faite pour tout le réseau");
    }
    Json result = recorded({AnnouncementWithdrawn{announcementId}});
    const LocalDate today = toParisLocal(clock_()).date;
    audit_.record(who, {"announcement.withdrawn", "announcement", announcementId, announcement.siteId.value_or(""),
                        announcementJson(announcement, found->withdrawn, today), announcementJson(announcement, true, today)});
    return result;
}

Json CoordinatorService::createEnrollmentCode(const Principal& who, std::string_view body, const std::string& host) {
    requireCoordinator(who);
    const std::string siteId = decodeBody(body, [](const JsonObject& o) { return requireId(o, "site_id"); });
    requireSite(siteId);
    requireSafeHost(host);
    const std::string hubUrl = hubUrlFromHost(host);
    const EnrollmentCode code = storage_.createEnrollmentCode(siteId, clock_());
    const EnrollmentSheet sheet = enrollmentSheet(hubUrl, code.code, keyPins_);
    // The code itself never goes in the log: it enrolls a kiosk for 7 days.
    audit_.record(who, {"enrollment_code.created", "site", siteId, siteId, nullptr, {{"expires_at", code.expiresAt}}});
    return {{"code", code.code}, {"site_id", siteId},          {"expires_at", code.expiresAt}, {"hub_url", hubUrl},
            {"hub_pins", keyPins_}, {"qr_svg", sheet.qrSvg}, {"enroll_file", sheet.enrollFile}};
}

Json CoordinatorService::listDevices(const Principal& who) {
    if (who.role == Role::Elected) throw ApiError(403, "la liste des kiosques est réservée à la coordination et aux animateurs");
    const TimeMs now = clock_();
    std::map<std::string, bool> openNow;
    for (const Site& site : storage_.sites()) openNow[site.id] = site.hours.isOpenAt(now);
    Json list = Json::array();
    for (const DeviceStatus& d : storage_.devices()) {
        if (!who.maySeeSite(d.siteId)) continue;
        const SiteHealth health = siteHealth({{d.lastSeen, d.setAside, d.revoked}}, openNow[d.siteId], now);
        list.push_back(deviceJson(d, health.level));
    }
    return {{"devices", list}};
}

Json CoordinatorService::revokeDevice(const Principal& who, const std::string& deviceId) {
    requireCoordinator(who);
    const auto devices = storage_.devices();
    const auto device = std::find_if(devices.begin(), devices.end(), [&](const DeviceStatus& d) { return d.deviceId == deviceId; });
    if (device == devices.end() || !storage_.revokeDevice(deviceId, clock_())) {
        throw ApiError(404, "kiosque inconnu : « " + deviceId + " »");
    }
    audit_.record(who, {"device.revoked", "device", deviceId, device->siteId, {{"revoked", device->revoked}}, {{"revoked", true}}});
    return {{"revoked", deviceId}};
}

Json CoordinatorService::checkOutVisit(const Principal& who, const std::string& visitId) {
    const auto siteId = storage_.siteOfVisit(visitId);
    if (!siteId) throw ApiError(404, "passage inconnu : « " + visitId + " »");
    requireSiteChange(who, *siteId);
    const auto open = storage_.openVisits(*siteId);
    if (std::none_of(open.begin(), open.end(), [&](const Visit& v) { return v.id == visitId; })) {
        throw ApiError(409, "ce passage est déjà terminé");
    }
    const TimeMs now = clock_();
    Json result = recorded({VisitEnded{visitId, now, VisitEnd::ByCoordinator}});
    audit_.record(who, {"visit.checked_out", "visit", visitId, *siteId, {{"ended_at", nullptr}}, {{"ended_at", now}}});
    return result;
}

Json CoordinatorService::resetShopkeeperPin(const Principal& who, const std::string& siteId, std::string_view body) {
    requireCoordinator(who);
    requireSite(siteId);
    const std::string pin = decodeBody(body, [](const JsonObject& o) {
        std::string text = o.requireString("pin");
        const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || text.size() < 6 || text.size() > 12) o.fail("pin", "le code doit compter de 6 à 12 chiffres");
        return text;
    });
    Json result = recorded({ShopkeeperPinSet{siteId, hashPassword(pin)}});
    audit_.record(who, {"shopkeeper_pin.reset", "site", siteId, siteId, nullptr, nullptr});  // never the PIN, nor its hash
    return result;
}

Json CoordinatorService::eventAnomalies(const Principal& who) {
    requireCoordinator(who);
    Json list = Json::array();
    for (const EventAnomaly& a : storage_.eventAnomalies(200)) {
        Json entry = {{"event_id", a.eventId}, {"device_id", a.deviceId}, {"at", a.at}, {"kind", a.kind},
                      {"site_id", a.siteId.empty() ? Json(nullptr) : Json(a.siteId)}};
        if (a.kind == "set_aside") {
            entry["event_kind"] = a.eventKind;
            entry["reason"] = a.reason;
        }
        list.push_back(entry);
    }
    return {{"anomalies", list}};
}

Json CoordinatorService::settings(const Principal& who) {
    requireCoordinator(who);
    return {{"visit_link_months", visitLinkMonths(storage_)}};
}

Json CoordinatorService::saveSettings(const Principal& who, std::string_view body) {
    requireCoordinator(who);
    const auto months = decodeBody(body, [](const JsonObject& o) {
        return o.requireIntInRange("visit_link_months", kMinVisitLinkMonths, kMaxVisitLinkMonths);
    });
    const Json before = settings(who);
    storage_.saveSetting("visit_link_months", std::to_string(months));
    const Json after = settings(who);
    audit_.record(who, {"settings.saved", "settings", "visit_link_months", "", before, after});
    return after;
}

}  // namespace cowork::hub
