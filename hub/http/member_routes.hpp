#pragma once
// The coordinator's routes about members and their personal data, and the
// processing register (docs/console-api.md). The member's id is the only
// personal thing in a URL; a search goes in a POST body.
#include "http/console_routes.hpp"
#include "service/member_data_service.hpp"

namespace cowork::hub {

void addMemberRoutes(ConsoleRoutes& routes, MemberDataService& members);

}  // namespace cowork::hub
