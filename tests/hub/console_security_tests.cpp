// The browser checks and headers every console route follows (docs/console-api.md),
// the idle timeout of sessions, and the audit log's storage and retention.
#include <catch2/catch.hpp>

#include "domain/paris_time.hpp"
#include "hub_test_support.hpp"
#include "service/retention_service.hpp"
#include "store/sqlite_db.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;

namespace {

const std::string kOverride = "/api/v1/admin/sites/cercie-cafe/override";
const std::string kCloseBody = R"({"value": "closed", "reason": "Inventaire"})";

Reply postWith(const RunningHub& hub, const httplib::Headers& headers, const std::string& body,
               const std::string& contentType = "application/json") {
    const auto result = hub.client()->Post(kOverride.c_str(), headers, body, contentType.c_str());
    if (!result) return {0, ""};
    return {result->status, result->body};
}

httplib::Headers sessionHeaders(const RunningHub& hub) {
    return {{"Cookie", "cowork_session=" + hub.session}, {"X-CSRF-Token", hub.csrfToken}};
}

}  // namespace

TEST_CASE("login gives the session's CSRF token and idle timeout, and GET /session gives them again", "[hub][console][security]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    CHECK(hub.csrfToken.size() >= 32);
    const Reply session = hub.admin("GET", "/api/v1/session");
    REQUIRE(session.status == 200);
    CHECK(session.json()["csrf_token"] == hub.csrfToken);
    CHECK(session.json()["idle_timeout_s"] == 1800);
    CHECK(session.json()["user"]["email"] == "coord@ccsb.example");
    CHECK(session.json()["user"]["role"] == "coordinator");
}

TEST_CASE("a state-changing request without the session's CSRF token is refused and changes nothing", "[hub][console][security]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const std::string cookie = "cowork_session=" + hub.session;

    const Reply missing = postWith(hub, {{"Cookie", cookie}}, kCloseBody);
    CHECK(missing.status == 403);
    CHECK(missing.json()["field"] == "csrf");
    const Reply wrong = postWith(hub, {{"Cookie", cookie}, {"X-CSRF-Token", hub.csrfToken + "x"}}, kCloseBody);
    CHECK(wrong.status == 403);
    CHECK(hub.listedSite("cercie-cafe")["override"] == "none");

    CHECK(postWith(hub, sessionHeaders(hub), kCloseBody).status == 200);
    CHECK(hub.listedSite("cercie-cafe")["override"] == "closed");
}

TEST_CASE("a request from another origin, or not in JSON, is refused", "[hub][console][security]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    httplib::Headers forged = sessionHeaders(hub);
    forged.emplace("Origin", "https://attaquant.example");
    const Reply crossSite = postWith(hub, forged, kCloseBody);
    CHECK(crossSite.status == 403);
    CHECK(crossSite.json()["field"] == "origin");

    const Reply form = postWith(hub, sessionHeaders(hub), "value=closed&reason=x", "application/x-www-form-urlencoded");
    CHECK(form.status == 415);
    CHECK(hub.listedSite("cercie-cafe")["override"] == "none");

    httplib::Headers own = sessionHeaders(hub);
    own.emplace("Origin", "https://127.0.0.1:" + std::to_string(hub.port()));
    CHECK(postWith(hub, own, kCloseBody).status == 200);
}

