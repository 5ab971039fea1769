#include "sync/protocol.hpp"

#include <limits>
#include <utility>

#include "events/entity_codec.hpp"
#include "events/event_codec.hpp"
#include "domain/retention_periods.hpp"
#include "events/uuid7.hpp"

namespace cowork {
namespace {

// A protocol message's top object, after checking the version it speaks.
JsonObject messageObject(const Json& document) {
    JsonObject object(document, "");
    const std::int64_t version = object.requireInt("protocol");
    if (version < 1 || version > kProtocolVersion) {
        object.fail("protocol", "version de protocole " + std::to_string(version) + " non prise en charge (ce programme parle la version " +
                                    std::to_string(kProtocolVersion) + ")");
    }
    return object;
}

Json parseBody(std::string_view body) { return parseJson(body, JsonLimits{kMaxSyncBodyBytes * 4, 32}); }

Json eventsToJson(const std::vector<Event>& events) {
    Json list = Json::array();
    for (const Event& event : events) list.push_back(encodeEvent(event));
    return list;
}

std::vector<Event> eventsFromJson(const JsonObject& object, std::string_view key) {
    const Json& list = object.requireArray(key);
    std::vector<Event> events;
    for (std::size_t i = 0; i < list.size(); ++i) {
        events.push_back(decodeEvent(arrayElementObject(list, i, object.fieldPath(key))));
    }
    return events;
}

Json availabilityToJson(const SiteAvailability& a) {
    return {{"site_id", a.siteId},   {"free_places", a.freePlaces},       {"places_in_service", a.placesInService},
            {"open", a.open},        {"override", toString(a.override)}, {"as_of", a.asOf}};
}

SiteAvailability availabilityFromJson(const JsonObject& object) {
    SiteAvailability a;
    a.siteId = requireId(object, "site_id");
    a.freePlaces = static_cast<int>(object.requireIntInRange("free_places", 0, 1000));
    a.placesInService = static_cast<int>(object.requireIntInRange("places_in_service", 0, 1000));
    a.open = object.requireBool("open");
    const std::string value = object.optionalString("override").value_or("none");
    const auto parsed = siteOverrideFromString(value);
    if (!parsed) object.fail("override", "état forcé inconnu « " + value + " »");
    a.override = *parsed;
    a.asOf = object.requireInt("as_of");
    return a;
}

Json setAsideToJson(const std::vector<SetAsideReport>& reports) {
    Json list = Json::array();
    for (const SetAsideReport& r : reports) {
        list.push_back({{"event_id", r.eventId}, {"kind", r.kind}, {"reason", r.reason}, {"at", r.at}});
    }
    return list;
}

// Absent for a kiosk that predates the field: nothing set aside.
std::vector<SetAsideReport> setAsideFromJson(const JsonObject& object) {
    if (!object.has("set_aside")) return {};
    const Json& list = object.requireArray("set_aside");
    if (list.size() > kMaxSetAsidePerSync) {
        object.fail("set_aside", "trop d'événements mis de côté signalés (" + std::to_string(kMaxSetAsidePerSync) +
                                     " au plus par envoi)");
    }
    std::vector<SetAsideReport> reports;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject r = arrayElementObject(list, i, object.fieldPath("set_aside"));
        reports.push_back({requireId(r, "event_id"), requireText(r, "kind", kMaxNameLength),
                           requireText(r, "reason", kMaxShortTextLength),
                           r.requireIntInRange("at", 0, kLatestPlausibleTimeMs)});
    }
    return reports;
}

Json eventClocksToJson(const std::vector<EventDeviceClock>& clocks) {
    Json list = Json::array();
    for (const EventDeviceClock& c : clocks) {
        list.push_back({{"event_id", c.eventId}, {"boot_id", c.bootId}, {"monotonic_ms", c.monotonicMs}, {"wall_ms", c.wallMs}});
    }
    return list;
}

// One per event of the batch at most; absent for a kiosk that predates them.
std::vector<EventDeviceClock> eventClocksFromJson(const JsonObject& object) {
    if (!object.has("event_clocks")) return {};
    const Json& list = object.requireArray("event_clocks");
    if (list.size() > kMaxEventsPerSync) object.fail("event_clocks", "plus d'horloges que d'événements");
    std::vector<EventDeviceClock> clocks;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject c = arrayElementObject(list, i, object.fieldPath("event_clocks"));
        clocks.push_back({requireId(c, "event_id"), optionalText(c, "boot_id", 64),
                          c.requireIntInRange("monotonic_ms", 0, kLatestPlausibleTimeMs),
                          c.requireIntInRange("wall_ms", 0, kLatestPlausibleTimeMs)});
    }
    return clocks;
}

