#include "domain/paris_time.hpp"

namespace cowork {
namespace {

// C++ division truncates toward zero; instants before 1970 need the floor so
// that the time of day stays in [0, 1 day).
TimeMs floorDiv(TimeMs a, TimeMs b) {
    TimeMs q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

TimeMs floorMod(TimeMs a, TimeMs b) { return a - floorDiv(a, b) * b; }

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
    constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && isLeapYear(year)) return 29;
    return kDays[month - 1];
}

LocalDate lastSundayOf(int year, int month) {
    LocalDate last{year, month, daysInMonth(year, month)};
    return addDays(last, -((weekdayOf(last) + 1) % 7));
}

// Both EU transitions happen at 01:00 UTC, whatever the zone.
TimeMs transitionUtc(int year, int month) {
    return static_cast<TimeMs>(daysFromCivil(lastSundayOf(year, month))) * kDayMs + kHourMs;
}

TimeMs summerStartUtc(int year) { return transitionUtc(year, 3); }
TimeMs summerEndUtc(int year) { return transitionUtc(year, 10); }

int utcYearOf(TimeMs utc) { return civilFromDays(static_cast<long>(floorDiv(utc, kDayMs))).year; }

}  // namespace

// Howard Hinnant's algorithm: shifting the year to start in March puts the leap
// day last, so day-of-year follows a simple linear formula.
long daysFromCivil(LocalDate date) {
    const long y = static_cast<long>(date.year) - (date.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = date.month > 2 ? date.month - 3 : date.month + 9;
    const long doy = (153 * mp + 2) / 5 + date.day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

LocalDate civilFromDays(long days) {
    const long z = days + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long day = doy - (153 * mp + 2) / 5 + 1;
    const long month = mp < 10 ? mp + 3 : mp - 9;
    const long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return LocalDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

int weekdayOf(LocalDate date) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    return static_cast<int>(floorMod(daysFromCivil(date) + 3, 7));
}

LocalDate addMonths(LocalDate date, int months) {
    const int index = date.year * 12 + (date.month - 1) + months;
    LocalDate moved{index / 12, index % 12 + 1, date.day};
    while (!isValidDate(moved)) --moved.day;
    return moved;
}

LocalDate addDays(LocalDate date, int days) { return civilFromDays(daysFromCivil(date) + days); }

bool isValidDate(LocalDate date) {
    // Four-digit years only: anything else in a data file is a typo.
    if (date.year < 1 || date.year > 9999) return false;
    if (date.month < 1 || date.month > 12) return false;
    return date.day >= 1 && date.day <= daysInMonth(date.year, date.month);
}

int parisOffsetMinutes(TimeMs utc) {
    // The transitions fall in March and October, so the UTC year is the right one.
    // Its bounds and transitions are kept for the next call: the figures ask
    // millions of times within one year, and finding them again was most of it.
    struct Year {
        TimeMs from = 0, to = 0, summerStart = 0, summerEnd = 0;
    };
    thread_local Year known;
    if (utc < known.from || utc >= known.to) {
        const int year = utcYearOf(utc);
        known = {static_cast<TimeMs>(daysFromCivil({year, 1, 1})) * kDayMs, static_cast<TimeMs>(daysFromCivil({year + 1, 1, 1})) * kDayMs,
                 summerStartUtc(year), summerEndUtc(year)};
    }
    return (utc >= known.summerStart && utc < known.summerEnd) ? 120 : 60;
}

LocalDateTime toParisLocal(TimeMs utc) {
    const TimeMs local = utc + parisOffsetMinutes(utc) * kMinuteMs;
    const long days = static_cast<long>(floorDiv(local, kDayMs));
    const TimeMs msOfDay = local - static_cast<TimeMs>(days) * kDayMs;
    LocalDateTime result;
    result.date = civilFromDays(days);
    result.minuteOfDay = static_cast<int>(msOfDay / kMinuteMs);
    result.second = static_cast<int>((msOfDay % kMinuteMs) / 1000);
    result.weekday = static_cast<int>(floorMod(days + 3, 7));
    return result;
}

TimeMs parisLocalToUtc(LocalDate date, int minuteOfDay) {
    const TimeMs local = static_cast<TimeMs>(daysFromCivil(date)) * kDayMs + minuteOfDay * kMinuteMs;
    // Try summer time first: when a wall time happens twice, the CEST reading is
    // the earlier instant.
    const TimeMs asSummer = local - 120 * kMinuteMs;
    if (parisOffsetMinutes(asSummer) == 120) return asSummer;
    const TimeMs asWinter = local - 60 * kMinuteMs;
    if (parisOffsetMinutes(asWinter) == 60) return asWinter;
    // Neither reading exists: the wall time was skipped by the spring jump.
    return summerStartUtc(utcYearOf(asWinter));
}

TimeMs monthsBefore(TimeMs now, int months) {
    const LocalDateTime local = toParisLocal(now);
    return parisLocalToUtc(addMonths(local.date, -months), local.minuteOfDay);
}

}  // namespace cowork
