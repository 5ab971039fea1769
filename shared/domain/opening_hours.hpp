#pragma once
// Weekly opening hours with split days ("07:00-12:30,15:00-19:00") and dated
// exceptions (closed for holidays, special hours), answered in Europe/Paris time.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/paris_time.hpp"
#include "domain/time.hpp"

namespace cowork {

// [from, to) in minutes after local midnight; to may be 1440.
struct MinuteRange {
    int from = 0;
    int to = 0;
    auto operator<=>(const MinuteRange&) const = default;
};
using DayRanges = std::vector<MinuteRange>;

// Either a list of ranges or an error message saying what is wrong (French).
struct DayRangesParse {
    DayRanges ranges;
    std::string error;  // empty when ranges are valid
};
// "07:00-12:30,15:00-19:00" → two ranges. "" or "fermé" → closed all day.
// Ranges must be well formed, non-empty, ascending and not overlapping.
DayRangesParse parseDayRanges(std::string_view text);
std::string formatDayRanges(const DayRanges& ranges);  // "07:00-12:30,15:00-19:00"

struct DatedException {
    LocalDate date;
    DayRanges ranges;    // empty: closed all day
    std::string reason;  // shown to visitors, e.g. "Congés d'été"
    auto operator<=>(const DatedException&) const = default;
};

// Keys of the weekly table in network files and events: "mon" .. "sun".
extern const std::array<const char*, 7> kWeekdayKeys;

class OpeningHours {
public:
    std::array<DayRanges, 7> weekly;  // 0 = Monday
    std::vector<DatedException> exceptions;

    // The ranges that apply on that local date (an exception wins).
    const DayRanges& rangesOn(LocalDate date) const;
    const DatedException* exceptionOn(LocalDate date) const;

    bool isOpenAt(TimeMs utc) const;
    // When the current opening ends; nullopt when closed at `utc`. Ranges that
    // touch across midnight (…-24:00 then 00:00-…) count as one opening.
    std::optional<TimeMs> closesAt(TimeMs utc) const;
    // The next moment strictly after `utc` at which the site opens, looking up to
    // 400 days ahead; nullopt if it never opens in that span.
    std::optional<TimeMs> nextOpening(TimeMs utc) const;

    auto operator<=>(const OpeningHours&) const = default;
};

}  // namespace cowork
