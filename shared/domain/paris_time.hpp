#pragma once
// Europe/Paris civil time. libstdc++ 12 (Debian 12) has no std::chrono time-zone
// database, so the rule is written here: CET (UTC+1), and CEST (UTC+2) from the
// last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, the EU
// rule in force since 1996. Dates before 1996 are not needed by this project.
#include "domain/time.hpp"

namespace cowork {

struct LocalDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    auto operator<=>(const LocalDate&) const = default;
};

struct LocalDateTime {
    LocalDate date;
    int minuteOfDay = 0;  // 0..1439
    int second = 0;
    int weekday = 0;  // 0 = Monday .. 6 = Sunday
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
long daysFromCivil(LocalDate date);
LocalDate civilFromDays(long days);
int weekdayOf(LocalDate date);  // 0 = Monday
LocalDate addDays(LocalDate date, int days);
// Same day N months later (or earlier); the 31st becomes the month's last day.
LocalDate addMonths(LocalDate date, int months);
bool isValidDate(LocalDate date);

// UTC offset in force at that instant, in minutes (60 or 120).
int parisOffsetMinutes(TimeMs utc);
LocalDateTime toParisLocal(TimeMs utc);

// The instant of a local wall-clock time. A time skipped in spring (02:00-03:00)
// maps to the instant the clocks jumped to; a time that happens twice in autumn
// maps to its first occurrence. minuteOfDay may be 1440 (midnight ending the day).
TimeMs parisLocalToUtc(LocalDate date, int minuteOfDay);

// The instant N calendar months before `now`, in Paris time (negative N: after).
TimeMs monthsBefore(TimeMs now, int months);

}  // namespace cowork
