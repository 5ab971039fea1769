#include "events/entity_codec.hpp"

#include <cstdio>

#include "domain/paris_time.hpp"

namespace cowork {

Json optionalToJson(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

std::optional<std::string> optionalNonEmpty(const JsonObject& object, std::string_view key, std::size_t maxBytes) {
    std::string text = optionalText(object, key, maxBytes);
    if (text.empty()) return std::nullopt;
    return text;
}

std::string formatLocalDate(LocalDate date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

LocalDate parseLocalDate(const std::string& text, const std::string& fieldPath) {
    LocalDate date;
    char tail = 0;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &date.year, &date.month, &date.day, &tail) == 3;
    if (!shaped || !isValidDate(date)) {
        throw InputError(fieldPath, "« " + text + " » n'est pas une date (attendu AAAA-MM-JJ)");
    }
    return date;
}

std::string requireText(const JsonObject& object, std::string_view key, std::size_t maxBytes) {
    std::string text = object.requireString(key);
    if (text.size() > maxBytes) object.fail(key, "texte trop long (" + std::to_string(maxBytes) + " octets au plus)");
    return text;
}

std::string optionalText(const JsonObject& object, std::string_view key, std::size_t maxBytes) {
    if (!object.has(key)) return {};
    return requireText(object, key, maxBytes);
}

std::string requireId(const JsonObject& object, std::string_view key) {
    std::string id = requireText(object, key, 64);
    if (id.empty()) object.fail(key, "identifiant vide");
    for (const char c : id) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                             c == '_' || c == '/' || c == '.';
        if (!allowed) object.fail(key, "identifiant « " + id + " » : caractère non permis");
    }
    return id;
}

Json openingHoursToJson(const OpeningHours& hours) {
    Json weekly = Json::object();
    for (std::size_t day = 0; day < 7; ++day) {
        if (!hours.weekly[day].empty()) weekly[kWeekdayKeys[day]] = formatDayRanges(hours.weekly[day]);
    }
    Json exceptions = Json::array();
    for (const DatedException& e : hours.exceptions) {
        exceptions.push_back({{"date", formatLocalDate(e.date)}, {"hours", formatDayRanges(e.ranges)}, {"reason", e.reason}});
    }
    return {{"weekly", weekly}, {"exceptions", exceptions}};
}

OpeningHours openingHoursFromJson(const JsonObject& object) {
    OpeningHours hours;
    const JsonObject weekly = object.requireObject("weekly");
    for (std::size_t day = 0; day < 7; ++day) {
        const auto text = weekly.optionalString(kWeekdayKeys[day]);
        if (!text) continue;
        DayRangesParse parsed = parseDayRanges(*text);
        if (!parsed.error.empty()) weekly.fail(kWeekdayKeys[day], parsed.error);
        hours.weekly[day] = std::move(parsed.ranges);
    }
    if (!object.has("exceptions")) return hours;
    const Json& list = object.requireArray("exceptions");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonObject e = arrayElementObject(list, i, object.fieldPath("exceptions"));
        DatedException exception;
        exception.date = parseLocalDate(e.requireString("date"), e.fieldPath("date"));
        DayRangesParse parsed = parseDayRanges(e.optionalString("hours").value_or(""));
        if (!parsed.error.empty()) e.fail("hours", parsed.error);
        exception.ranges = std::move(parsed.ranges);
        exception.reason = optionalText(e, "reason", kMaxShortTextLength);
        hours.exceptions.push_back(std::move(exception));
    }
    return hours;
}

Json siteToJson(const Site& site) {
    Json json = {
        {"id", site.id},
        {"kind", toString(site.kind)},
        {"name", site.name},
        {"commune", site.commune},
        {"address", site.address},
        {"lat", site.coordinates.lat},
        {"lon", site.coordinates.lon},
        {"hours", openingHoursToJson(site.hours)},
        {"animator",
         {{"name", site.animator.name},
          {"phone", site.animator.phone},
          {"email", site.animator.email},
          {"presence", site.animator.presence}}},
        {"employers", site.partnerEmployers},
    };
    if (site.shop) json["shop"] = {{"name", site.shop->name}, {"type", site.shop->type}};
    return json;
}

Site siteFromJson(const JsonObject& object) {
    Site site;
    site.id = requireId(object, "id");
    const std::string kind = object.requireString("kind");
    const auto parsedKind = siteKindFromString(kind);
    if (!parsedKind) object.fail("kind", "type de lieu inconnu « " + kind + " » (mini-cowork, tiers-lieu, corpoworking)");
    site.kind = *parsedKind;
    site.name = requireText(object, "name", kMaxShortTextLength);
    site.commune = requireText(object, "commune", kMaxShortTextLength);
    site.address = optionalText(object, "address", kMaxShortTextLength);
    site.coordinates.lat = object.requireNumber("lat");
    site.coordinates.lon = object.requireNumber("lon");
    if (site.coordinates.lat < -90 || site.coordinates.lat > 90) object.fail("lat", "latitude hors de -90 – 90");
    if (site.coordinates.lon < -180 || site.coordinates.lon > 180) object.fail("lon", "longitude hors de -180 – 180");
    site.hours = openingHoursFromJson(object.requireObject("hours"));
    if (const auto animator = object.optionalObject("animator")) {
        site.animator = {optionalText(*animator, "name", kMaxNameLength), optionalText(*animator, "phone", kMaxNameLength),
                         optionalText(*animator, "email", kMaxShortTextLength),
                         optionalText(*animator, "presence", kMaxShortTextLength)};
    }
    if (const auto shop = object.optionalObject("shop")) {
        site.shop = HostShop{requireText(*shop, "name", kMaxShortTextLength), optionalText(*shop, "type", kMaxNameLength)};
    }
    site.partnerEmployers = object.optionalStringArray("employers");
    return site;
}

