#include <catch2/catch.hpp>

#include "service/site_view_json.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

// Thursday 10 December 2026 at the given Paris time.
TimeMs thursdayAt(int hour, int minute = 0) { return parisLocalToUtc({2026, 12, 10}, hour * 60 + minute); }

Site bakery() {
    Site site;
    site.id = "fleurie-boulangerie";
    site.hours.weekly[3] = parseDayRanges("06:30-13:00,15:30-19:00").ranges;  // Thursday
    site.hours.exceptions.push_back({{2026, 12, 24}, parseDayRanges("06:30-13:00,15:30-17:00").ranges, "Veille de Noël"});
    site.hours.exceptions.push_back({{2026, 12, 25}, {}, "Noël"});
    return site;
}

}  // namespace

TEST_CASE("an animator's presence is known only when written as weekly hours", "[console-views][presence]") {
    const std::string presence = "tue=09:00-12:00;thu=14:00-17:00";
    CHECK(animatorPresentAt(presence, thursdayAt(14)) == true);
    CHECK(animatorPresentAt(presence, thursdayAt(16, 59)) == true);
    CHECK(animatorPresentAt(presence, thursdayAt(17)) == false);
    CHECK(animatorPresentAt(presence, thursdayAt(10)) == false);  // Tuesday's hours, not Thursday's
    CHECK(animatorPresentAt("thu=09:00-10:00,15:00-16:00", thursdayAt(15, 30)) == true);
    CHECK_FALSE(animatorPresentAt("mar. et jeu. 9h-12h", thursdayAt(10)).has_value());
    CHECK_FALSE(animatorPresentAt("", thursdayAt(10)).has_value());
    CHECK_FALSE(animatorPresentAt("thu=25:00-26:00", thursdayAt(10)).has_value());
    CHECK_FALSE(animatorPresentAt("jeudi=09:00-12:00", thursdayAt(10)).has_value());
}

TEST_CASE("a site's state follows its hours, then its override, then its free places", "[console-views][state]") {
    const Site site = bakery();
    CHECK(siteStateValue(site, SiteOverride::None, 2, thursdayAt(10)) == "open");
    CHECK(siteStateValue(site, SiteOverride::None, 0, thursdayAt(10)) == "full");
    CHECK(siteStateValue(site, SiteOverride::Full, 2, thursdayAt(10)) == "full");
    CHECK(siteStateValue(site, SiteOverride::ClosedNow, 2, thursdayAt(10)) == "closed");
    CHECK(siteStateValue(site, SiteOverride::None, 2, thursdayAt(14)) == "closed");  // the midday break
    CHECK(siteStateValue(site, SiteOverride::Full, 0, thursdayAt(14)) == "closed");

    const Json state = siteStateJson(site, {SiteOverride::ClosedNow, "Inventaire"}, 2, thursdayAt(10));
    CHECK(state["value"] == "closed");
    CHECK(state["override"] == "closed");
    CHECK(state["reason"] == "Inventaire");
    CHECK(state["next_change"] == thursdayAt(13));  // the hours' next change
    CHECK(siteStateJson(site, {}, 2, thursdayAt(14))["next_change"] == thursdayAt(15, 30));
    CHECK(siteStateReason(site, {}, parisLocalToUtc({2026, 12, 25}, 600)) == "Noël");
}

TEST_CASE("the preview gives 28 days from today with dated exceptions, as the kiosk shows them", "[console-views][preview]") {
    const Json preview = previewJson(bakery().hours, thursdayAt(23, 30));
    REQUIRE(preview.size() == 28);
    CHECK(preview[0]["date"] == "2026-12-10");
    CHECK(preview[0]["ranges"] == Json::parse(R"([["06:30","13:00"],["15:30","19:00"]])"));
    CHECK(preview[0]["reason"] == "");
    CHECK(preview[1]["ranges"].empty());  // Friday: no hours in this test site
    CHECK(preview[14]["date"] == "2026-12-24");
    CHECK(preview[14]["ranges"] == Json::parse(R"([["06:30","13:00"],["15:30","17:00"]])"));
    CHECK(preview[14]["reason"] == "Veille de Noël");
    CHECK(preview[15]["ranges"].empty());
    CHECK(preview[15]["reason"] == "Noël");
    CHECK(preview[27]["date"] == "2027-01-06");
    // Just after midnight in Paris (still the previous day in UTC), today is Paris's.
    CHECK(previewJson(bakery().hours, parisLocalToUtc({2026, 12, 11}, 10))[0]["date"] == "2026-12-11");
}

TEST_CASE("an announcement is scheduled, active or past by today's date, its last day included", "[console-views][announcements]") {
    const Announcement a{"id", std::nullopt, "Atelier", {2026, 12, 10}, {2026, 12, 12}};
    CHECK(announcementState(a, {2026, 12, 9}) == "scheduled");
    CHECK(announcementState(a, {2026, 12, 10}) == "active");
    CHECK(announcementState(a, {2026, 12, 12}) == "active");
    CHECK(announcementState(a, {2026, 12, 13}) == "past");
    CHECK(announcementJson(a, false, {2026, 12, 10})["site_ids"].empty());
    const Announcement own{"id2", std::string("fleurie-boulangerie"), "Atelier", {2026, 12, 10}, {2026, 12, 12}};
    CHECK(announcementJson(own, true, {2026, 12, 10})["site_ids"] == Json::array({"fleurie-boulangerie"}));
}
