#include <catch2/catch.hpp>

#include <string>

#include "domain/opening_hours.hpp"

using namespace cowork;

namespace {

// Expected instants are literal epoch milliseconds, checked independently with
// `date -u -d '…' +%s` and `TZ=Europe/Paris date -d @…`; the comment gives UTC
// then Paris wall time.
constexpr TimeMs kSpringSun0600Z = 1774764000000;   // 2026-03-29 06:00Z = 08:00 CEST
constexpr TimeMs kSpringSun1000Z = 1774778400000;   // 2026-03-29 10:00Z = 12:00 CEST
constexpr TimeMs kSpringSun0030L = 1774740600000;   // 2026-03-28 23:30Z = 00:30 CET
constexpr TimeMs kSpringSun0300Z = 1774753200000;   // 2026-03-29 03:00Z = 05:00 CEST
constexpr TimeMs kAutumnSun0700Z = 1792911600000;   // 2026-10-25 07:00Z = 08:00 CET
constexpr TimeMs kAutumnSun1100Z = 1792926000000;   // 2026-10-25 11:00Z = 12:00 CET
constexpr TimeMs kAutumnSun0000Z = 1792886400000;   // 2026-10-25 00:00Z = 02:00 CEST
constexpr TimeMs kAutumnSun0200Z = 1792893600000;   // 2026-10-25 02:00Z = 03:00 CET
constexpr TimeMs kSat20h = 1768071600000;           // 2026-01-10 19:00Z = Sat 20:00 CET
constexpr TimeMs kTue09h = 1768291200000;           // 2026-01-13 08:00Z = Tue 09:00 CET
constexpr TimeMs kWed0659 = 1781067540000;          // 2026-06-10 04:59Z = 06:59 CEST
constexpr TimeMs kWed0700 = 1781067600000;          // 2026-06-10 05:00Z = 07:00 CEST
constexpr TimeMs kWed1230 = 1781087400000;          // 2026-06-10 10:30Z = 12:30 CEST
constexpr TimeMs kWed1300 = 1781089200000;          // 2026-06-10 11:00Z = 13:00 CEST
constexpr TimeMs kWed1500 = 1781096400000;          // 2026-06-10 13:00Z = 15:00 CEST
constexpr TimeMs kWed1900 = 1781110800000;          // 2026-06-10 17:00Z = 19:00 CEST
constexpr TimeMs kMon13July19h = 1783962000000;     // 2026-07-13 17:00Z = 19:00 CEST
constexpr TimeMs kWed15July09h = 1784098800000;     // 2026-07-15 07:00Z = 09:00 CEST
constexpr TimeMs kDec24At08h = 1798099200000 - kHourMs;  // 2026-12-24 07:00Z = 08:00 CET
constexpr TimeMs kDec24At09h = 1798099200000;       // 2026-12-24 08:00Z = 09:00 CET
constexpr TimeMs kDec24At12h = 1798110000000;       // 2026-12-24 11:00Z = 12:00 CET
constexpr TimeMs kDec24At13h = 1798113600000;       // 2026-12-24 12:00Z = 13:00 CET
constexpr TimeMs kDec28At09h = 1798444800000;       // 2026-12-28 08:00Z = Mon 09:00 CET
constexpr TimeMs kSat9May20h = 1778349600000;       // 2026-05-09 18:00Z = 20:00 CEST
constexpr TimeMs kSun10May14h = 1778414400000;      // 2026-05-10 12:00Z = 14:00 CEST
constexpr TimeMs kThu5Feb13h = 1770292800000;       // 2026-02-05 12:00Z = 13:00 CET
constexpr TimeMs kThu5Feb18h = 1770310800000;       // 2026-02-05 17:00Z = 18:00 CET
constexpr TimeMs kFri6Feb23h = 1770415200000;       // 2026-02-06 22:00Z = 23:00 CET
constexpr TimeMs kSat7Feb02h = 1770426000000;       // 2026-02-07 01:00Z = 02:00 CET

DayRanges ranges(const char* text) {
    const auto parsed = parseDayRanges(text);
    INFO(text << " → " << parsed.error);
    REQUIRE(parsed.error.empty());
    return parsed.ranges;
}

// Weekly table from Monday to Sunday, as a network file would write it.
OpeningHours week(std::array<const char*, 7> days) {
    OpeningHours hours;
    for (std::size_t i = 0; i < days.size(); ++i) hours.weekly[i] = ranges(days[i]);
    return hours;
}

OpeningHours sundayMornings() { return week({"", "", "", "", "", "", "08:00-12:00"}); }

OpeningHours officeWeek() {
    return week({"09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "", ""});
}

}  // namespace

TEST_CASE("weekday keys follow the weekly table", "[hours]") {
    CHECK(std::string(kWeekdayKeys[0]) == "mon");
    CHECK(std::string(kWeekdayKeys[2]) == "wed");
    CHECK(std::string(kWeekdayKeys[6]) == "sun");
}

TEST_CASE("day ranges are parsed", "[hours]") {
    CHECK(ranges("07:00-12:30,15:00-19:00") == DayRanges{{420, 750}, {900, 1140}});
    CHECK(ranges("  07:00-12:30 ,  15:00 - 19:00 ") == DayRanges{{420, 750}, {900, 1140}});
    CHECK(ranges("00:00-24:00") == DayRanges{{0, 1440}});
    CHECK(ranges("7:05-9:00") == DayRanges{{425, 540}});
    CHECK(ranges("12:00-14:00,14:00-18:00") == DayRanges{{720, 840}, {840, 1080}});
    for (const char* closed : {"", "   ", "fermé", "Fermé", "ferme", "FERME", "closed", " Closed "}) {
        INFO("« " << closed << " »");
        const auto parsed = parseDayRanges(closed);
        CHECK(parsed.error.empty());
        CHECK(parsed.ranges.empty());
    }
}

TEST_CASE("day ranges are formatted and parse back", "[hours]") {
    CHECK(formatDayRanges({{420, 750}, {900, 1140}}) == "07:00-12:30,15:00-19:00");
    CHECK(formatDayRanges({{0, 1440}}) == "00:00-24:00");
    CHECK(formatDayRanges({{425, 540}}) == "07:05-09:00");
    CHECK(formatDayRanges({}) == "fermé");
    for (const char* text : {"07:00-12:30,15:00-19:00", "00:00-24:00", "fermé", "23:59-24:00"}) {
        CHECK(formatDayRanges(ranges(text)) == text);
    }
}

TEST_CASE("malformed day ranges are refused with a message saying why", "[hours]") {
    struct Case {
        const char* text;
        const char* error;
    };
    const Case cases[] = {
        {"15:00", "« 15:00 » n'est pas une plage horaire (attendu HH:MM-HH:MM)"},
        {"ouvert", "« ouvert » n'est pas une plage horaire (attendu HH:MM-HH:MM)"},
        {"12:00-08:00", "« 12:00-08:00 » : la fin précède le début"},
        {"08:00-08:00", "« 08:00-08:00 » : la plage est vide"},
        {"08:00-12:00,11:00-14:00", "« 08:00-12:00,11:00-14:00 » : plages qui se chevauchent"},
        {"08:00-12:00, 08:00-09:00", "« 08:00-12:00,08:00-09:00 » : plages qui se chevauchent"},
        {"15:00-19:00,07:00-12:30",
         "« 15:00-19:00,07:00-12:30 » : plages dans le désordre (à écrire dans l'ordre de la journée)"},
        {"25:00-26:00", "« 25:00-26:00 » : « 25:00 » n'est pas une heure valide (attendu HH:MM)"},
        {"08:60-09:00", "« 08:60-09:00 » : « 08:60 » n'est pas une heure valide (attendu HH:MM)"},
        {"08:00-24:30", "« 08:00-24:30 » : « 24:30 » n'est pas une heure valide (attendu HH:MM)"},
        {"8h-12h", "« 8h-12h » : « 8h » n'est pas une heure valide (attendu HH:MM)"},
        {"08:00-", "« 08:00- » n'est pas une plage horaire (attendu HH:MM-HH:MM)"},
        {"-12:00", "« -12:00 » n'est pas une plage horaire (attendu HH:MM-HH:MM)"},
        {"24:00-24:00", "« 24:00-24:00 » : la plage est vide"},
        {"08:00-12:00,", "« 08:00-12:00, » : plage vide entre deux virgules"},
        {"08:00-12:00,,14:00-18:00", "« 08:00-12:00,,14:00-18:00 » : plage vide entre deux virgules"},
    };
    for (const auto& c : cases) {
        const auto parsed = parseDayRanges(c.text);
        INFO("« " << c.text << " »");
        CHECK(parsed.error == c.error);
        CHECK(parsed.ranges.empty());
    }
}

TEST_CASE("ranges on a date: an exception wins over the weekly table", "[hours]") {
    auto hours = officeWeek();
    hours.exceptions.push_back({{2026, 7, 14}, {}, "Fête nationale"});
    hours.exceptions.push_back({{2026, 7, 18}, ranges("10:00-12:00"), "Portes ouvertes"});
    CHECK(hours.rangesOn({2026, 7, 13}) == ranges("09:00-17:00"));
    CHECK(hours.rangesOn({2026, 7, 14}).empty());
    CHECK(hours.rangesOn({2026, 7, 18}) == ranges("10:00-12:00"));  // a Saturday
    CHECK(hours.rangesOn({2026, 7, 19}).empty());
    REQUIRE(hours.exceptionOn({2026, 7, 14}) != nullptr);
    CHECK(hours.exceptionOn({2026, 7, 14})->reason == "Fête nationale");
    CHECK(hours.exceptionOn({2026, 7, 15}) == nullptr);
    CHECK(hours.exceptionOn({2027, 7, 14}) == nullptr);
}

TEST_CASE("opening hours hold local wall time on the spring clock change", "[hours]") {
    const auto hours = sundayMornings();
    CHECK_FALSE(hours.isOpenAt(kSpringSun0600Z - 1));
    CHECK(hours.isOpenAt(kSpringSun0600Z));
    CHECK(hours.isOpenAt(kSpringSun1000Z - 1));
    CHECK_FALSE(hours.isOpenAt(kSpringSun1000Z));
    CHECK(hours.closesAt(kSpringSun0600Z) == kSpringSun1000Z);
    CHECK(hours.closesAt(kSpringSun0600Z - 1) == std::nullopt);
    CHECK(hours.nextOpening(kSpringSun0600Z - 1) == kSpringSun0600Z);
    CHECK(hours.nextOpening(kSpringSun0600Z - 3 * kDayMs) == kSpringSun0600Z);
    // Strictly after: from the opening instant itself, the next one is a week on,
    // still in CEST, so at the same UTC time of day.
    CHECK(hours.nextOpening(kSpringSun0600Z) == kSpringSun0600Z + 7 * kDayMs);
    // The Sunday before was in CET: 08:00 was 07:00Z.
    CHECK(hours.nextOpening(kSpringSun0600Z - 7 * kDayMs - kHourMs) == kSpringSun0600Z - 7 * kDayMs + kHourMs);
}

TEST_CASE("opening hours hold local wall time on the autumn clock change", "[hours]") {
    const auto hours = sundayMornings();
    CHECK_FALSE(hours.isOpenAt(kAutumnSun0700Z - 1));
    CHECK(hours.isOpenAt(kAutumnSun0700Z));
    CHECK(hours.isOpenAt(kAutumnSun1100Z - 1));
    CHECK_FALSE(hours.isOpenAt(kAutumnSun1100Z));
    CHECK(hours.closesAt(kAutumnSun0700Z + kHourMs) == kAutumnSun1100Z);
    CHECK(hours.nextOpening(kAutumnSun0700Z - 2 * kDayMs) == kAutumnSun0700Z);
    CHECK(hours.nextOpening(kAutumnSun0700Z) == kAutumnSun0700Z + 7 * kDayMs);
}

TEST_CASE("the doubled and skipped hours count as they were lived", "[hours]") {
    SECTION("02:00-03:00 on the autumn Sunday lasts two hours") {
        const auto hours = week({"", "", "", "", "", "", "02:00-03:00"});
        CHECK_FALSE(hours.isOpenAt(kAutumnSun0000Z - 1));
        CHECK(hours.isOpenAt(kAutumnSun0000Z));
        CHECK(hours.isOpenAt(kAutumnSun0000Z + 90 * kMinuteMs));  // 02:30 the second time
        CHECK_FALSE(hours.isOpenAt(kAutumnSun0200Z));
        CHECK(hours.closesAt(kAutumnSun0000Z) == kAutumnSun0200Z);
    }
    SECTION("a gap swallowed by the spring jump is no closing") {
        const auto hours = week({"", "", "", "", "", "", "00:00-02:00,03:00-05:00"});
        CHECK(hours.isOpenAt(kSpringSun0030L));
        CHECK(hours.closesAt(kSpringSun0030L) == kSpringSun0300Z);
        CHECK(hours.nextOpening(kSpringSun0030L) == kSpringSun0030L - 30 * kMinuteMs + 7 * kDayMs - kHourMs);
    }
    SECTION("a range entirely in the skipped hour never opens") {
        const auto hours = week({"", "", "", "", "", "", "02:00-02:30"});
        for (TimeMs t = kSpringSun0030L; t < kSpringSun0300Z; t += kMinuteMs) REQUIRE_FALSE(hours.isOpenAt(t));
        // Next Sunday (CEST) 02:00 is 00:00Z on 2026-04-05.
        CHECK(hours.nextOpening(kSpringSun0030L) == kSpringSun0600Z - 6 * kHourMs + 7 * kDayMs);
    }
}

TEST_CASE("a split day is open around its midday break", "[hours]") {
    const auto hours = week({"", "", "07:00-12:30,15:00-19:00", "", "", "", ""});
    CHECK_FALSE(hours.isOpenAt(kWed0659));
    CHECK(hours.isOpenAt(kWed0700));
    CHECK(hours.isOpenAt(kWed1230 - 1));
    CHECK_FALSE(hours.isOpenAt(kWed1230));
    CHECK_FALSE(hours.isOpenAt(kWed1300));
    CHECK(hours.isOpenAt(kWed1500));
    CHECK_FALSE(hours.isOpenAt(kWed1900));
    CHECK(hours.closesAt(kWed0700) == kWed1230);
    CHECK(hours.closesAt(kWed1500 + kHourMs) == kWed1900);
    CHECK(hours.closesAt(kWed1300) == std::nullopt);
    CHECK(hours.nextOpening(kWed0659) == kWed0700);
    CHECK(hours.nextOpening(kWed1300) == kWed1500);
    CHECK(hours.nextOpening(kWed0700) == kWed1500);  // open now: the next opening is after the break
    CHECK(hours.nextOpening(kWed1900) == kWed0700 + 7 * kDayMs);
}

TEST_CASE("the next opening after a closed weekend", "[hours]") {
    // Closed on Sunday and Monday too: from Saturday evening to Tuesday morning.
    const auto hours = week({"", "09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-12:00", ""});
    CHECK_FALSE(hours.isOpenAt(kSat20h));
    CHECK(hours.closesAt(kSat20h) == std::nullopt);
    CHECK(hours.nextOpening(kSat20h) == kTue09h);
    CHECK(hours.isOpenAt(kTue09h));
    CHECK_FALSE(hours.isOpenAt(kTue09h - 1));
}

TEST_CASE("dated exceptions close a day or change its hours", "[hours]") {
    SECTION("a whole day closed is skipped") {
        auto hours = officeWeek();
        hours.exceptions.push_back({{2026, 7, 14}, {}, "Fête nationale"});
        CHECK(hours.nextOpening(kMon13July19h) == kWed15July09h);
        CHECK_FALSE(hours.isOpenAt(kWed15July09h - kDayMs + kHourMs));  // Tuesday 10:00
        CHECK(hours.isOpenAt(kWed15July09h - 7 * kDayMs + kHourMs));    // a week earlier, open
    }
    SECTION("special hours replace the weekly ones") {
        auto hours = officeWeek();
        hours.exceptions.push_back({{2026, 12, 24}, ranges("09:00-12:00"), "Veille de Noël"});
        hours.exceptions.push_back({{2026, 12, 25}, {}, "Noël"});
        CHECK_FALSE(hours.isOpenAt(kDec24At08h));
        CHECK(hours.nextOpening(kDec24At08h) == kDec24At09h);
        CHECK(hours.closesAt(kDec24At09h + kHourMs) == kDec24At12h);
        CHECK_FALSE(hours.isOpenAt(kDec24At12h));
        CHECK_FALSE(hours.isOpenAt(kDec24At13h));  // would be open on an ordinary Thursday
        CHECK(hours.nextOpening(kDec24At12h) == kDec28At09h);
    }
    SECTION("special hours open a day that is usually closed") {
        auto hours = officeWeek();
        hours.exceptions.push_back({{2026, 5, 10}, ranges("14:00-18:00"), "Fête du village"});
        CHECK(hours.nextOpening(kSat9May20h) == kSun10May14h);
        CHECK(hours.closesAt(kSun10May14h) == kSun10May14h + 4 * kHourMs);
    }
}

TEST_CASE("touching ranges close only once", "[hours]") {
    SECTION("within a day") {
        const auto hours = week({"", "", "", "12:00-14:00,14:00-18:00", "", "", ""});
        CHECK(hours.closesAt(kThu5Feb13h) == kThu5Feb18h);
        CHECK(hours.isOpenAt(kThu5Feb13h + kHourMs));  // 14:00
        // 14:00 is a continuation, not an opening: the next one is a week later.
        CHECK(hours.nextOpening(kThu5Feb13h) == kThu5Feb13h - kHourMs + 7 * kDayMs);
    }
    SECTION("across midnight") {
        const auto hours = week({"", "", "", "", "18:00-24:00", "00:00-02:00,10:00-12:00", ""});
        CHECK(hours.closesAt(kFri6Feb23h) == kSat7Feb02h);
        CHECK(hours.isOpenAt(kFri6Feb23h + kHourMs));  // midnight
        CHECK(hours.nextOpening(kFri6Feb23h) == kSat7Feb02h + 8 * kHourMs);
    }
}

TEST_CASE("the next opening looks 400 days ahead at most", "[hours]") {
    OpeningHours hours;
    CHECK(hours.nextOpening(kSat20h) == std::nullopt);
    CHECK(hours.closesAt(kSat20h) == std::nullopt);
    hours.exceptions.push_back({{2026, 12, 28}, ranges("09:00-10:00"), "Réouverture"});
    CHECK(hours.nextOpening(kSat20h) == kDec28At09h);
    hours.exceptions.front().date = {2027, 6, 1};
    CHECK(hours.nextOpening(kSat20h) == std::nullopt);  // 507 days later
}

TEST_CASE("a site open round the clock does not report a closing soon", "[hours]") {
    const char* allDay = "00:00-24:00";
    const auto hours = week({allDay, allDay, allDay, allDay, allDay, allDay, allDay});
    CHECK(hours.isOpenAt(kSpringSun0030L + 45 * kMinuteMs));
    const auto closing = hours.closesAt(kSat20h);
    REQUIRE(closing.has_value());
    CHECK(*closing >= kSat20h + 365 * kDayMs);
    CHECK(hours.nextOpening(kSat20h) == std::nullopt);
}
