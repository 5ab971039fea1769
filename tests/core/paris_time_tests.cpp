#include <catch2/catch.hpp>

#include "domain/paris_time.hpp"

using namespace cowork;

namespace {

// Literal instants, checked with `date -u -d '…' +%s`: the tests must not derive
// their expectations from the code under test.
constexpr TimeMs k2026SpringJump = 1774746000000;   // 2026-03-29T01:00:00Z
constexpr TimeMs k2026AutumnBack = 1792890000000;   // 2026-10-25T01:00:00Z
constexpr TimeMs k2025SpringJump = 1743296400000;   // 2025-03-30T01:00:00Z
constexpr TimeMs k2025AutumnBack = 1761440400000;   // 2025-10-26T01:00:00Z
constexpr TimeMs k2026Mar28At2300Z = 1774738800000;  // 2026-03-28T23:00:00Z
constexpr TimeMs k2026Oct25At0030Z = 1792888200000;  // 2026-10-25T00:30:00Z
constexpr TimeMs k2026Oct25At0200Z = 1792893600000;  // 2026-10-25T02:00:00Z
constexpr TimeMs k2026Oct24At2359Z = 1792886340000;  // 2026-10-24T23:59:00Z
constexpr TimeMs k2026Mar29At0059Z = 1774745940000;  // 2026-03-29T00:59:00Z

int minutes(int h, int m) { return h * 60 + m; }

void checkLocal(TimeMs utc, LocalDate date, int minuteOfDay, int second, int weekday) {
    const auto local = toParisLocal(utc);
    INFO("utc " << utc);
    CHECK(local.date == date);
    CHECK(local.minuteOfDay == minuteOfDay);
    CHECK(local.second == second);
    CHECK(local.weekday == weekday);
}

}  // namespace

TEST_CASE("civil dates convert to and from days since the epoch", "[paris]") {
    CHECK(daysFromCivil({1970, 1, 1}) == 0);
    CHECK(daysFromCivil({1969, 12, 31}) == -1);
    CHECK(daysFromCivil({2000, 3, 1}) == 11017);
    CHECK(daysFromCivil({2026, 3, 29}) == 20541);  // 1774746000 / 86400
    CHECK(daysFromCivil({1600, 1, 1}) == -135140);
    CHECK(civilFromDays(20541) == LocalDate{2026, 3, 29});
    CHECK(civilFromDays(-1) == LocalDate{1969, 12, 31});
    CHECK(civilFromDays(-135140) == LocalDate{1600, 1, 1});

    // Every day for ~70 years either side of 1970 comes back unchanged and is
    // one more than the day before.
    LocalDate previous = civilFromDays(-25001);
    for (long days = -25000; days <= 25000; ++days) {
        const LocalDate date = civilFromDays(days);
        REQUIRE(isValidDate(date));
        REQUIRE(daysFromCivil(date) == days);
        REQUIRE(date > previous);
        previous = date;
    }
}

TEST_CASE("weekdays, adding days and validating dates", "[paris]") {
    CHECK(weekdayOf({1970, 1, 1}) == 3);  // Thursday
    CHECK(weekdayOf({1969, 12, 29}) == 0);  // Monday
    CHECK(weekdayOf({2026, 3, 29}) == 6);  // Sunday
    CHECK(weekdayOf({2026, 1, 13}) == 1);  // Tuesday

    CHECK(addDays({2026, 12, 31}, 1) == LocalDate{2027, 1, 1});
    CHECK(addDays({2024, 2, 28}, 1) == LocalDate{2024, 2, 29});
    CHECK(addDays({2025, 2, 28}, 1) == LocalDate{2025, 3, 1});
    CHECK(addDays({2026, 3, 1}, -1) == LocalDate{2026, 2, 28});
    CHECK(addDays({1970, 1, 1}, -366) == LocalDate{1968, 12, 31});

    CHECK(isValidDate({2024, 2, 29}));
    CHECK(isValidDate({2000, 2, 29}));
    CHECK(isValidDate({2026, 12, 31}));
    CHECK_FALSE(isValidDate({2025, 2, 29}));
    CHECK_FALSE(isValidDate({1900, 2, 29}));
    CHECK_FALSE(isValidDate({2026, 4, 31}));
    CHECK_FALSE(isValidDate({2026, 13, 1}));
    CHECK_FALSE(isValidDate({2026, 0, 1}));
    CHECK_FALSE(isValidDate({2026, 1, 0}));
    CHECK_FALSE(isValidDate({2026, 1, 32}));
}

