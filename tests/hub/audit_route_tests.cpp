// GET /api/v1/admin/audit: filters, Paris days, pages and refusals.
#include <catch2/catch.hpp>

#include "domain/paris_time.hpp"
#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;

namespace {

std::vector<Json> auditEntries(const RunningHub& hub, const std::string& query = "") {
    const Reply reply = hub.admin("GET", "/api/v1/admin/audit" + query);
    if (reply.status != 200) throw std::runtime_error("audit refused: " + reply.body);
    return reply.json()["entries"].get<std::vector<Json>>();
}

}  // namespace

TEST_CASE("the audit log's route filters by action, user, site and Paris days, and pages", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    HubStorage& storage = hub.storage();
    // 2026-03-10 23:30 UTC is already the 11th in Paris (UTC+1).
    const TimeMs lateOnTenth = parisLocalToUtc({2026, 3, 11}, 30);
    storage.appendAudit({0, lateOnTenth, "u1", "anim@ccsb.example", "site.saved", "site", "fleurie-boulangerie", "fleurie-boulangerie"});
    storage.appendAudit({0, lateOnTenth + kDayMs, "u2", "coord@ccsb.example", "user.invited", "user", "x", ""});
    storage.appendAudit({0, lateOnTenth + 2 * kDayMs, "u2", "coord@ccsb.example", "site.saved", "site", "villie-morgon-bar",
                         "villie-morgon-bar"});

    CHECK(auditEntries(hub, "?action=site.saved").size() == 2);
    CHECK(auditEntries(hub, "?user=anim@ccsb.example").size() == 1);
    const std::vector<Json> site = auditEntries(hub, "?site=villie-morgon-bar");
    REQUIRE(site.size() == 1);
    CHECK(site[0]["object_id"] == "villie-morgon-bar");
    CHECK(auditEntries(hub, "?from=2026-03-11&to=2026-03-11").size() == 1);
    CHECK(auditEntries(hub, "?from=2026-03-12").size() == 2);
    CHECK(auditEntries(hub, "?to=2026-03-10").empty());

    const Reply firstPage = hub.admin("GET", "/api/v1/admin/audit?limit=2");
    REQUIRE(firstPage.status == 200);
    CHECK(firstPage.json()["entries"].size() == 2);
    const std::int64_t next = firstPage.json()["next_before"];
    const Reply secondPage = hub.admin("GET", "/api/v1/admin/audit?limit=2&before=" + std::to_string(next));
    CHECK(secondPage.json()["entries"].size() == 1);
    CHECK(secondPage.json()["next_before"].is_null());
    CHECK(secondPage.json()["entries"][0]["action"] == "site.saved");
}

TEST_CASE("the audit log's route names the parameter it cannot read", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"limit=0", "limit"}, {"limit=201", "limit"}, {"limit=dix", "limit"}, {"before=-3", "before"},
             {"from=2026-02-30", "from"}, {"to=hier", "to"}, {"from=2026-03-12&to=2026-03-10", "to"}}) {
        const Reply reply = hub.admin("GET", "/api/v1/admin/audit?" + query);
        CHECK(reply.status == 400);
        CHECK(reply.json()["field"] == field);
    }
    CHECK(hub.admin("GET", "/api/v1/admin/audit?limit=200").status == 200);
}