TEST_CASE("every answer carries the security headers, API answers are not cached", "[hub][console][security]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    for (const std::string path : {"/api/v1/admin/sites", "/healthz", "/nulle-part"}) {
        const auto result = hub.client()->Get(path.c_str(), {{"Cookie", "cowork_session=" + hub.session}});
        REQUIRE(result);
        INFO(path);
        CHECK(result->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
        CHECK(result->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
        CHECK(result->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(result->get_header_value("Referrer-Policy") == "same-origin");
    }
    const auto sites = hub.client()->Get("/api/v1/admin/sites", {{"Cookie", "cowork_session=" + hub.session}});
    REQUIRE(sites);
    CHECK(sites->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("a session ends after 30 minutes without a request, and each request restarts that clock", "[hub][console][security]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    hub.clockShiftMs = 25 * kMinuteMs;
    CHECK(hub.admin("GET", "/api/v1/admin/sites").status == 200);
    hub.clockShiftMs = 50 * kMinuteMs;  // 25 minutes after the last request
    CHECK(hub.admin("GET", "/api/v1/admin/sites").status == 200);
    hub.clockShiftMs = 81 * kMinuteMs;  // 31 minutes idle
    CHECK(hub.admin("GET", "/api/v1/admin/sites").status == 401);
    hub.clockShiftMs = 82 * kMinuteMs;  // and it does not come back
    CHECK(hub.admin("GET", "/api/v1/session").status == 401);
}

// Opening a page asks the hub ten times at once: each GET must not wait for a durable write.
TEST_CASE("a session's last use is written at most once a minute, and the idle timeout still holds", "[hub][console][security]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const auto lastUsedAt = [&hub] {
        Database db(hub.databasePath());
        Statement& row = db.prepare("SELECT last_used_at FROM hub_sessions");
        REQUIRE(row.step());
        return row.columnInt(0);
    };
    const TimeMs atLogin = lastUsedAt();
    hub.clockShiftMs = 40 * 1000;
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);
    CHECK(hub.admin("GET", "/api/v1/admin/sites").status == 200);
    CHECK(lastUsedAt() == atLogin);  // 40 s later: nothing written
    hub.clockShiftMs = 70 * 1000;
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);
    const TimeMs touched = lastUsedAt();
    CHECK(touched >= atLogin + 70 * 1000);
    hub.clockShiftMs = 70 * 1000 + 30 * kMinuteMs - 2000;  // 30 min after the recorded use, less 2 s
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);
    hub.clockShiftMs = 70 * 1000 + 30 * kMinuteMs - 2000 + 31 * kMinuteMs;
    CHECK(hub.admin("GET", "/api/v1/session").status == 401);
}

TEST_CASE("the audit log lists entries newest first, filters them, and keeps them 12 months", "[hub][console][audit]") {
    RunningHub hub;
    HubStorage& storage = hub.storage();
    const TimeMs now = systemNowMs();
    const TimeMs longAgo = monthsBefore(now, 13);
    storage.appendAudit({0, longAgo, "u1", "coord@ccsb.example", "site.saved", "site", "cercie-cafe", "cercie-cafe", nullptr,
                         Json{{"name", "Café"}}});
    const auto second = storage.appendAudit(
        {0, now - kHourMs, "u1", "coord@ccsb.example", "announcement.published", "announcement", "a1", "", nullptr, Json{{"text", "Fermé"}}});
    storage.appendAudit({0, now, "u2", "anim@ccsb.example", "site.saved", "site", "fleurie-boulangerie", "fleurie-boulangerie",
                         Json{{"name", "A"}}, Json{{"name", "B"}}});

    const auto all = storage.auditEntries({});
    REQUIRE(all.size() == 3);
    CHECK(all[0].userEmail == "anim@ccsb.example");
    CHECK(all[0].before["name"] == "A");
    CHECK(all[2].after["name"] == "Café");
    CHECK(all[1].before.is_null());

    AuditQuery bySite;
    bySite.siteId = "fleurie-boulangerie";
    CHECK(storage.auditEntries(bySite).size() == 1);
    AuditQuery byAction;
    byAction.action = "site.saved";
    CHECK(storage.auditEntries(byAction).size() == 2);
    AuditQuery older;
    older.beforeId = all[0].id;
    older.limit = 1;
    const auto page = storage.auditEntries(older);
    REQUIRE(page.size() == 1);
    CHECK(page[0].id == second);

    const RetentionReport report = RetentionService(storage, [now] { return now; }).apply();
    CHECK(report.auditEntriesDeleted == 1);
    CHECK(storage.auditEntries({}).size() == 2);
}
