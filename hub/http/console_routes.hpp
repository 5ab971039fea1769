#pragma once
// Every route of the console and of the admin API goes through here: the
// session gives the principal, and a state-changing request must also pass the
// browser checks (CSRF token, Origin, JSON body). The action then checks the
// principal against the object it touches (access/principal.hpp).
#include <functional>
#include <string>

#include "http/route_table.hpp"

#include "access/principal.hpp"
#include "json/json_reader.hpp"
#include "service/login_service.hpp"

namespace cowork::hub {

constexpr const char* kSessionCookie = "cowork_session";

// The session token from the request's cookie, "" when there is none.
std::string sessionToken(const httplib::Request& req);

// The browser checks of docs/console-api.md, each throwing ApiError 403 or 415:
// all three for a signed-in state-changing request; the Origin and the JSON body
// for those that have no session yet (login, invitations).
void requireBrowserChecks(const httplib::Request& req, const ConsoleSession& session);
void requireOwnOrigin(const httplib::Request& req);
void requireJsonBody(const httplib::Request& req);

struct ConsoleRequest {
    const httplib::Request& http;
    const Principal& principal;
    std::string match(std::size_t index) const { return http.matches[static_cast<int>(index)].str(); }
    const std::string& body() const { return http.body; }
};

using ConsoleAction = std::function<Json(const ConsoleRequest&)>;
// For answers that are not JSON (a CSV export, an SVG): the action fills the response.
using ConsoleDownload = std::function<void(const ConsoleRequest&, httplib::Response&)>;

// Registers routes on the server; the handlers it makes do not refer to it, so it
// may be a local of the function that adds the routes.
class ConsoleRoutes {
public:
    ConsoleRoutes(RouteTable& server, LoginService& login) : server_(server), login_(login) {}

    void get(const std::string& pattern, ConsoleAction action);
    void download(const std::string& pattern, ConsoleDownload action);
    void post(const std::string& pattern, int successStatus, ConsoleAction action);
    void put(const std::string& pattern, ConsoleAction action);
    void del(const std::string& pattern, ConsoleAction action);

private:
    RouteTable::Handler wrap(bool changesState, int successStatus, ConsoleAction action);

    RouteTable& server_;
    LoginService& login_;
};

}  // namespace cowork::hub
