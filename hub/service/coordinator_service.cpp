#include "service/coordinator_service.hpp"

#include <algorithm>

#include "domain/paris_time.hpp"
#include "events/entity_codec.hpp"
#include "security/secrets.hpp"
#include "service/retention_service.hpp"

namespace cowork::hub {
namespace {

// Runs a decoder on a request body; bad input becomes a 400 naming the field.
template <typename Decode>
auto decodeBody(std::string_view body, Decode decode) {
    try {
        const Json document = parseJson(body, JsonLimits{64 * 1024, 16});
        return decode(JsonObject(document, ""));
    } catch (const InputError& e) {
        throw ApiError(400, e.reason(), e.field());
    }
}

Json placeToJson(const Place& place, bool occupied) {
    return {{"id", place.id},
            {"label", place.label},
            {"in_service", place.inService},
            {"out_of_service_reason", place.outOfServiceReason},
            {"occupied", occupied}};
}

// What the coordinator should act on for a kiosk, in words.
Json deviceWarnings(const DeviceStatus& d) {
    Json warnings = Json::array();
    if (d.unvouchedSince) {
        warnings.push_back("hub restauré d'une sauvegarde : si ce kiosque a été révoqué depuis, la révocation est perdue ; "
                           "révoquez-le à nouveau (cowork-hub revoke-device) ou confirmez-le (cowork-hub confirm-device)");
    }
    if (d.updateNeeded) warnings.push_back("mise à jour du kiosque nécessaire");
    return warnings;
}

}  // namespace

CoordinatorService::CoordinatorService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

void CoordinatorService::requireSite(const std::string& siteId) {
    if (!storage_.siteExists(siteId)) throw ApiError(404, "lieu inconnu : « " + siteId + " »", "site_id");
}

Json CoordinatorService::recorded(const std::vector<EventPayload>& payloads) {
    Json ids = Json::array();
    for (const Event& event : storage_.recordHubEvents(payloads, clock_())) ids.push_back(event.id);
    return {{"events", ids}};
}

Json CoordinatorService::listSites() {
    const TimeMs now = clock_();
    const auto availability = storage_.availability(now);
    Json list = Json::array();
    for (const Site& site : storage_.sites()) {
        const auto open = storage_.openVisits(site.id);
        Json places = Json::array();
        for (const Place& place : storage_.places(site.id)) {
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

Json CoordinatorService::saveSite(const std::string& siteId, std::string_view body) {
    const Site site = decodeBody(body, [](const JsonObject& o) { return siteFromJson(o); });
    if (site.id != siteId) throw ApiError(400, "l'identifiant du lieu ne correspond pas à l'adresse", "id");
    return recorded({SiteConfigured{site}});
}

Json CoordinatorService::setSiteOverride(const std::string& siteId, std::string_view body) {
    requireSite(siteId);
    const auto [value, reason] = decodeBody(body, [](const JsonObject& o) {
        const std::string text = o.requireString("value");
        const auto parsed = siteOverrideFromString(text);
        if (!parsed) o.fail("value", "attendu « closed », « full » ou « none »");
        return std::pair{*parsed, optionalText(o, "reason", kMaxShortTextLength)};
    });
    return recorded({SiteOverrideSet{siteId, value, reason}});
}

Json CoordinatorService::savePlace(const std::string& siteId, const std::string& localId, std::string_view body) {
    requireSite(siteId);
    const std::string label = decodeBody(body, [](const JsonObject& o) {
        std::string text = requireText(o, "label", kMaxNameLength);
        if (text.empty()) o.fail("label", "le nom de la place est vide");
        return text;
    });
    return recorded({PlaceConfigured{siteId + "/" + localId, siteId, label}});
}

Json CoordinatorService::setPlaceService(const std::string& siteId, const std::string& localId, std::string_view body) {
    const std::string placeId = siteId + "/" + localId;
    if (storage_.siteOfPlace(placeId) != siteId) throw ApiError(404, "place inconnue : « " + placeId + " »");
    const auto [inService, reason] = decodeBody(body, [](const JsonObject& o) {
        return std::pair{o.requireBool("in_service"), optionalText(o, "reason", kMaxShortTextLength)};
    });
    return recorded({PlaceServiceChanged{placeId, inService, reason}});
}

Json CoordinatorService::publishAnnouncement(std::string_view body) {
    Json withId = decodeBody(body, [](const JsonObject& o) { return o.raw(); });
    withId["id"] = newUuid7(clock_());
    const Announcement announcement = decodeBody(withId.dump(), [](const JsonObject& o) { return announcementFromJson(o); });
    if (announcement.siteId) requireSite(*announcement.siteId);
    Json result = recorded({AnnouncementPublished{announcement}});
    result["id"] = announcement.id;
    return result;
}

Json CoordinatorService::withdrawAnnouncement(const std::string& announcementId) {
    if (!storage_.announcementExists(announcementId)) throw ApiError(404, "annonce inconnue : « " + announcementId + " »");
    return recorded({AnnouncementWithdrawn{announcementId}});
}

Json CoordinatorService::createEnrollmentCode(std::string_view body) {
    const std::string siteId = decodeBody(body, [](const JsonObject& o) { return requireId(o, "site_id"); });
    requireSite(siteId);
    const EnrollmentCode code = storage_.createEnrollmentCode(siteId, clock_());
    return {{"code", code.code}, {"site_id", siteId}, {"expires_at", code.expiresAt}};
}

Json CoordinatorService::listDevices() {
    Json list = Json::array();
    for (const DeviceStatus& d : storage_.devices()) {
        list.push_back({{"id", d.deviceId},
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
                        {"warnings", deviceWarnings(d)}});
    }
    return {{"devices", list}};
}

Json CoordinatorService::revokeDevice(const std::string& deviceId) {
    if (!storage_.revokeDevice(deviceId, clock_())) throw ApiError(404, "kiosque inconnu : « " + deviceId + " »");
    return {{"revoked", deviceId}};
}

Json CoordinatorService::checkOutVisit(const std::string& visitId) {
    const auto siteId = storage_.siteOfVisit(visitId);
    if (!siteId) throw ApiError(404, "passage inconnu : « " + visitId + " »");
    const auto open = storage_.openVisits(*siteId);
    if (std::none_of(open.begin(), open.end(), [&](const Visit& v) { return v.id == visitId; })) {
        throw ApiError(409, "ce passage est déjà terminé");
    }
    return recorded({VisitEnded{visitId, clock_(), VisitEnd::ByCoordinator}});
}

Json CoordinatorService::resetShopkeeperPin(const std::string& siteId, std::string_view body) {
    requireSite(siteId);
    const std::string pin = decodeBody(body, [](const JsonObject& o) {
        std::string text = o.requireString("pin");
        const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || text.size() < 6 || text.size() > 12) o.fail("pin", "le code doit compter de 6 à 12 chiffres");
        return text;
    });
    return recorded({ShopkeeperPinSet{siteId, hashPassword(pin)}});
}

Json CoordinatorService::eventAnomalies() {
    Json list = Json::array();
    for (const EventAnomaly& a : storage_.eventAnomalies(200)) {
        Json entry = {{"event_id", a.eventId}, {"device_id", a.deviceId}, {"at", a.at}, {"kind", a.kind}};
        if (a.kind == "set_aside") {
            entry["event_kind"] = a.eventKind;
            entry["reason"] = a.reason;
        }
        list.push_back(entry);
    }
    return {{"anomalies", list}};
}

Json CoordinatorService::undeliveredMessages() {
    const auto optionalTime = [](const std::optional<TimeMs>& t) { return t ? Json(*t) : Json(nullptr); };
    Json list = Json::array();
    for (const UndeliveredMail& m : storage_.undeliveredMail()) {
        list.push_back({{"message_id", m.messageId},
                        {"site_id", m.siteId},
                        {"created_at", m.createdAt},
                        {"attempts", m.attempts},
                        {"last_attempt_at", optionalTime(m.lastAttemptAt)},
                        {"next_attempt_at", optionalTime(m.nextAttemptAt)},
                        {"last_error", m.lastError}});
    }
    return {{"messages", list}};
}

Json CoordinatorService::settings() {
    return {{"visit_link_months", visitLinkMonths(storage_)}};
}

Json CoordinatorService::saveSettings(std::string_view body) {
    const auto months = decodeBody(body, [](const JsonObject& o) {
        return o.requireIntInRange("visit_link_months", kMinVisitLinkMonths, kMaxVisitLinkMonths);
    });
    storage_.saveSetting("visit_link_months", std::to_string(months));
    return settings();
}

}  // namespace cowork::hub
