#include <catch2/catch.hpp>

#include "domain/osm_opening_hours.hpp"

using namespace cowork;

namespace {

DayRanges ranges(std::string_view text) {
    const DayRangesParse parsed = parseDayRanges(text);
    REQUIRE(parsed.error.empty());
    return parsed.ranges;
}

OpeningHours weekly(std::array<const char*, 7> days) {
    OpeningHours hours;
    for (std::size_t d = 0; d < 7; ++d) hours.weekly[d] = ranges(days[d]);
    return hours;
}

constexpr LocalDate kToday{2026, 12, 1};

}  // namespace

// Each expected string was also read by KDE's KOpeningHours (Debian's
// python3-kopeninghours): no error, and its normalized form is the same text.

TEST_CASE("OSM hours: days with the same hours share a rule, closed days are not named") {
    // The demo's Belleville tiers-lieu: Friday ends earlier, the weekend closed.
    CHECK(toOsmOpeningHours(weekly({"08:30-18:30", "08:30-18:30", "08:30-18:30", "08:30-18:30", "08:30-17:00", "", ""}), kToday) ==
          "Mo-Th 08:30-18:30; Fr 08:30-17:00");
    // A bar: closed on Monday, split days, Saturday morning only.
    CHECK(toOsmOpeningHours(weekly({"", "07:00-12:30,15:00-19:00", "07:00-12:30,15:00-19:00", "07:00-12:30,15:00-19:00",
                                    "07:00-12:30,15:00-19:00", "07:00-12:30", ""}),
                            kToday) == "Tu-Fr 07:00-12:30,15:00-19:00; Sa 07:00-12:30");
}

TEST_CASE("OSM hours: two days in a row are listed, three or more make a range, gaps split the selector") {
    CHECK(toOsmOpeningHours(weekly({"09:00-12:00", "09:00-12:00", "", "", "", "", ""}), kToday) == "Mo,Tu 09:00-12:00");
    CHECK(toOsmOpeningHours(weekly({"09:00-18:00", "09:00-18:00", "09:00-18:00", "", "09:00-18:00", "", "10:00-12:00"}), kToday) ==
          "Mo-We,Fr 09:00-18:00; Su 10:00-12:00");
    CHECK(toOsmOpeningHours(weekly({"", "09:00-12:00", "", "09:00-12:00", "", "", ""}), kToday) == "Tu,Th 09:00-12:00");
}

TEST_CASE("OSM hours: always open is 24/7, never open is off, midnight is 24:00") {
    const char* allDay = "00:00-24:00";
    CHECK(toOsmOpeningHours(weekly({allDay, allDay, allDay, allDay, allDay, allDay, allDay}), kToday) == "24/7");
    CHECK(toOsmOpeningHours(weekly({"", "", "", "", "", "", ""}), kToday) == "off");
    CHECK(toOsmOpeningHours(weekly({"18:00-24:00", "", "", "", "", "", ""}), kToday) == "Mo 18:00-24:00");
}

TEST_CASE("OSM hours: exceptions follow the week as later rules, with their reason as a comment") {
    OpeningHours hours = weekly({"08:30-18:30", "08:30-18:30", "08:30-18:30", "08:30-18:30", "08:30-18:30", "", ""});
    hours.exceptions = {
        {{2027, 1, 1}, {}, "Jour de l'An"},
        {{2026, 12, 24}, ranges("08:30-12:00"), "Veille de Noël"},
        {{2026, 12, 25}, {}, "Noël"},
    };
    CHECK(toOsmOpeningHours(hours, kToday) ==
          "Mo-Fr 08:30-18:30; 2026 Dec 24 08:30-12:00 \"Veille de Noël\"; 2026 Dec 25 off \"Noël\"; "
          "2027 Jan 01 off \"Jour de l'An\"");
}

TEST_CASE("OSM hours: past exceptions are left out") {
    OpeningHours hours = weekly({"09:00-18:00", "", "", "", "", "", ""});
    hours.exceptions = {{{2026, 11, 11}, {}, "Armistice"}, {{2026, 12, 1}, {}, "Inventaire"}};
    CHECK(toOsmOpeningHours(hours, kToday) == "Mo 09:00-18:00; 2026 Dec 01 off \"Inventaire\"");
    CHECK(toOsmOpeningHours(hours, {2026, 12, 2}) == "Mo 09:00-18:00");
}

TEST_CASE("OSM hours: consecutive equal exceptions are one date range, across a month or a year") {
    OpeningHours hours = weekly({"09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "", ""});
    for (int day = 3; day <= 23; ++day) hours.exceptions.push_back({{2027, 8, day}, {}, "Congés d'été"});
    for (LocalDate d{2027, 7, 29}; d <= LocalDate{2027, 8, 1}; d = addDays(d, 1)) hours.exceptions.push_back({d, {}, "Inventaire"});
    hours.exceptions.push_back({{2026, 12, 31}, {}, "Fêtes"});
    hours.exceptions.push_back({{2027, 1, 1}, {}, "Fêtes"});
    // Same days, another reason or other hours: a rule of its own.
    hours.exceptions.push_back({{2027, 1, 2}, {}, "Jour de l'An"});
    hours.exceptions.push_back({{2027, 1, 4}, ranges("10:00-12:00"), ""});
    hours.exceptions.push_back({{2027, 1, 5}, ranges("10:00-13:00"), ""});
    CHECK(toOsmOpeningHours(hours, kToday) ==
          "Mo-Fr 09:00-18:00; 2026 Dec 31-2027 Jan 01 off \"Fêtes\"; 2027 Jan 02 off \"Jour de l'An\"; "
          "2027 Jan 04 10:00-12:00; 2027 Jan 05 10:00-13:00; 2027 Jul 29-Aug 01 off \"Inventaire\"; "
          "2027 Aug 03-23 off \"Congés d'été\"");
}

TEST_CASE("OSM hours: a site closed every week day opens only on its exceptions") {
    OpeningHours hours = weekly({"", "", "", "", "", "", ""});
    hours.exceptions = {{{2026, 12, 19}, ranges("10:00-17:00"), "Portes ouvertes"}};
    CHECK(toOsmOpeningHours(hours, kToday) == "off; 2026 Dec 19 10:00-17:00 \"Portes ouvertes\"");
}

TEST_CASE("OSM hours: a reason cannot end the comment early") {
    OpeningHours hours = weekly({"09:00-12:00", "", "", "", "", "", ""});
    hours.exceptions = {{{2026, 12, 7}, {}, "Fermé \"exceptionnellement\"\nvoir affiche"}};
    CHECK(toOsmOpeningHours(hours, kToday) == "Mo 09:00-12:00; 2026 Dec 07 off \"Fermé 'exceptionnellement' voir affiche\"");
}
