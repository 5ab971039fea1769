#include "http/coordinator_routes.hpp"

#include "http/json_reply.hpp"

namespace cowork::hub {
namespace {

std::string sessionToken(const httplib::Request& req) {
    const std::string cookies = req.get_header_value("Cookie");
    const std::string prefix = std::string(kSessionCookie) + "=";
    for (std::size_t start = 0; start < cookies.size();) {
        const std::size_t end = std::min(cookies.find(';', start), cookies.size());
        std::string item = cookies.substr(start, end - start);
        item.erase(0, item.find_first_not_of(' '));
        if (item.rfind(prefix, 0) == 0) return item.substr(prefix.size());
        start = end + 1;
    }
    return {};
}

using AdminAction = std::function<Json(const httplib::Request&)>;

// Wraps an admin route: a session is required, and every refusal is an
// {"error", "field"} answer.
httplib::Server::Handler admin(LoginService& login, int successStatus, AdminAction action) {
    return [&login, successStatus, action](const httplib::Request& req, httplib::Response& res) {
        try {
            login.requireSession(sessionToken(req));
            sendJson(res, successStatus, action(req));
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    };
}

std::string match(const httplib::Request& req, std::size_t index) { return req.matches[static_cast<int>(index)].str(); }

void addLoginRoutes(httplib::Server& server, LoginService& login) {
    server.Post("/api/v1/login", [&login](const httplib::Request& req, httplib::Response& res) {
        try {
            const Json body = parseJson(req.body, JsonLimits{16 * 1024, 4});
            const JsonObject object(body, "");
            const std::string token = login.logIn(object.requireString("email"), object.requireString("password"), req.remote_addr);
            res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token +
                                             "; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=" +
                                             std::to_string(kSessionLifetimeMs / 1000));
            sendJson(res, 200, {{"email", object.requireString("email")}});
        } catch (const InputError& e) {
            sendError(res, 400, e.reason(), e.field());
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    });
    server.Post("/api/v1/logout", [&login](const httplib::Request& req, httplib::Response& res) {
        login.logOut(sessionToken(req));
        res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0");
        sendJson(res, 200, {{"logged_out", true}});
    });
}

// GET /api/v1/admin/stats?from=AAAA-MM-JJ&to=AAAA-MM-JJ[&format=csv]
void addStatisticsRoute(httplib::Server& server, LoginService& login, StatisticsService& statistics) {
    server.Get("/api/v1/admin/stats", [&login, &statistics](const httplib::Request& req, httplib::Response& res) {
        try {
            login.requireSession(sessionToken(req));
            const std::string from = req.get_param_value("from");
            const std::string to = req.get_param_value("to");
            if (req.get_param_value("format") != "csv") return sendJson(res, 200, statistics.usage(from, to));
            std::string csv = statistics.usageCsv(from, to);  // refused dates answer JSON, not a download
            res.set_header("Content-Disposition", "attachment; filename=\"frequentation-" + from + "-" + to + ".csv\"");
            res.set_content(std::move(csv), "text/csv; charset=utf-8");
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    });
}

}  // namespace

void addCoordinatorRoutes(httplib::Server& server, LoginService& login, CoordinatorService& c, StatisticsService& statistics) {
    addLoginRoutes(server, login);
    addStatisticsRoute(server, login, statistics);
    constexpr const char* kSite = R"(/api/v1/admin/sites/([a-z0-9-]+))";
    const std::string site = kSite;
    server.Get("/api/v1/admin/sites", admin(login, 200, [&c](const auto&) { return c.listSites(); }));
    server.Put(site, admin(login, 200, [&c](const auto& req) { return c.saveSite(match(req, 1), req.body); }));
    server.Post(site + "/override", admin(login, 200, [&c](const auto& req) { return c.setSiteOverride(match(req, 1), req.body); }));
    server.Post(site + "/shopkeeper-pin", admin(login, 200, [&c](const auto& req) { return c.resetShopkeeperPin(match(req, 1), req.body); }));
    server.Put(site + R"(/places/([a-z0-9-]+))",
               admin(login, 200, [&c](const auto& req) { return c.savePlace(match(req, 1), match(req, 2), req.body); }));
    server.Post(site + R"(/places/([a-z0-9-]+)/service)",
                admin(login, 200, [&c](const auto& req) { return c.setPlaceService(match(req, 1), match(req, 2), req.body); }));
    server.Post("/api/v1/admin/announcements", admin(login, 201, [&c](const auto& req) { return c.publishAnnouncement(req.body); }));
    server.Delete(R"(/api/v1/admin/announcements/([a-z0-9-]+))",
                  admin(login, 200, [&c](const auto& req) { return c.withdrawAnnouncement(match(req, 1)); }));
    server.Post("/api/v1/admin/enrollment-codes", admin(login, 201, [&c](const auto& req) { return c.createEnrollmentCode(req.body); }));
    server.Get("/api/v1/admin/devices", admin(login, 200, [&c](const auto&) { return c.listDevices(); }));
    server.Post(R"(/api/v1/admin/devices/([a-z0-9-]+)/revoke)",
                admin(login, 200, [&c](const auto& req) { return c.revokeDevice(match(req, 1)); }));
    server.Post(R"(/api/v1/admin/visits/([a-z0-9-]+)/check-out)",
                admin(login, 200, [&c](const auto& req) { return c.checkOutVisit(match(req, 1)); }));
    server.Get("/api/v1/admin/anomalies", admin(login, 200, [&c](const auto&) { return c.eventAnomalies(); }));
    server.Get("/api/v1/admin/messages", admin(login, 200, [&c](const auto&) { return c.undeliveredMessages(); }));
    server.Get("/api/v1/admin/settings", admin(login, 200, [&c](const auto&) { return c.settings(); }));
    server.Put("/api/v1/admin/settings", admin(login, 200, [&c](const auto& req) { return c.saveSettings(req.body); }));
}

}  // namespace cowork::hub
