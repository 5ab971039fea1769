#include "http/animation_routes.hpp"

#include "http/json_reply.hpp"

namespace cowork::hub {

void addAnimationRoutes(ConsoleRoutes& routes, AnimationService& animation) {
    routes.get("/api/v1/admin/animators", [&animation](const ConsoleRequest& req) { return animation.animators(req.principal); });
    routes.put(R"(/api/v1/admin/animators/([0-9a-zA-Z_.-]+))", [&animation](const ConsoleRequest& req) {
        return animation.setAnimator(req.principal, req.match(1), req.body());
    });
    routes.get("/api/v1/admin/animation-sessions", [&animation](const ConsoleRequest& req) {
        return animation.sessions(req.principal, req.http.get_param_value("month"), req.http.get_param_value("member_id"));
    });
    routes.post(R"(/api/v1/admin/animation-sessions/([0-9a-f-]+)/correction)", 200, [&animation](const ConsoleRequest& req) {
        return animation.correctSession(req.principal, req.match(1), req.body());
    });
    routes.download("/api/v1/admin/animation-hours.csv", [&animation](const ConsoleRequest& req, httplib::Response& res) {
        const std::string month = req.http.get_param_value("month");
        std::string csv = animation.monthlyCsv(req.principal, month);  // a refusal answers JSON, not a download
        res.set_header("Content-Disposition", "attachment; filename=\"heures-animation-" + month + ".csv\"");
        res.set_header("Cache-Control", "no-store");  // named people's hours stay out of every cache
        res.set_content(std::move(csv), "text/csv; charset=utf-8");
    });
    routes.put(R"(/api/v1/admin/users/([a-z0-9-]+)/member)", [&animation](const ConsoleRequest& req) {
        return animation.linkAccount(req.principal, req.match(1), req.body());
    });
}

}  // namespace cowork::hub