// The hub's changes: an event this version cannot read is kept unread, by its
// id, rather than making the whole page (and every later one) unreadable.
// One without an id to keep it by still refuses the page.
void readChangedEvents(const JsonObject& changes, SyncChanges& out) {
    const Json& list = changes.requireArray("events");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject object = arrayElementObject(list, i, changes.fieldPath("events"));
        try {
            out.events.push_back(decodeEvent(object));
        } catch (const InputError& e) {
            const Json& raw = list[i];
            const bool keepable = raw.contains("id") && raw["id"].is_string() && isUuid(raw["id"].get<std::string>());
            if (!keepable) throw;
            const std::string kind = raw.contains("kind") && raw["kind"].is_string() ? raw["kind"].get<std::string>() : "";
            out.unread.push_back({raw["id"].get<std::string>(), kind, raw.dump(), e.what()});
        }
    }
}

// "hub_pins", as the enrollment and every sync answer carry it; absent from an
// older hub's answer: none.
std::vector<std::string> hubPinsFromJson(const JsonObject& object) { return object.optionalStringArray("hub_pins"); }

std::optional<int> linkMonthsFromJson(const JsonObject& object) {
    if (!object.has("visit_link_months")) return std::nullopt;
    return static_cast<int>(object.requireIntInRange("visit_link_months", kMinVisitLinkMonths, kMaxVisitLinkMonths));
}

}  // namespace

Json toJson(const EnrollRequest& m) {
    Json json = {{"protocol", kProtocolVersion}, {"code", m.code}, {"device_name", m.deviceName}, {"app_version", m.appVersion}};
    if (!m.deviceId.empty()) {
        json["device_id"] = m.deviceId;
        json["site_id"] = m.siteId;
    }
    return json;
}

Json toJson(const EnrollResponse& m) {
    return {{"protocol", kProtocolVersion}, {"device_id", m.deviceId}, {"token", m.token},
            {"site_id", m.siteId},         {"hub_pins", m.hubKeyPins}};
}

Json toJson(const SyncRequest& m) {
    return {{"protocol", kProtocolVersion},    {"cursor", m.cursor},           {"events", eventsToJson(m.events)},
            {"device_clock_ms", m.deviceClockMs}, {"app_version", m.appVersion}, {"outbox_depth", m.outboxDepth},
            {"epoch", m.epoch},                   {"set_aside", setAsideToJson(m.setAside)},
            {"device_boot_id", m.deviceBootId},   {"device_monotonic_ms", m.deviceMonotonicMs},
            {"event_clocks", eventClocksToJson(m.eventClocks)}, {"update_needed", m.updateNeeded}};
}

Json toJson(const SyncResponse& m) {
    Json members = Json::array();
    for (const MemberDirectoryEntry& e : m.changes.members) {
        members.push_back({{"member_id", e.memberId}, {"code", e.code}, {"first_name", e.firstName}});
    }
    Json availability = Json::array();
    for (const SiteAvailability& a : m.changes.availability) availability.push_back(availabilityToJson(a));
    Json json = {{"protocol", kProtocolVersion},
            {"acked", m.acked},
            {"cursor", m.cursor},
            {"more", m.more},
            {"changes", {{"events", eventsToJson(m.changes.events)}, {"members", std::move(members)}, {"availability", std::move(availability)}}},
            {"server_time_ms", m.serverTimeMs},
            {"epoch", m.epoch},
            {"hub_pins", m.hubKeyPins}};
    if (m.visitLinkMonths) json["visit_link_months"] = *m.visitLinkMonths;
    return json;
}

Json toJson(const ErrorResponse& m) { return {{"error", m.error}, {"field", m.field}}; }

