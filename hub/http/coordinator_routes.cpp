#include "http/coordinator_routes.hpp"

#include "http/account_routes.hpp"
#include "http/animation_routes.hpp"
#include "http/audit_routes.hpp"
#include "access/figures_access.hpp"
#include "http/console_routes.hpp"
#include "http/console_view_routes.hpp"
#include "http/json_reply.hpp"
#include "http/member_routes.hpp"

namespace cowork::hub {
namespace {

void addLoginRoutes(RouteTable& server, const ClientAddress& clientAddress, LoginService& login) {
    server.Post("/api/v1/login", [&login, &clientAddress](const httplib::Request& req, httplib::Response& res) {
        try {
            requireOwnOrigin(req);
            requireJsonBody(req);
            const Json body = parseJson(req.body, JsonLimits{16 * 1024, 4});
            const JsonObject object(body, "");
            const NewSession created = login.logIn(object.requireString("email"), object.requireString("password"),
                                                  clientAddress.of(req));
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

// GET /api/v1/admin/figures?period=2026-05|2026-T2|2026[&format=csv&table=usage|format=xlsx]:
// the network's figures, no personal data. A refused period answers JSON, not a download.
void addFiguresRoute(ConsoleRoutes& routes, FiguresService& figures) {
    routes.download("/api/v1/admin/figures", [&figures](const ConsoleRequest& req, httplib::Response& res) {
        const std::string period = req.http.get_param_value("period");
        const std::string format = req.http.get_param_value("format");
        if (format.empty() || format == "json") return sendJson(res, 200, figures.figures(req.principal, period));
        if (format == "csv") {
            const std::string table = req.http.has_param("table") ? req.http.get_param_value("table") : "usage";
            std::string csv = figures.csv(req.principal, period, table);
            res.set_header("Content-Disposition", "attachment; filename=\"chiffres-" + table + "-" + period + ".csv\"");
            return res.set_content(std::move(csv), "text/csv; charset=utf-8");
        }
        if (format != "xlsx") throw ApiError(400, "format attendu : json, csv ou xlsx", "format");
        std::string workbook = figures.xlsx(req.principal, period);
        res.set_header("Content-Disposition", "attachment; filename=\"chiffres-" + period + ".xlsx\"");
        res.set_content(std::move(workbook), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    });
}

// Each action hands the principal to the service, which checks it against the
// site of the object touched (access/principal.hpp) and writes the audit entry.
void addAdminRoutes(ConsoleRoutes& routes, CoordinatorService& c) {
    const std::string site = R"(/api/v1/admin/sites/([a-z0-9-]+))";
    routes.get("/api/v1/admin/sites", [&c](const auto& req) { return c.listSites(req.principal); });
    routes.put(site, [&c](const auto& req) { return c.saveSite(req.principal, req.match(1), req.body()); });
    routes.post(site + "/override", 200, [&c](const auto& req) { return c.setSiteOverride(req.principal, req.match(1), req.body()); });
    routes.post(site + "/shopkeeper-pin", 200,
                [&c](const auto& req) { return c.resetShopkeeperPin(req.principal, req.match(1), req.body()); });
    routes.put(site + R"(/places/([a-z0-9-]+))",
               [&c](const auto& req) { return c.savePlace(req.principal, req.match(1), req.match(2), req.body()); });
    routes.post(site + R"(/places/([a-z0-9-]+)/service)", 200,
                [&c](const auto& req) { return c.setPlaceService(req.principal, req.match(1), req.match(2), req.body()); });
    routes.post("/api/v1/admin/announcements", 201, [&c](const auto& req) { return c.publishAnnouncement(req.principal, req.body()); });
    routes.del(R"(/api/v1/admin/announcements/([a-z0-9-]+))",
               [&c](const auto& req) { return c.withdrawAnnouncement(req.principal, req.match(1)); });
    routes.post("/api/v1/admin/enrollment-codes", 201, [&c](const auto& req) {
        return c.createEnrollmentCode(req.principal, req.body(), req.http.get_header_value("Host"));
    });
    routes.get("/api/v1/admin/devices", [&c](const auto& req) { return c.listDevices(req.principal); });
    routes.post(R"(/api/v1/admin/devices/([a-z0-9-]+)/revoke)", 200,
                [&c](const auto& req) { return c.revokeDevice(req.principal, req.match(1)); });
    routes.post(R"(/api/v1/admin/visits/([a-z0-9-]+)/check-out)", 200,
                [&c](const auto& req) { return c.checkOutVisit(req.principal, req.match(1)); });
    routes.get("/api/v1/admin/anomalies", [&c](const auto& req) { return c.eventAnomalies(req.principal); });
    routes.get("/api/v1/admin/settings", [&c](const auto& req) { return c.settings(req.principal); });
    routes.put("/api/v1/admin/settings", [&c](const auto& req) { return c.saveSettings(req.principal, req.body()); });
}

}  // namespace

void addCoordinatorRoutes(RouteTable& server, const ClientAddress& clientAddress, LoginService& login,
                          CoordinatorService& c, FiguresService& figures, AccountService& accounts, HubStorage& storage,
                          MemberDataService& members, ConsoleViewService& views, AnimationService& animation) {
    addLoginRoutes(server, clientAddress, login);
    ConsoleRoutes routes(server, login);
    addFiguresRoute(routes, figures);
    addAccountRoutes(server, routes, accounts);
    addAuditRoute(routes, storage);
    addMemberRoutes(routes, members);
    addAdminRoutes(routes, c);
    addConsoleViewRoutes(routes, views);
    addAnimationRoutes(routes, animation);
}

}  // namespace cowork::hub
