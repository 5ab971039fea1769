#pragma once
#include "http/console_routes.hpp"
#include "service/console_view_service.hpp"

namespace cowork::hub {

// The console's views and its handling of kiosk messages (docs/console-api.md,
// "Views"): GET /api/v1/console/overview, /api/v1/console/sites/{site},
// /api/v1/admin/announcements and /api/v1/admin/messages[?site=S], POST
// /api/v1/admin/messages/{id}/retry and /handled. The service checks the roles.
void addConsoleViewRoutes(ConsoleRoutes& routes, ConsoleViewService& views);

}  // namespace cowork::hub
