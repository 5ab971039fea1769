#include "events/event_codec.hpp"

#include "events/overloaded.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>

#include "events/entity_codec.hpp"
#include "domain/member_code.hpp"
#include "events/uuid7.hpp"

namespace cowork {
namespace {

std::string requireUuid(const JsonObject& object, std::string_view key) {
    std::string id = object.requireString(key);
    if (!isUuid(id)) object.fail(key, "« " + id + " » n'est pas un identifiant UUID");
    return id;
}

// A code as typed at a counter, already normalized and with a right check character.
std::string requireMemberCode(const JsonObject& object, std::string_view key) {
    std::string code = object.requireString(key);
    if (checkMemberCode(code) != MemberCodeCheck::Valid) object.fail(key, "« " + code + " » n'est pas un code membre valide");
    return code;
}

VisitEnd requireVisitEnd(const JsonObject& object) {
    const std::string how = object.requireString("how");
    const auto parsed = visitEndFromString(how);
    if (!parsed) object.fail("how", "fin de passage inconnue « " + how + " »");
    return *parsed;
}

AnimationEnd requireAnimationEnd(const JsonObject& object) {
    const std::string how = object.requireString("how");
    const auto parsed = animationEndFromString(how);
    if (!parsed) object.fail("how", "fin d'animation inconnue « " + how + " » (by_animator, at_closing)");
    return *parsed;
}

// A designation names each site once; the hub checks the sites exist.
std::vector<std::string> requireSiteIds(const JsonObject& p) {
    const Json& list = p.requireArray("site_ids");
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string field = "site_ids[" + std::to_string(i) + "]";
        if (!list[i].is_string() || list[i].get<std::string>().empty() || list[i].get<std::string>().size() > kMaxNameLength) {
            p.fail(field, "attendu un identifiant de lieu");
        }
        std::string id = list[i].get<std::string>();
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) p.fail(field, "lieu « " + id + " » donné deux fois");
        ids.push_back(std::move(id));
    }
    return ids;
}

// Names as sign-up stores them in a member's commune, so each fits there.
std::vector<std::string> requireCommunes(const JsonObject& p) {
    const Json& list = p.requireArray("communes");
    if (list.size() > kMaxCommunes) p.fail("communes", "plus de " + std::to_string(kMaxCommunes) + " communes");
    std::vector<std::string> communes;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string field = "communes[" + std::to_string(i) + "]";
        if (!list[i].is_string()) p.fail(field, "attendu un nom de commune");
        std::string name = list[i].get<std::string>();
        if (name.empty() || name.size() > kMaxShortTextLength) {
            p.fail(field, "un nom de commune a de 1 à " + std::to_string(kMaxShortTextLength) + " octets");
        }
        communes.push_back(std::move(name));
    }
    return communes;
}

using Decoder = std::function<EventPayload(const JsonObject&)>;