Json memberToJson(const Member& member) {
    return {{"id", member.id},
            {"code", member.code},
            {"first_name", member.firstName},
            {"email", optionalToJson(member.email)},
            {"phone", optionalToJson(member.phone)},
            {"employer", optionalToJson(member.employer)},
            {"commune", optionalToJson(member.commune)},
            {"consent_at", member.consentAt}};
}

Member memberFromJson(const JsonObject& object) {
    Member member;
    member.id = requireId(object, "id");
    member.code = requireText(object, "code", 16);
    member.firstName = requireText(object, "first_name", kMaxNameLength);
    if (member.firstName.empty()) object.fail("first_name", "le prénom est obligatoire");
    member.email = optionalNonEmpty(object, "email", kMaxShortTextLength);
    member.phone = optionalNonEmpty(object, "phone", kMaxNameLength);
    member.employer = optionalNonEmpty(object, "employer", kMaxShortTextLength);
    member.commune = optionalNonEmpty(object, "commune", kMaxShortTextLength);
    member.consentAt = object.requireInt("consent_at");
    return member;
}

Json messageToJson(const AnimatorMessage& message) {
    Json json = {{"id", message.id},         {"site_id", message.siteId},   {"from_name", message.fromName},
                 {"contact", message.contact}, {"text", message.text},        {"created_at", message.createdAt},
                 {"state", toString(message.state)}};
    // Absent unless redacted: messages written before the rule keep their canonical text.
    if (isRedacted(message)) json["redacted"] = true;
    return json;
}

AnimatorMessage messageFromJson(const JsonObject& object) {
    AnimatorMessage message;
    message.id = requireId(object, "id");
    message.siteId = requireId(object, "site_id");
    message.fromName = optionalText(object, "from_name", kMaxNameLength);
    message.contact = optionalText(object, "contact", kMaxShortTextLength);
    message.text = requireText(object, "text", kMaxMessageLength);
    // Only a redacted message is empty: its name, contact and text went with the period.
    const bool redacted = object.has("redacted") && object.requireBool("redacted");
    if (redacted && (!message.fromName.empty() || !message.contact.empty() || !message.text.empty())) {
        object.fail("redacted", "un message effacé ne garde ni nom, ni contact, ni texte");
    }
    if (!redacted && message.text.empty()) object.fail("text", "le message est vide");
    message.createdAt = object.requireInt("created_at");
    const std::string state = object.optionalString("state").value_or("pending");
    const auto parsed = deliveryStateFromString(state);
    if (!parsed) object.fail("state", "état d'envoi inconnu « " + state + " »");
    message.state = *parsed;
    return message;
}

Json announcementToJson(const Announcement& announcement) {
    return {{"id", announcement.id},
            {"site_id", optionalToJson(announcement.siteId)},
            {"text", announcement.text},
            {"valid_from", formatLocalDate(announcement.validFrom)},
            {"valid_until", formatLocalDate(announcement.validUntil)}};
}

Announcement announcementFromJson(const JsonObject& object) {
    Announcement announcement;
    announcement.id = requireId(object, "id");
    if (object.has("site_id")) announcement.siteId = requireId(object, "site_id");
    announcement.text = requireText(object, "text", kMaxMessageLength);
    if (announcement.text.empty()) object.fail("text", "l'annonce est vide");
    announcement.validFrom = parseLocalDate(object.requireString("valid_from"), object.fieldPath("valid_from"));
    announcement.validUntil = parseLocalDate(object.requireString("valid_until"), object.fieldPath("valid_until"));
    if (announcement.validUntil < announcement.validFrom) object.fail("valid_until", "la fin précède le début");
    return announcement;
}

Json deviceToJson(const Device& device) {
    return {{"id", device.id},
            {"site_id", device.siteId},
            {"name", device.name},
            {"app_version", device.appVersion},
            {"enrolled_at", device.enrolledAt},
            {"revoked", device.revoked}};
}

Device deviceFromJson(const JsonObject& object) {
    Device device;
    device.id = requireId(object, "id");
    device.siteId = requireId(object, "site_id");
    device.name = optionalText(object, "name", kMaxNameLength);
    device.appVersion = optionalText(object, "app_version", kMaxNameLength);
    device.enrolledAt = object.requireInt("enrolled_at");
    device.revoked = object.has("revoked") && object.requireBool("revoked");
    return device;
}

}  // namespace cowork
