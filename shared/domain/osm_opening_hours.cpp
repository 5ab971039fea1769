#include "domain/osm_opening_hours.hpp"

#include <algorithm>

namespace cowork {
namespace {

constexpr const char* kOsmDays[7] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
constexpr const char* kOsmMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days 0..6 (Monday first) as OSM writes them: runs of three or more as a range,
// shorter ones listed: {0,1,2,3,4} → "Mo-Fr", {1,3} → "Tu,Th", {0,1,5} → "Mo,Tu,Sa".
std::string weekdaySelector(const std::vector<int>& days) {
    std::string out;
    for (std::size_t i = 0; i < days.size();) {
        std::size_t end = i;
        while (end + 1 < days.size() && days[end + 1] == days[end] + 1) ++end;
        if (!out.empty()) out += ',';
        if (end - i >= 2) {
            out += std::string(kOsmDays[days[i]]) + "-" + kOsmDays[days[end]];
        } else {
            for (std::size_t d = i; d <= end; ++d) out += std::string(d > i ? "," : "") + kOsmDays[days[d]];
        }
        i = end + 1;
    }
    return out;
}

bool isAllDay(const DayRanges& ranges) { return ranges.size() == 1 && ranges[0].from == 0 && ranges[0].to == 1440; }

// "Mo-Fr 08:30-18:30; Sa 09:00-12:00": days with the same hours share one rule,
// rules in the order of their first day; closed days are simply not named (OSM's
// default is closed).
std::string weeklyRules(const std::array<DayRanges, 7>& weekly) {
    if (std::all_of(weekly.begin(), weekly.end(), isAllDay)) return "24/7";
    std::vector<std::pair<DayRanges, std::vector<int>>> groups;
    for (int day = 0; day < 7; ++day) {
        if (weekly[day].empty()) continue;
        auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == weekly[day]; });
        if (same == groups.end()) {
            groups.push_back({weekly[day], {day}});
        } else {
            same->second.push_back(day);
        }
    }
    std::string out;
    for (const auto& [ranges, days] : groups) {
        if (!out.empty()) out += "; ";
        out += weekdaySelector(days) + " " + formatDayRanges(ranges);
    }
    return out;
}

std::string twoDigits(int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); }

std::string osmDate(LocalDate d) { return std::to_string(d.year) + " " + kOsmMonths[d.month - 1] + " " + twoDigits(d.day); }

// "2026 Dec 25", "2026 Aug 03-23", "2026 Jul 29-Aug 01", "2026 Dec 31-2027 Jan 01":
// the end says only what differs from the start (the form OSM tools normalize to).
std::string dateSelector(LocalDate first, LocalDate last) {
    if (first == last) return osmDate(first);
    if (first.year != last.year) return osmDate(first) + "-" + osmDate(last);
    if (first.month != last.month) return osmDate(first) + "-" + kOsmMonths[last.month - 1] + " " + twoDigits(last.day);
    return osmDate(first) + "-" + twoDigits(last.day);
}

// A comment is a quoted string with no quote inside: the reason's own quotes
// become apostrophes, control characters spaces.
std::string comment(const std::string& reason) {
    std::string out;
    for (const char c : reason) {
        if (c == '"') {
            out += '\'';
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out.empty() ? out : " \"" + out + "\"";
}

// Exceptions from `from` on, consecutive days with the same hours and reason as
// one date range: a three-week summer closure is one rule, not 21.
std::vector<std::string> exceptionRules(std::vector<DatedException> exceptions, LocalDate from) {
    std::erase_if(exceptions, [&](const DatedException& e) { return e.date < from; });
    std::sort(exceptions.begin(), exceptions.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    std::vector<std::string> rules;
    for (std::size_t i = 0; i < exceptions.size();) {
        std::size_t end = i;
        while (end + 1 < exceptions.size() && exceptions[end + 1].date == addDays(exceptions[end].date, 1) &&
               exceptions[end + 1].ranges == exceptions[i].ranges && exceptions[end + 1].reason == exceptions[i].reason) {
            ++end;
        }
        const DatedException& e = exceptions[i];
        rules.push_back(dateSelector(e.date, exceptions[end].date) + " " +
                        (e.ranges.empty() ? std::string("off") : formatDayRanges(e.ranges)) + comment(e.reason));
        i = end + 1;
    }
    return rules;
}

}  // namespace

std::string toOsmOpeningHours(const OpeningHours& hours, LocalDate from) {
    std::string out = weeklyRules(hours.weekly);
    const std::vector<std::string> exceptions = exceptionRules(hours.exceptions, from);
    // Only closed days: "off", and exceptions after it (a later rule wins for its days).
    if (out.empty()) out = "off";
    for (const std::string& rule : exceptions) out += "; " + rule;
    return out;
}

}  // namespace cowork
