#include "http/console_routes.hpp"

#include "http/json_reply.hpp"

namespace cowork::hub {

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

// A request from the console's own page carries the session's CSRF token, comes
// from the hub's own origin when the browser says where it comes from, and sends
// JSON: a form on another site can do none of the three.
void requireBrowserChecks(const httplib::Request& req, const ConsoleSession& session) {
    const std::string token = req.get_header_value("X-CSRF-Token");
    if (token.empty() || token != session.csrfToken) {
        throw ApiError(403, "requête refusée : rechargez la page de la console et recommencez", "csrf");
    }
    requireOwnOrigin(req);
    requireJsonBody(req);
}

void requireOwnOrigin(const httplib::Request& req) {
    if (!req.has_header("Origin")) return;
    const std::string origin = req.get_header_value("Origin");
    const std::string host = req.get_header_value("Host");
    if (host.empty() || (origin != "https://" + host && origin != "http://" + host)) {
        throw ApiError(403, "requête refusée : elle ne vient pas de la console de ce hub", "origin");
    }
}

void requireJsonBody(const httplib::Request& req) {
    if (req.body.empty()) return;
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) throw ApiError(415, "le corps de la requête doit être du JSON (application/json)");
}

RouteTable::Handler ConsoleRoutes::wrap(bool changesState, int successStatus, ConsoleAction action) {
    // Handlers outlive this object (it only registers them): they hold the login service, not `this`.
    return [&login = login_, changesState, successStatus, action](const httplib::Request& req, httplib::Response& res) {
        try {
            const ConsoleSession session = login.requireSession(sessionToken(req));
            if (changesState) requireBrowserChecks(req, session);
            sendJson(res, successStatus, action(ConsoleRequest{req, session.principal}));
        } catch (const InputError& e) {
            sendError(res, 400, e.reason(), e.field());
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    };
}

void ConsoleRoutes::get(const std::string& pattern, ConsoleAction action) {
    server_.Get(pattern, wrap(false, 200, std::move(action)));
}

void ConsoleRoutes::download(const std::string& pattern, ConsoleDownload action) {
    server_.Get(pattern, [&login = login_, action](const httplib::Request& req, httplib::Response& res) {
        try {
            const ConsoleSession session = login.requireSession(sessionToken(req));
            action(ConsoleRequest{req, session.principal}, res);
        } catch (const ApiError& e) {
            sendError(res, e);
        }
    });
}

void ConsoleRoutes::post(const std::string& pattern, int successStatus, ConsoleAction action) {
    server_.Post(pattern, wrap(true, successStatus, std::move(action)));
}

void ConsoleRoutes::put(const std::string& pattern, ConsoleAction action) {
    server_.Put(pattern, wrap(true, 200, std::move(action)));
}

void ConsoleRoutes::del(const std::string& pattern, ConsoleAction action) {
    server_.Delete(pattern, wrap(true, 200, std::move(action)));
}

}  // namespace cowork::hub