const std::map<std::string, Decoder, std::less<>>& decoders() {
    static const std::map<std::string, Decoder, std::less<>> table = {
        {"site.configured", [](const JsonObject& p) -> EventPayload { return SiteConfigured{siteFromJson(p.requireObject("site"))}; }},
        {"site.override_set",
         [](const JsonObject& p) -> EventPayload {
             const std::string value = p.requireString("value");
             const auto parsed = siteOverrideFromString(value);
             if (!parsed) p.fail("value", "état forcé inconnu « " + value + " » (none, closed, full)");
             return SiteOverrideSet{requireId(p, "site_id"), *parsed, optionalText(p, "reason", kMaxShortTextLength)};
         }},
        {"place.configured",
         [](const JsonObject& p) -> EventPayload {
             return PlaceConfigured{requireId(p, "place_id"), requireId(p, "site_id"), requireText(p, "label", kMaxNameLength)};
         }},
        {"place.service_changed",
         [](const JsonObject& p) -> EventPayload {
             return PlaceServiceChanged{requireId(p, "place_id"), p.requireBool("in_service"),
                                        optionalText(p, "reason", kMaxShortTextLength)};
         }},
        {"member.registered", [](const JsonObject& p) -> EventPayload { return MemberRegistered{memberFromJson(p.requireObject("member"))}; }},
        {"visit.started",
         [](const JsonObject& p) -> EventPayload {
             std::optional<std::string> member;
             if (p.has("member_id")) member = requireId(p, "member_id");
             std::optional<std::string> code;
             if (p.has("member_code")) {
                 if (member) p.fail("member_code", "un passage nomme soit un membre, soit un code à vérifier, pas les deux");
                 code = requireMemberCode(p, "member_code");
             }
             return VisitStarted{requireUuid(p, "visit_id"), requireId(p, "site_id"), requireId(p, "place_id"), member,
                                 p.requireInt("at"), code};
         }},
        {"visit.ended",
         [](const JsonObject& p) -> EventPayload { return VisitEnded{requireUuid(p, "visit_id"), p.requireInt("at"), requireVisitEnd(p)}; }},
        {"message.sent", [](const JsonObject& p) -> EventPayload { return MessageSent{messageFromJson(p.requireObject("message"))}; }},
        {"message.state_changed",
         [](const JsonObject& p) -> EventPayload {
             const std::string state = p.requireString("state");
             const auto parsed = deliveryStateFromString(state);
             if (!parsed) p.fail("state", "état d'envoi inconnu « " + state + " »");
             return MessageStateChanged{requireId(p, "message_id"), *parsed};
         }},
        {"announcement.published",
         [](const JsonObject& p) -> EventPayload { return AnnouncementPublished{announcementFromJson(p.requireObject("announcement"))}; }},
        {"announcement.withdrawn", [](const JsonObject& p) -> EventPayload { return AnnouncementWithdrawn{requireId(p, "announcement_id")}; }},
        {"device.registered", [](const JsonObject& p) -> EventPayload { return DeviceRegistered{deviceFromJson(p.requireObject("device"))}; }},
        {"device.revoked", [](const JsonObject& p) -> EventPayload { return DeviceRevoked{requireId(p, "device_id")}; }},
        {"shopkeeper_pin.set",
         [](const JsonObject& p) -> EventPayload {
             const std::string hash = requireText(p, "pin_hash", 256);
             if (hash.rfind("$argon2id$", 0) != 0) p.fail("pin_hash", "attendu une empreinte Argon2id");
             return ShopkeeperPinSet{requireId(p, "site_id"), hash};
         }},
        {"member.forgotten", [](const JsonObject& p) -> EventPayload { return MemberForgotten{requireId(p, "member_id")}; }},
        {"visit.member_resolved",
         [](const JsonObject& p) -> EventPayload {
             std::optional<std::string> member;
             if (p.has("member_id")) member = requireId(p, "member_id");
             // The code goes from the hub's log with the member link, after the retention period.
             return VisitMemberResolved{requireUuid(p, "visit_id"), requireId(p, "site_id"), member,
                                        p.has("member_code") ? requireMemberCode(p, "member_code") : std::string()};
         }},
        {"network.communes_set", [](const JsonObject& p) -> EventPayload { return NetworkCommunesSet{requireCommunes(p)}; }},
        {"message.redacted", [](const JsonObject& p) -> EventPayload { return MessageRedacted{requireId(p, "message_id")}; }},
        {"member.animator_set",
         [](const JsonObject& p) -> EventPayload { return AnimatorSet{requireId(p, "member_id"), requireSiteIds(p)}; }},
        {"animation.started",
         [](const JsonObject& p) -> EventPayload {
             return AnimationStarted{requireUuid(p, "session_id"), requireId(p, "site_id"), requireId(p, "member_id"),
                                     p.requireInt("at")};
         }},
        {"animation.ended",
         [](const JsonObject& p) -> EventPayload {
             return AnimationEnded{requireUuid(p, "session_id"), p.requireInt("at"), requireAnimationEnd(p)};
         }},
        {"animation.corrected",
         [](const JsonObject& p) -> EventPayload {
             const AnimationCorrected corrected{requireUuid(p, "session_id"), p.requireInt("started_at"), p.requireInt("ended_at")};
             if (corrected.endedAt <= corrected.startedAt) p.fail("ended_at", "la fin doit suivre le début");
             return corrected;
         }},
        {"member.corrected",
         [](const JsonObject& p) -> EventPayload {
             const std::string firstName = requireText(p, "first_name", kMaxNameLength);
             if (firstName.empty()) p.fail("first_name", "le prénom est obligatoire");
             return MemberCorrected{requireId(p, "member_id"),
                                    p.has("site_id") ? requireId(p, "site_id") : std::string(),
                                    firstName,
                                    optionalNonEmpty(p, "email", kMaxShortTextLength),
                                    optionalNonEmpty(p, "phone", kMaxNameLength),
                                    optionalNonEmpty(p, "employer", kMaxShortTextLength),
                                    optionalNonEmpty(p, "commune", kMaxShortTextLength)};
         }},
    };
    return table;
}

