#include "i18n/formatting.hpp"

#include <cstdio>

#include "domain/paris_time.hpp"

namespace cowork::kiosk {
namespace {

std::string twoDigits(int n) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d", n);
    return buffer;
}

std::string clockOfMinute(const Catalog& tr, int minuteOfDay) {
    const int h = minuteOfDay / 60;
    const int m = minuteOfDay % 60;
    if (m == 0) return tr.format("time.hour", {{"h", std::to_string(h)}});
    return tr.format("time.hour_minute", {{"h", std::to_string(h)}, {"mm", twoDigits(m)}});
}

}  // namespace

std::string formatClock(const Catalog& tr, TimeMs utc) {
    const LocalDateTime local = toParisLocal(utc);
    return tr.format("time.clock", {{"h", std::to_string(local.minuteOfDay / 60)}, {"mm", twoDigits(local.minuteOfDay % 60)}});
}

std::string formatDayAndTime(const Catalog& tr, TimeMs utc, TimeMs now) {
    const LocalDateTime when = toParisLocal(utc);
    const LocalDate today = toParisLocal(now).date;
    const long days = daysFromCivil(when.date) - daysFromCivil(today);
    const std::string time = clockOfMinute(tr, when.minuteOfDay);
    if (days == 0) return tr.format("day.today_at", {{"time", time}});
    if (days == 1) return tr.format("day.tomorrow_at", {{"time", time}});
    if (days < 7) {
        return tr.format("day.weekday_at", {{"day", tr.text("day." + std::to_string(when.weekday))}, {"time", time}});
    }
    return tr.format("day.date_at", {{"day", std::to_string(when.date.day)},
                                     {"month", twoDigits(when.date.month)},
                                     {"time", time}});
}

std::string describeStatus(const Catalog& tr, const SiteStatus& status, TimeMs now) {
    std::string text;
    if (status.open && status.closesAt) {
        text = tr.format(status.full ? "status.full_until" : "status.open_until",
                         {{"time", clockOfMinute(tr, toParisLocal(*status.closesAt).minuteOfDay)}});
    } else if (status.open) {
        text = tr.text("status.open");
    } else if (status.nextOpening) {
        text = tr.format("status.closed_next", {{"when", formatDayAndTime(tr, *status.nextOpening, now)}});
    } else {
        text = tr.text("status.closed");
    }
    if (!status.reason.empty()) text += tr.format("status.reason", {{"reason", status.reason}});
    return text;
}

std::string formatAge(const Catalog& tr, TimeMs since, TimeMs now) {
    const TimeMs minutes = (now - since) / kMinuteMs;
    if (minutes < 1) return tr.text("age.now");
    if (minutes < 60) return tr.format("age.minutes", {{"n", std::to_string(minutes)}});
    if (minutes < 48 * 60) return tr.format("age.hours", {{"n", std::to_string(minutes / 60)}});
    return tr.format("age.days", {{"n", std::to_string(minutes / (24 * 60))}});
}

std::string formatMinutes(const Catalog& tr, int minutes) {
    if (minutes < 60) return tr.format("duration.minutes", {{"n", std::to_string(minutes)}});
    return tr.format("duration.hours_minutes", {{"h", std::to_string(minutes / 60)}, {"mm", twoDigits(minutes % 60)}});
}

std::string formatDayRanges(const Catalog& tr, const DayRanges& ranges) {
    if (ranges.empty()) return tr.text("hours.closed_day");
    std::string text;
    for (const MinuteRange& range : ranges) {
        if (!text.empty()) text += ", ";
        text += tr.format("hours.range", {{"from", clockOfMinute(tr, range.from)}, {"to", clockOfMinute(tr, range.to)}});
    }
    return text;
}

}  // namespace cowork::kiosk
