#include "domain/opening_hours.hpp"

#include <algorithm>

namespace cowork {

const std::array<const char*, 7> kWeekdayKeys{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

namespace {

// Enough to span a year of closures (summer holidays, a shop being renovated).
constexpr int kLookaheadDays = 400;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
    return text;
}

std::string quoted(std::string_view text) { return "« " + std::string(text) + " »"; }

// Case is folded for ASCII only, which covers "Fermé", "FERME" and "Closed";
// "FERMÉ" keeps its multibyte É upper case and is listed as such.
bool isClosedWord(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower == "fermé" || lower == "ferme" || lower == "closed" || lower == "fermÉ";
}

bool allDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int toNumber(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

// "H:MM" or "HH:MM", 00:00 to 24:00; nullopt when not a time of day.
std::optional<int> parseClock(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto hours = text.substr(0, colon);
    const auto minutes = text.substr(colon + 1);
    if (hours.size() > 2 || minutes.size() != 2 || !allDigits(hours) || !allDigits(minutes)) return std::nullopt;
    const int h = toNumber(hours);
    const int m = toNumber(minutes);
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

std::string formatClock(int minute) {
    const int h = minute / 60;
    const int m = minute % 60;
    std::string out;
    out += static_cast<char>('0' + h / 10);
    out += static_cast<char>('0' + h % 10);
    out += ':';
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    return out;
}

struct RangeParse {
    MinuteRange range;
    std::string error;
};

RangeParse parseRange(std::string_view item) {
    const auto dash = item.find('-');
    const auto fromText = trim(item.substr(0, dash));
    const auto toText = dash == std::string_view::npos ? std::string_view{} : trim(item.substr(dash + 1));
    if (fromText.empty() || toText.empty()) {
        return {{}, quoted(item) + " n'est pas une plage horaire (attendu HH:MM-HH:MM)"};
    }
    const auto from = parseClock(fromText);
    const auto to = parseClock(toText);
    if (!from) return {{}, quoted(item) + " : " + quoted(fromText) + " n'est pas une heure valide (attendu HH:MM)"};
    if (!to) return {{}, quoted(item) + " : " + quoted(toText) + " n'est pas une heure valide (attendu HH:MM)"};
    if (*to < *from) return {{}, quoted(item) + " : la fin précède le début"};
    if (*to == *from) return {{}, quoted(item) + " : la plage est vide"};
    return {{*from, *to}, {}};
}

// The whole-day list is checked after each item parsed on its own, so that the
// message can quote the two ranges in conflict.
std::string checkOrder(const DayRanges& ranges, const std::vector<std::string_view>& items) {
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        const std::string pair = std::string(items[i - 1]) + "," + std::string(items[i]);
        if (ranges[i].to <= ranges[i - 1].from) {
            return quoted(pair) + " : plages dans le désordre (à écrire dans l'ordre de la journée)";
        }
        if (ranges[i].from < ranges[i - 1].to) return quoted(pair) + " : plages qui se chevauchent";
    }
    return {};
}

struct UtcSpan {
    TimeMs from;
    TimeMs to;
};

UtcSpan toUtc(LocalDate date, MinuteRange range) {
    return {parisLocalToUtc(date, range.from), parisLocalToUtc(date, range.to)};
}

// End of the range containing `utc`. A range converted to UTC never leaves its
// own local date (24:00 is an exclusive end), so only that date's ranges matter.
std::optional<TimeMs> currentSpanEnd(const OpeningHours& hours, TimeMs utc) {
    const LocalDate date = toParisLocal(utc).date;
    for (const auto& range : hours.rangesOn(date)) {
        const auto span = toUtc(date, range);
        if (span.from <= utc && utc < span.to) return span.to;
    }
    return std::nullopt;
}

}  // namespace

DayRangesParse parseDayRanges(std::string_view text) {
    const auto whole = trim(text);
    if (whole.empty() || isClosedWord(whole)) return {};
    DayRangesParse result;
    std::vector<std::string_view> items;
    std::string_view rest = whole;
    while (true) {
        const auto comma = rest.find(',');
        const auto item = trim(rest.substr(0, comma));
        if (item.empty()) {
            result.error = quoted(whole) + " : plage vide entre deux virgules";
            result.ranges.clear();
            return result;
        }
        auto parsed = parseRange(item);
        if (!parsed.error.empty()) {
            result.error = std::move(parsed.error);
            result.ranges.clear();
            return result;
        }
        result.ranges.push_back(parsed.range);
        items.push_back(item);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    result.error = checkOrder(result.ranges, items);
    if (!result.error.empty()) result.ranges.clear();
    return result;
}

std::string formatDayRanges(const DayRanges& ranges) {
    if (ranges.empty()) return "fermé";
    std::string out;
    for (const auto& range : ranges) {
        if (!out.empty()) out += ',';
        out += formatClock(range.from) + "-" + formatClock(range.to);
    }
    return out;
}

const DatedException* OpeningHours::exceptionOn(LocalDate date) const {
    for (const auto& exception : exceptions) {
        if (exception.date == date) return &exception;
    }
    return nullptr;
}

const DayRanges& OpeningHours::rangesOn(LocalDate date) const {
    if (const auto* exception = exceptionOn(date)) return exception->ranges;
    return weekly[static_cast<std::size_t>(weekdayOf(date))];
}

bool OpeningHours::isOpenAt(TimeMs utc) const { return currentSpanEnd(*this, utc).has_value(); }

std::optional<TimeMs> OpeningHours::closesAt(TimeMs utc) const {
    // Hop from span end to span end while another range takes over at that very
    // instant (touching ranges, 24:00 then 00:00, or a gap swallowed by the spring
    // jump). A site open round the clock never closes: stop at the lookahead.
    const TimeMs limit = utc + kLookaheadDays * kDayMs;
    auto end = currentSpanEnd(*this, utc);
    if (!end) return std::nullopt;
    while (*end < limit) {
        const auto next = currentSpanEnd(*this, *end);
        if (!next) return end;
        end = next;
    }
    return limit;
}

std::optional<TimeMs> OpeningHours::nextOpening(TimeMs utc) const {
    const LocalDate first = toParisLocal(utc).date;
    for (int offset = 0; offset <= kLookaheadDays; ++offset) {
        const LocalDate date = addDays(first, offset);
        std::optional<TimeMs> best;
        for (const auto& range : rangesOn(date)) {
            const auto span = toUtc(date, range);
            // A range starting where another ends is a continuation, not an opening;
            // one swallowed by the spring jump never opens at all.
            if (span.from <= utc || span.from >= span.to || isOpenAt(span.from - 1)) continue;
            if (!best || span.from < *best) best = span.from;
        }
        if (best) return best;
    }
    return std::nullopt;
}

}  // namespace cowork