Json optionalId(const std::optional<std::string>& id) { return id ? Json(*id) : Json(nullptr); }

}  // namespace

Json encodePayload(const EventPayload& payload) {
    return std::visit(
        Overloaded{
            [](const SiteConfigured& e) -> Json { return {{"site", siteToJson(e.site)}}; },
            [](const SiteOverrideSet& e) -> Json {
                return {{"site_id", e.siteId}, {"value", toString(e.value)}, {"reason", e.reason}};
            },
            [](const PlaceConfigured& e) -> Json {
                return {{"place_id", e.placeId}, {"site_id", e.siteId}, {"label", e.label}};
            },
            [](const PlaceServiceChanged& e) -> Json {
                return {{"place_id", e.placeId}, {"in_service", e.inService}, {"reason", e.reason}};
            },
            [](const MemberRegistered& e) -> Json { return {{"member", memberToJson(e.member)}}; },
            [](const VisitStarted& e) -> Json {
                Json json = {{"visit_id", e.visitId}, {"site_id", e.siteId}, {"place_id", e.placeId},
                             {"member_id", optionalId(e.memberId)}, {"at", e.at}};
                // Absent rather than null: events written before codes could be
                // provisional keep their canonical text.
                if (e.memberCode) json["member_code"] = *e.memberCode;
                return json;
            },
            [](const VisitEnded& e) -> Json { return {{"visit_id", e.visitId}, {"at", e.at}, {"how", toString(e.how)}}; },
            [](const MessageSent& e) -> Json { return {{"message", messageToJson(e.message)}}; },
            [](const MessageStateChanged& e) -> Json { return {{"message_id", e.messageId}, {"state", toString(e.state)}}; },
            [](const MessageRedacted& e) -> Json { return {{"message_id", e.messageId}}; },
            [](const AnnouncementPublished& e) -> Json { return {{"announcement", announcementToJson(e.announcement)}}; },
            [](const AnnouncementWithdrawn& e) -> Json { return {{"announcement_id", e.announcementId}}; },
            [](const DeviceRegistered& e) -> Json { return {{"device", deviceToJson(e.device)}}; },
            [](const DeviceRevoked& e) -> Json { return {{"device_id", e.deviceId}}; },
            [](const ShopkeeperPinSet& e) -> Json { return {{"site_id", e.siteId}, {"pin_hash", e.pinHash}}; },
            [](const MemberForgotten& e) -> Json { return {{"member_id", e.memberId}}; },
            [](const VisitMemberResolved& e) -> Json {
                Json json = {{"visit_id", e.visitId}, {"site_id", e.siteId}, {"member_id", optionalId(e.memberId)}};
                if (!e.memberCode.empty()) json["member_code"] = e.memberCode;
                return json;
            },
            [](const NetworkCommunesSet& e) -> Json { return {{"communes", e.communes}}; },
            [](const AnimatorSet& e) -> Json { return {{"member_id", e.memberId}, {"site_ids", e.siteIds}}; },
            [](const AnimationStarted& e) -> Json {
                return {{"session_id", e.sessionId}, {"site_id", e.siteId}, {"member_id", e.memberId}, {"at", e.at}};
            },
            [](const AnimationEnded& e) -> Json { return {{"session_id", e.sessionId}, {"at", e.at}, {"how", toString(e.how)}}; },
            [](const AnimationCorrected& e) -> Json {
                return {{"session_id", e.sessionId}, {"started_at", e.startedAt}, {"ended_at", e.endedAt}};
            },
            [](const MemberCorrected& e) -> Json {
                Json json = {{"member_id", e.memberId},          {"first_name", e.firstName},
                             {"email", optionalToJson(e.email)}, {"phone", optionalToJson(e.phone)},
                             {"employer", optionalToJson(e.employer)}, {"commune", optionalToJson(e.commune)}};
                if (!e.siteId.empty()) json["site_id"] = e.siteId;  // absent: no kiosk holds the registration
                return json;
            },
        },
        payload);
}

