#include <catch2/catch.hpp>

#include "domain/paris_time.hpp"
#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;

TEST_CASE("statistics date visits by the kiosk's corrected clock and compare hours with capacity", "[hub][stats]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    // The hub's clock reads Wednesday 10 June 2026, 03:00 in Paris; the kiosk's
    // clock is 6 hours behind, still on Tuesday evening.
    const TimeMs hubNow = parisLocalToUtc({2026, 6, 10}, 3 * 60);
    hub.clockShiftMs = hubNow - systemNowMs();
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const TimeMs deviceNow = hubNow - 6 * kHourMs;
    const Event start = kiosk.checkIn("fleurie-boulangerie/fenetre", deviceNow - kHourMs);
    const Event end = kiosk.event(VisitEnded{std::get<VisitStarted>(start.payload).visitId, deviceNow, VisitEnd::ByMember}, deviceNow);
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({start, end}, 0, deviceNow), kiosk.token()).status == 200);

    const auto figuresOn = [&](const std::string& day) {
        const auto reply = hub.admin("GET", "/api/v1/admin/stats?from=" + day + "&to=" + day);
        REQUIRE(reply.status == 200);
        const Json body = reply.json();
        for (const Json& site : body["sites"]) {
            if (site["site_id"] == "fleurie-boulangerie") return site;
        }
        FAIL("no figures for the site");
        return Json();
    };
    const Json wednesday = figuresOn("2026-06-10");
    CHECK(wednesday["visits"] == 1);
    CHECK(wednesday["anonymous_visits"] == 1);
    CHECK(wednesday["hours_used"] == 1.0);
    CHECK(wednesday["capacity_hours"] == 20.0);  // 2 places × (6 h 30 + 3 h 30)
    CHECK(wednesday["use_to_capacity"] == 0.05);
    CHECK(wednesday["distinct_members"].is_null());  // fewer than 5: withheld
    CHECK(figuresOn("2026-06-09")["visits"] == 0);
}

TEST_CASE("statistics come as a spreadsheet for the elected officials, and bad periods are refused", "[hub][stats]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const auto csv = hub.admin("GET", "/api/v1/admin/stats?from=2026-06-01&to=2026-06-30&format=csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.rfind("lieu;type;commune;passages;", 0) == 0);
    CHECK(csv.body.find("Mini-cowork de la boulangerie;mini-cowork;Fleurie;0;0;<5;0,0;") != std::string::npos);

    // A name with a separator, quotes or a leading "=" stays one plain cell.
    Json site = hub.admin("GET", "/api/v1/admin/sites").json()["sites"][0];
    site["name"] = "=Café; \"Chez Jo\"";
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/" + site["id"].get<std::string>(), site.dump()).status == 200);
    const auto quoted = hub.admin("GET", "/api/v1/admin/stats?from=2026-06-01&to=2026-06-30&format=csv");
    CHECK(quoted.body.find("\n\"'=Café; \"\"Chez Jo\"\"\";") != std::string::npos);

    // Some spreadsheets skip a leading tab or carriage return and read the formula behind it.
    site["name"] = "\t=1+1";
    site["commune"] = "\r=2+2";
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/" + site["id"].get<std::string>(), site.dump()).status == 200);
    const auto hidden = hub.admin("GET", "/api/v1/admin/stats?from=2026-06-01&to=2026-06-30&format=csv");
    INFO(hidden.body);
    CHECK(hidden.body.find("\n'\t=1+1;") != std::string::npos);
    CHECK(hidden.body.find(";\"'\r=2+2\";") != std::string::npos);

    const auto refused = hub.admin("GET", "/api/v1/admin/stats?from=2026-06-30&to=2026-06-01&format=csv");
    CHECK(refused.status == 400);
    CHECK(refused.json()["field"] == "to");
    CHECK(hub.admin("GET", "/api/v1/admin/stats?from=2026-06-30&to=2026-06-01").status == 400);
    CHECK(hub.admin("GET", "/api/v1/admin/stats?from=juin&to=2026-06-01").json()["field"] == "from");
    CHECK(hub.get("/api/v1/admin/stats?from=2026-06-01&to=2026-06-30").status == 401);
}
