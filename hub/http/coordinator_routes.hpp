#pragma once
#include "http/route_table.hpp"

#include "access/audit_log.hpp"
#include "http/client_address.hpp"
#include "http/console_routes.hpp"
#include "service/account_service.hpp"
#include "service/animation_service.hpp"
#include "service/member_data_service.hpp"
#include "service/console_view_service.hpp"
#include "service/coordinator_service.hpp"
#include "service/login_service.hpp"
#include "service/figures_service.hpp"

namespace cowork::hub {

// POST /api/v1/login and /logout, and everything under /api/v1/admin/, which
// needs the session cookie.
// Logins are throttled per account and per client address (`clientAddress`).
void addCoordinatorRoutes(RouteTable& server, const ClientAddress& clientAddress, LoginService& login, CoordinatorService& coordinator,
                          FiguresService& figures, AccountService& accounts, HubStorage& storage,
                          MemberDataService& members, ConsoleViewService& views, AnimationService& animation);

}  // namespace cowork::hub
