#include "service/site_view_json.hpp"

#include <cstdio>

#include "events/entity_codec.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {
namespace {

std::string clockText(int minuteOfDay) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    return text;
}

Json rangesJson(const DayRanges& ranges) {
    Json list = Json::array();
    for (const MinuteRange& range : ranges) list.push_back({clockText(range.from), clockText(range.to)});
    return list;
}

std::optional<TimeMs> nextChange(const OpeningHours& hours, TimeMs now) {
    return hours.isOpenAt(now) ? hours.closesAt(now) : hours.nextOpening(now);
}

std::optional<DayRanges> presenceOnWeekday(const std::string& presence, int weekday) {
    DayRanges found;
    std::size_t start = 0;
    while (start <= presence.size()) {
        const std::size_t end = std::min(presence.find(';', start), presence.size());
        const std::string part = presence.substr(start, end - start);
        const std::size_t equals = part.find('=');
        if (equals == std::string::npos) return std::nullopt;
        const std::string key = part.substr(0, equals);
        const DayRangesParse parsed = parseDayRanges(part.substr(equals + 1));
        const auto day = std::find_if(kWeekdayKeys.begin(), kWeekdayKeys.end(), [&](const char* k) { return key == k; });
        if (!parsed.error.empty() || day == kWeekdayKeys.end()) return std::nullopt;
        if (day - kWeekdayKeys.begin() == weekday) found.insert(found.end(), parsed.ranges.begin(), parsed.ranges.end());
        start = end + 1;
    }
    return found;
}

}  // namespace

std::string siteStateValue(const Site& site, SiteOverride override, int freePlaces, TimeMs now) {
    if (!site.hours.isOpenAt(now) || override == SiteOverride::ClosedNow) return "closed";
    if (override == SiteOverride::Full || freePlaces <= 0) return "full";
    return "open";
}

std::string siteStateReason(const Site& site, const SiteOverrideState& forced, TimeMs now) {
    if (forced.value != SiteOverride::None) return forced.reason;
    const DatedException* exception = site.hours.exceptionOn(toParisLocal(now).date);
    return exception ? exception->reason : "";
}

Json siteStateJson(const Site& site, const SiteOverrideState& forced, int freePlaces, TimeMs now) {
    const auto change = nextChange(site.hours, now);
    return {{"value", siteStateValue(site, forced.value, freePlaces, now)},
            {"override", std::string(toString(forced.value))},
            {"reason", siteStateReason(site, forced, now)},
            {"next_change", change ? Json(*change) : Json(nullptr)}};
}

Json previewJson(const OpeningHours& hours, TimeMs now) {
    const LocalDate today = toParisLocal(now).date;
    Json days = Json::array();
    for (int offset = 0; offset < kPreviewDays; ++offset) {
        const LocalDate date = addDays(today, offset);
        const DatedException* exception = hours.exceptionOn(date);
        days.push_back({{"date", formatLocalDate(date)},
                        {"ranges", rangesJson(hours.rangesOn(date))},
                        {"reason", exception ? exception->reason : ""}});
    }
    return days;
}

std::optional<bool> animatorPresentAt(const std::string& presence, TimeMs now) {
    if (presence.find('=') == std::string::npos) return std::nullopt;
    const LocalDateTime local = toParisLocal(now);
    const auto ranges = presenceOnWeekday(presence, local.weekday);
    if (!ranges) return std::nullopt;
    return std::any_of(ranges->begin(), ranges->end(),
                       [&](const MinuteRange& r) { return r.from <= local.minuteOfDay && local.minuteOfDay < r.to; });
}

Json placeToJson(const Place& place, bool occupied) {
    return {{"id", place.id},
            {"label", place.label},
            {"in_service", place.inService},
            {"out_of_service_reason", place.outOfServiceReason},
            {"occupied", occupied}};
}

Json healthJson(const SiteHealth& health) {
    return {{"level", std::string(toString(health.level))},
            {"last_sync", health.lastSync ? Json(*health.lastSync) : Json(nullptr)},
            {"kiosks", health.kiosks}};
}

std::vector<KioskFacts> kioskFactsOf(const std::vector<DeviceStatus>& devices, const std::string& siteId) {
    std::vector<KioskFacts> facts;
    for (const DeviceStatus& d : devices) {
        if (d.siteId == siteId) facts.push_back({d.lastSeen, d.setAside, d.revoked});
    }
    return facts;
}

std::string announcementState(const Announcement& announcement, LocalDate today) {
    if (announcement.validUntil < today) return "past";
    if (today < announcement.validFrom) return "scheduled";
    return "active";
}

Json announcementJson(const Announcement& announcement, bool withdrawn, LocalDate today) {
    Json siteIds = Json::array();
    if (announcement.siteId) siteIds.push_back(*announcement.siteId);
    return {{"id", announcement.id},
            {"site_ids", siteIds},
            {"text", announcement.text},
            {"valid_from", formatLocalDate(announcement.validFrom)},
            {"valid_until", formatLocalDate(announcement.validUntil)},
            {"withdrawn", withdrawn},
            {"state", announcementState(announcement, today)}};
}

}  // namespace cowork::hub