TEST_CASE("the offset changes exactly at 01:00 UTC on the last Sundays", "[paris]") {
    for (TimeMs jump : {k2026SpringJump, k2025SpringJump}) {
        CHECK(parisOffsetMinutes(jump - 1) == 60);
        CHECK(parisOffsetMinutes(jump) == 120);
    }
    for (TimeMs back : {k2026AutumnBack, k2025AutumnBack}) {
        CHECK(parisOffsetMinutes(back - 1) == 120);
        CHECK(parisOffsetMinutes(back) == 60);
    }
    CHECK(parisOffsetMinutes(k2026SpringJump - kDayMs) == 60);
    CHECK(parisOffsetMinutes(k2026AutumnBack + kDayMs) == 60);
    CHECK(parisOffsetMinutes(k2026SpringJump + 100 * kDayMs) == 120);  // July
    CHECK(parisOffsetMinutes(0) == 60);
    CHECK(parisOffsetMinutes(-1) == 60);
}

TEST_CASE("UTC instants read as Paris wall time", "[paris]") {
    // Spring 2026: 01:59:59 CET is followed by 03:00:00 CEST.
    checkLocal(k2026SpringJump - 1000, {2026, 3, 29}, minutes(1, 59), 59, 6);
    checkLocal(k2026SpringJump, {2026, 3, 29}, minutes(3, 0), 0, 6);
    // Spring 2025.
    checkLocal(k2025SpringJump - 1, {2025, 3, 30}, minutes(1, 59), 59, 6);
    checkLocal(k2025SpringJump, {2025, 3, 30}, minutes(3, 0), 0, 6);
    // Autumn 2026: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    checkLocal(k2026AutumnBack - 1, {2026, 10, 25}, minutes(2, 59), 59, 6);
    checkLocal(k2026AutumnBack, {2026, 10, 25}, minutes(2, 0), 0, 6);
    checkLocal(k2026Oct25At0030Z, {2026, 10, 25}, minutes(2, 30), 0, 6);
    checkLocal(k2026Oct25At0030Z + kHourMs, {2026, 10, 25}, minutes(2, 30), 0, 6);
    // Autumn 2025.
    checkLocal(k2025AutumnBack - 1, {2025, 10, 26}, minutes(2, 59), 59, 6);
    checkLocal(k2025AutumnBack, {2025, 10, 26}, minutes(2, 0), 0, 6);
    // Midnight in Paris is 23:00Z the day before in winter.
    checkLocal(k2026Mar28At2300Z, {2026, 3, 29}, 0, 0, 6);
    checkLocal(k2026Mar28At2300Z - 1, {2026, 3, 28}, minutes(23, 59), 59, 5);
    // Before 1970 the time of day must not go negative.
    checkLocal(-1, {1970, 1, 1}, minutes(0, 59), 59, 3);
    checkLocal(-kHourMs - 1, {1969, 12, 31}, minutes(23, 59), 59, 2);
}