EventPayload decodePayload(std::string_view kind, const JsonObject& payload) {
    const auto& table = decoders();
    const auto it = table.find(kind);
    if (it == table.end()) throw InputError("kind", "type d'événement inconnu « " + std::string(kind) + " »");
    return it->second(payload);
}

Json encodeEvent(const Event& event) {
    return {{"id", event.id},
            {"origin", event.origin},
            {"stamp", event.stamp.packed},
            {"kind", event.kind()},
            {"payload", encodePayload(event.payload)}};
}

Event decodeEvent(const JsonObject& object) {
    Event event;
    event.id = requireUuid(object, "id");
    event.origin = requireId(object, "origin");
    // A wall time past the year 3000 would overflow the clock's 48 bits of milliseconds.
    event.stamp.packed = object.requireIntInRange("stamp", 0, HlcStamp::of(32'503'680'000'000, 0).packed);
    const std::string kind = object.requireString("kind");
    try {
        event.payload = decodePayload(kind, object.requireObject("payload"));
    } catch (const InputError& e) {
        if (e.field() == "kind") object.fail("kind", e.reason());
        throw;
    }
    return event;
}

std::string canonicalEventText(const Event& event) {
    // nlohmann's dump() orders object keys, which is what makes it canonical.
    return encodeEvent(event).dump();
}

std::string_view eventKindName(const EventPayload& payload) {
    static constexpr std::string_view kNames[] = {
        "site.configured",  "site.override_set", "place.configured",      "place.service_changed",
        "member.registered", "visit.started",     "visit.ended",           "message.sent",
        "message.state_changed", "announcement.published", "announcement.withdrawn", "device.registered",
        "device.revoked", "shopkeeper_pin.set", "member.forgotten", "visit.member_resolved",
        "network.communes_set", "member.corrected", "message.redacted", "member.animator_set",
        "animation.started", "animation.ended", "animation.corrected"};
    static_assert(std::size(kNames) == std::variant_size_v<EventPayload>);
    return kNames[payload.index()];
}

std::optional<std::string> siteWrittenBy(const EventPayload& payload) {
    return std::visit(
        Overloaded{
            [](const SiteConfigured& e) -> std::optional<std::string> { return e.site.id; },
            [](const SiteOverrideSet& e) -> std::optional<std::string> { return e.siteId; },
            [](const PlaceConfigured& e) -> std::optional<std::string> { return e.siteId; },
            [](const VisitStarted& e) -> std::optional<std::string> { return e.siteId; },
            [](const MessageSent& e) -> std::optional<std::string> { return e.message.siteId; },
            [](const AnnouncementPublished& e) { return e.announcement.siteId; },
            [](const DeviceRegistered& e) -> std::optional<std::string> { return e.device.siteId; },
            [](const ShopkeeperPinSet& e) -> std::optional<std::string> { return e.siteId; },
            [](const VisitMemberResolved& e) -> std::optional<std::string> { return e.siteId; },
            [](const AnimationStarted& e) -> std::optional<std::string> { return e.siteId; },
            [](const MemberCorrected& e) -> std::optional<std::string> {
                return e.siteId.empty() ? std::nullopt : std::optional(e.siteId);
            },
            [](const auto&) -> std::optional<std::string> { return std::nullopt; },
        },
        payload);
}

}  // namespace cowork
