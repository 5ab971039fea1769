#pragma once
#include "http/route_table.hpp"

#include "http/console_routes.hpp"
#include "service/account_service.hpp"

namespace cowork::hub {

// What the console is told about the signed-in user and their session (login,
// GET /session, an accepted invitation).
Json sessionJson(const Principal& principal, const std::string& csrfToken);
// The Set-Cookie value that opens a console session.
std::string sessionCookie(const std::string& token);

// /api/v1/session/logout-everywhere and /password, /api/v1/invitations/check
// and /accept (no session yet), and /api/v1/admin/users* (coordinator).
void addAccountRoutes(RouteTable& server, ConsoleRoutes& routes, AccountService& accounts);

}  // namespace cowork::hub