TEST_CASE("Paris wall time converts to UTC", "[paris]") {
    SECTION("ordinary times") {
        CHECK(parisLocalToUtc({2026, 3, 29}, 0) == k2026Mar28At2300Z);
        CHECK(parisLocalToUtc({2026, 3, 29}, minutes(1, 59)) == k2026Mar29At0059Z);
        CHECK(parisLocalToUtc({2026, 3, 29}, minutes(3, 0)) == k2026SpringJump);
        CHECK(parisLocalToUtc({2026, 3, 29}, minutes(8, 0)) == 1774764000000);  // 06:00Z
        CHECK(parisLocalToUtc({2026, 10, 25}, minutes(8, 0)) == 1792911600000);  // 07:00Z
        CHECK(parisLocalToUtc({2026, 10, 25}, minutes(3, 0)) == k2026Oct25At0200Z);
        CHECK(parisLocalToUtc({2026, 10, 25}, minutes(1, 59)) == k2026Oct24At2359Z);
        CHECK(parisLocalToUtc({1970, 1, 1}, 0) == -kHourMs);
    }
    SECTION("a time skipped in spring maps to the jump") {
        for (int minute = minutes(2, 0); minute < minutes(3, 0); ++minute) {
            INFO("minute " << minute);
            CHECK(parisLocalToUtc({2026, 3, 29}, minute) == k2026SpringJump);
            CHECK(parisLocalToUtc({2025, 3, 30}, minute) == k2025SpringJump);
        }
    }
    SECTION("a doubled time in autumn maps to its first occurrence") {
        CHECK(parisLocalToUtc({2026, 10, 25}, minutes(2, 30)) == k2026Oct25At0030Z);
        CHECK(parisLocalToUtc({2026, 10, 25}, minutes(2, 0)) == k2026AutumnBack - kHourMs);
        CHECK(parisLocalToUtc({2025, 10, 26}, minutes(2, 59)) == k2025AutumnBack - kMinuteMs);
    }
    SECTION("minute 1440 is the midnight ending the day") {
        CHECK(parisLocalToUtc({2026, 3, 28}, 1440) == k2026Mar28At2300Z);
        CHECK(parisLocalToUtc({2026, 3, 28}, 1440) == parisLocalToUtc({2026, 3, 29}, 0));
        CHECK(parisLocalToUtc({2026, 12, 31}, 1440) == parisLocalToUtc({2027, 1, 1}, 0));
        // The spring day is 23 hours long, the autumn one 25.
        CHECK(parisLocalToUtc({2026, 3, 29}, 1440) - parisLocalToUtc({2026, 3, 29}, 0) == 23 * kHourMs);
        CHECK(parisLocalToUtc({2026, 10, 25}, 1440) - parisLocalToUtc({2026, 10, 25}, 0) == 25 * kHourMs);
    }
}

TEST_CASE("UTC to local and back round trips across both years' changes", "[paris]") {
    const TimeMs from = parisLocalToUtc({2025, 1, 1}, 0);
    const TimeMs to = parisLocalToUtc({2027, 1, 1}, 0);
    int checked = 0;
    for (TimeMs utc = from; utc < to; utc += 15 * kMinuteMs) {
        const auto local = toParisLocal(utc);
        const TimeMs back = parisLocalToUtc(local.date, local.minuteOfDay);
        // Only the second pass through an autumn hour maps to another instant.
        const bool secondPass = (utc >= k2025AutumnBack && utc < k2025AutumnBack + kHourMs) ||
                                (utc >= k2026AutumnBack && utc < k2026AutumnBack + kHourMs);
        INFO("utc " << utc);
        if (secondPass) {
            REQUIRE(back == utc - kHourMs);
        } else {
            REQUIRE(back == utc);
        }
        ++checked;
    }
    CHECK(checked == 2 * 365 * 96);
}

TEST_CASE("local to UTC and back round trips except in the skipped hour", "[paris]") {
    for (LocalDate date = {2025, 1, 1}; date < LocalDate{2027, 1, 1}; date = addDays(date, 1)) {
        for (int minute = 0; minute < 1440; minute += 10) {
            const bool skipped = (date == LocalDate{2025, 3, 30} || date == LocalDate{2026, 3, 29}) &&
                                 minute >= minutes(2, 0) && minute < minutes(3, 0);
            if (skipped) continue;
            const auto local = toParisLocal(parisLocalToUtc(date, minute));
            INFO(date.year << "-" << date.month << "-" << date.day << " minute " << minute);
            REQUIRE(local.date == date);
            REQUIRE(local.minuteOfDay == minute);
            REQUIRE(local.second == 0);
            REQUIRE(local.weekday == weekdayOf(date));
        }
    }
}

TEST_CASE("adding months keeps the day, or takes the month's last", "[paris]") {
    CHECK(addMonths({2026, 11, 26}, -3) == LocalDate{2026, 8, 26});
    CHECK(addMonths({2026, 1, 15}, -13) == LocalDate{2024, 12, 15});
    CHECK(addMonths({2026, 5, 31}, -3) == LocalDate{2026, 2, 28});
    CHECK(addMonths({2024, 3, 31}, -1) == LocalDate{2024, 2, 29});
    CHECK(addMonths({2026, 12, 10}, 1) == LocalDate{2027, 1, 10});
}