EnrollRequest decodeEnrollRequest(std::string_view body) {
    const Json document = parseBody(body);
    const JsonObject object = messageObject(document);
    EnrollRequest m;
    m.code = requireText(object, "code", 64);
    m.deviceName = requireText(object, "device_name", kMaxNameLength);
    m.appVersion = requireText(object, "app_version", kMaxNameLength);
    if (object.has("device_id")) {
        m.deviceId = requireId(object, "device_id");
        if (!isUuid(m.deviceId)) object.fail("device_id", "« " + m.deviceId + " » n'est pas un identifiant de kiosque");
        m.siteId = requireId(object, "site_id");
    }
    return m;
}

EnrollResponse decodeEnrollResponse(std::string_view body) {
    const Json document = parseBody(body);
    const JsonObject object = messageObject(document);
    EnrollResponse m;
    m.deviceId = requireId(object, "device_id");
    m.token = requireText(object, "token", 256);
    m.siteId = requireId(object, "site_id");
    m.hubKeyPins = hubPinsFromJson(object);
    return m;
}

SyncRequest decodeSyncRequest(std::string_view body) {
    const Json document = parseBody(body);
    const JsonObject object = messageObject(document);
    SyncRequest m;
    m.cursor = object.requireIntInRange("cursor", 0, std::numeric_limits<std::int64_t>::max());
    if (object.requireArray("events").size() > kMaxEventsPerSync) {
        throw TooManyEventsError("events", "trop d'événements (" + std::to_string(kMaxEventsPerSync) + " au plus par envoi)");
    }
    m.events = eventsFromJson(object, "events");
    m.deviceClockMs = object.requireIntInRange("device_clock_ms", 0, kLatestPlausibleTimeMs);
    m.appVersion = requireText(object, "app_version", kMaxNameLength);
    m.outboxDepth = object.requireIntInRange("outbox_depth", 0, std::numeric_limits<std::int64_t>::max());
    m.epoch = optionalText(object, "epoch", 64);
    m.setAside = setAsideFromJson(object);
    m.deviceBootId = optionalText(object, "device_boot_id", 64);
    m.deviceMonotonicMs = object.has("device_monotonic_ms")
                              ? object.requireIntInRange("device_monotonic_ms", 0, kLatestPlausibleTimeMs)
                              : 0;
    m.eventClocks = eventClocksFromJson(object);
    m.updateNeeded = object.has("update_needed") && object.requireBool("update_needed");
    return m;
}

SyncResponse decodeSyncResponse(std::string_view body) {
    const Json document = parseBody(body);
    const JsonObject object = messageObject(document);
    SyncResponse m;
    const Json& acked = object.requireArray("acked");
    for (std::size_t i = 0; i < acked.size(); ++i) {
        if (!acked[i].is_string()) throw InputError("acked[" + std::to_string(i) + "]", "attendu un identifiant");
        m.acked.push_back(acked[i].get<std::string>());
    }
    m.cursor = object.requireIntInRange("cursor", 0, std::numeric_limits<std::int64_t>::max());
    m.more = object.has("more") && object.requireBool("more");
    const JsonObject changes = object.requireObject("changes");
    readChangedEvents(changes, m.changes);
    const Json& members = changes.requireArray("members");
    for (std::size_t i = 0; i < members.size(); ++i) {
        const JsonObject e = arrayElementObject(members, i, changes.fieldPath("members"));
        m.changes.members.push_back({requireId(e, "member_id"), requireText(e, "code", 16),
                                     requireText(e, "first_name", kMaxNameLength)});
    }
    const Json& availability = changes.requireArray("availability");
    for (std::size_t i = 0; i < availability.size(); ++i) {
        m.changes.availability.push_back(
            availabilityFromJson(arrayElementObject(availability, i, changes.fieldPath("availability"))));
    }
    m.serverTimeMs = object.requireInt("server_time_ms");
    m.epoch = requireText(object, "epoch", 64);
    m.hubKeyPins = hubPinsFromJson(object);
    m.visitLinkMonths = linkMonthsFromJson(object);
    return m;
}

std::vector<std::string> decodeAcknowledged(std::string_view body) {
    std::vector<std::string> ids;
    try {
        const Json document = parseBody(body);
        for (const Json& id : document.at("acked")) {
            if (id.is_string()) ids.push_back(id.get<std::string>());
        }
    } catch (const std::exception&) {
        return {};
    }
    return ids;
}

ErrorResponse decodeErrorResponse(std::string_view body) {
    const Json document = parseBody(body);
    const JsonObject object(document, "");
    return {object.requireString("error"), object.optionalString("field").value_or("")};
}

}  // namespace cowork
