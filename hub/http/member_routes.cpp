#include "http/member_routes.hpp"

namespace cowork::hub {

void addMemberRoutes(ConsoleRoutes& routes, MemberDataService& members) {
    const std::string member = R"(/api/v1/admin/members/([0-9a-zA-Z_.-]+))";
    routes.post("/api/v1/admin/members/search", 200,
                [&members](const ConsoleRequest& req) { return members.search(req.principal, req.body()); });
    routes.get(member, [&members](const ConsoleRequest& req) { return members.details(req.principal, req.match(1)); });
    routes.put(member, [&members](const ConsoleRequest& req) { return members.correct(req.principal, req.match(1), req.body()); });
    routes.del(member, [&members](const ConsoleRequest& req) { return members.forget(req.principal, req.match(1)); });
    routes.download(member + "/export", [&members](const ConsoleRequest& req, httplib::Response& res) {
        MemberExport file = members.exportData(req.principal, req.match(1), req.http.get_param_value("format"));
        res.set_header("Content-Disposition", "attachment; filename=\"" + file.fileName + "\"");
        res.set_header("Cache-Control", "no-store");  // personal data stays out of every cache
        res.set_content(std::move(file.content), file.contentType);
    });
    routes.get("/api/v1/admin/processing-register",
               [&members](const ConsoleRequest& req) { return members.processingRegister(req.principal); });
}

}  // namespace cowork::hub
