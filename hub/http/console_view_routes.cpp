#include "http/console_view_routes.hpp"

namespace cowork::hub {

void addConsoleViewRoutes(ConsoleRoutes& routes, ConsoleViewService& views) {
    routes.get("/api/v1/console/overview", [&views](const ConsoleRequest& req) { return views.overview(req.principal); });
    routes.get(R"(/api/v1/console/sites/([a-z0-9-]+))",
               [&views](const ConsoleRequest& req) { return views.site(req.principal, req.match(1)); });
    routes.get("/api/v1/admin/announcements", [&views](const ConsoleRequest& req) { return views.announcements(req.principal); });
    routes.get("/api/v1/admin/messages", [&views](const ConsoleRequest& req) {
        return views.messages(req.principal, req.http.get_param_value("site"));
    });
    const std::string message = R"(/api/v1/admin/messages/([a-z0-9-]+))";
    routes.post(message + "/retry", 200, [&views](const ConsoleRequest& req) { return views.retryMessage(req.principal, req.match(1)); });
    routes.post(message + "/handled", 200,
                [&views](const ConsoleRequest& req) { return views.markMessageHandled(req.principal, req.match(1)); });
}

}  // namespace cowork::hub
