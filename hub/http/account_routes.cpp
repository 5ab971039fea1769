#include "http/account_routes.hpp"

#include "http/json_reply.hpp"

namespace cowork::hub {
namespace {

// A request with no session yet: it still comes from the hub's own page and sends JSON.
RouteTable::Handler withoutSession(std::function<void(const httplib::Request&, httplib::Response&)> action) {
    return [action](const httplib::Request& req, httplib::Response& res) {
        try {
            requireOwnOrigin(req);
            requireJsonBody(req);
            action(req, res);
        } catch (const InputError& e) {
            sendError(res, 400, e.reason(), e.field());
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    };
}

void addInvitationRoutes(RouteTable& server, AccountService& accounts) {
    server.Post("/api/v1/invitations/check", withoutSession([&accounts](const auto& req, auto& res) {
                    sendJson(res, 200, accounts.checkInvitation(req.body));
                }));
    server.Post("/api/v1/invitations/accept", withoutSession([&accounts](const auto& req, auto& res) {
                    const AcceptedInvitation accepted = accounts.acceptInvitation(req.body);
                    res.set_header("Set-Cookie", sessionCookie(accepted.session.token));
                    sendJson(res, 200, sessionJson(accepted.console.principal, accepted.console.csrfToken));
                }));
}

void addOwnAccountRoutes(ConsoleRoutes& routes, AccountService& accounts) {
    routes.post("/api/v1/session/logout-everywhere", 200,
                [&accounts](const ConsoleRequest& req) { return accounts.logOutEverywhere(req.principal); });
    routes.post("/api/v1/session/password", 200, [&accounts](const ConsoleRequest& req) {
        return accounts.changePassword(req.principal, sessionToken(req.http), req.body());
    });
}

void addUserAdminRoutes(ConsoleRoutes& routes, AccountService& accounts) {
    const std::string user = R"(/api/v1/admin/users/([a-z0-9-]+))";
    routes.get("/api/v1/admin/users", [&accounts](const ConsoleRequest& req) { return accounts.listUsers(req.principal); });
    routes.post("/api/v1/admin/users", 201, [&accounts](const ConsoleRequest& req) {
        return accounts.inviteUser(req.principal, req.body(), req.http.get_header_value("Host"));
    });
    routes.put(user, [&accounts](const ConsoleRequest& req) { return accounts.updateUser(req.principal, req.match(1), req.body()); });
    routes.post(user + "/disable", 200,
                [&accounts](const ConsoleRequest& req) { return accounts.disableUser(req.principal, req.match(1)); });
    routes.post(user + "/enable", 200,
                [&accounts](const ConsoleRequest& req) { return accounts.enableUser(req.principal, req.match(1)); });
    routes.post(user + "/invitation", 200, [&accounts](const ConsoleRequest& req) {
        return accounts.renewInvitation(req.principal, req.match(1), req.http.get_header_value("Host"));
    });
}

}  // namespace

Json sessionJson(const Principal& principal, const std::string& csrfToken) {
    return {{"user", {{"id", principal.userId}, {"email", principal.email}, {"role", std::string(toString(principal.role))},
                      {"site_ids", principal.siteIds},
                      {"member_id", principal.memberId ? Json(*principal.memberId) : Json(nullptr)}}},
            {"csrf_token", csrfToken},
            {"idle_timeout_s", kSessionIdleMs / 1000}};
}

std::string sessionCookie(const std::string& token) {
    return std::string(kSessionCookie) + "=" + token + "; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=" +
           std::to_string(kSessionLifetimeMs / 1000);
}

void addAccountRoutes(RouteTable& server, ConsoleRoutes& routes, AccountService& accounts) {
    addInvitationRoutes(server, accounts);
    addOwnAccountRoutes(routes, accounts);
    addUserAdminRoutes(routes, accounts);
}

}  // namespace cowork::hub
