#include "http/coordinator_routes.hpp"

#include "http/account_routes.hpp"
#include "http/audit_routes.hpp"
#include "http/console_routes.hpp"
#include "http/json_reply.hpp"
#include "http/member_routes.hpp"

namespace cowork::hub {
namespace {

void addLoginRoutes(httplib::Server& server, LoginService& login) {
    server.Post("/api/v1/login", [&login](const httplib::Request& req, httplib::Response& res) {
        try {
            requireOwnOrigin(req);
            requireJsonBody(req);
            const Json body = parseJson(req.body, JsonLimits{16 * 1024, 4});
            const JsonObject object(body, "");
            const NewSession created = login.logIn(object.requireString("email"), object.requireString("password"), req.remote_addr);
            const ConsoleSession session = login.requireSession(created.token);
            res.set_header("Set-Cookie", sessionCookie(created.token));
            sendJson(res, 200, sessionJson(session.principal, session.csrfToken));
        } catch (const InputError& e) {
            sendError(res, 400, e.reason(), e.field());
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    });
    server.Get("/api/v1/session", [&login](const httplib::Request& req, httplib::Response& res) {
        try {
            const ConsoleSession session = login.requireSession(sessionToken(req));
            sendJson(res, 200, sessionJson(session.principal, session.csrfToken));
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    });
    server.Post("/api/v1/logout", [&login](const httplib::Request& req, httplib::Response& res) {
        try {
            const std::string token = sessionToken(req);
            requireBrowserChecks(req, login.requireSession(token));
            login.logOut(token);
            res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0");
            sendJson(res, 200, {{"logged_out", true}});
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    });
}

// GET /api/v1/admin/stats?from=AAAA-MM-JJ&to=AAAA-MM-JJ[&format=csv]
void addStatisticsRoute(ConsoleRoutes& routes, StatisticsService& statistics) {
    routes.download("/api/v1/admin/stats", [&statistics](const ConsoleRequest& req, httplib::Response& res) {
        requireCoordinator(req.principal);
        const std::string from = req.http.get_param_value("from");
        const std::string to = req.http.get_param_value("to");
        if (req.http.get_param_value("format") != "csv") return sendJson(res, 200, statistics.usage(from, to));
        std::string csv = statistics.usageCsv(from, to);  // refused dates answer JSON, not a download
        res.set_header("Content-Disposition", "attachment; filename=\"frequentation-" + from + "-" + to + ".csv\"");
        res.set_content(std::move(csv), "text/csv; charset=utf-8");
    });
}

}  // namespace

void addCoordinatorRoutes(httplib::Server& server, LoginService& login, CoordinatorService& c, StatisticsService& statistics,
                          AccountService& accounts, HubStorage& storage,
                          MemberDataService& members) {
    addLoginRoutes(server, login);
    ConsoleRoutes routes(server, login);
    addStatisticsRoute(routes, statistics);
    addAccountRoutes(server, routes, accounts);
    addAuditRoute(routes, storage);
    addMemberRoutes(routes, members);
    // Until each route checks the site it touches, these are the coordinator's alone.
    const auto coordinatorOnly = [](auto action) {
        return [action](const ConsoleRequest& req) {
            requireCoordinator(req.principal);
            return action(req);
        };
    };
    const std::string site = R"(/api/v1/admin/sites/([a-z0-9-]+))";
    routes.get("/api/v1/admin/sites", coordinatorOnly([&c](const auto&) { return c.listSites(); }));
    routes.put(site, coordinatorOnly([&c](const auto& req) { return c.saveSite(req.match(1), req.body()); }));
    routes.post(site + "/override", 200, coordinatorOnly([&c](const auto& req) { return c.setSiteOverride(req.match(1), req.body()); }));
    routes.post(site + "/shopkeeper-pin", 200,
                coordinatorOnly([&c](const auto& req) { return c.resetShopkeeperPin(req.match(1), req.body()); }));
    routes.put(site + R"(/places/([a-z0-9-]+))",
               coordinatorOnly([&c](const auto& req) { return c.savePlace(req.match(1), req.match(2), req.body()); }));
    routes.post(site + R"(/places/([a-z0-9-]+)/service)", 200,
                coordinatorOnly([&c](const auto& req) { return c.setPlaceService(req.match(1), req.match(2), req.body()); }));
    routes.post("/api/v1/admin/announcements", 201, coordinatorOnly([&c](const auto& req) { return c.publishAnnouncement(req.body()); }));
    routes.del(R"(/api/v1/admin/announcements/([a-z0-9-]+))",
               coordinatorOnly([&c](const auto& req) { return c.withdrawAnnouncement(req.match(1)); }));
    routes.post("/api/v1/admin/enrollment-codes", 201, coordinatorOnly([&c](const auto& req) { return c.createEnrollmentCode(req.body()); }));
    routes.get("/api/v1/admin/devices", coordinatorOnly([&c](const auto&) { return c.listDevices(); }));
    routes.post(R"(/api/v1/admin/devices/([a-z0-9-]+)/revoke)", 200,
                coordinatorOnly([&c](const auto& req) { return c.revokeDevice(req.match(1)); }));
    routes.post(R"(/api/v1/admin/visits/([a-z0-9-]+)/check-out)", 200,
                coordinatorOnly([&c](const auto& req) { return c.checkOutVisit(req.match(1)); }));
    routes.get("/api/v1/admin/anomalies", coordinatorOnly([&c](const auto&) { return c.eventAnomalies(); }));
    routes.get("/api/v1/admin/messages", coordinatorOnly([&c](const auto&) { return c.undeliveredMessages(); }));
    routes.get("/api/v1/admin/settings", coordinatorOnly([&c](const auto&) { return c.settings(); }));
    routes.put("/api/v1/admin/settings", coordinatorOnly([&c, &audit](const auto& req) {
                   const Json before = c.settings();
                   const Json after = c.saveSettings(req.body());  // refused bounds throw: no entry
                   audit.record(req.principal, AuditRecord{"settings.saved", "settings", "hub", "", before, after});
                   return after;
               }));
}

}  // namespace cowork::hub
