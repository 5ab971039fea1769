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

httplib::Server::Handler ConsoleRoutes::wrap(bool changesState, int successStatus, ConsoleAction action) {
    // Handlers outlive this object (it only registers them): they hold the login service, not `this`.
    return [&login = login_, changesState, successStatus, action](const httplib::Request& req, httplib::Response& res) {
        try {
            const Principal principal = login.requirePrincipal(sessionToken(req));
            (void)changesState;  // the browser checks (CSRF, Origin, JSON only) come with the accounts
            sendJson(res, successStatus, action(ConsoleRequest{req, principal}));
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
            const Principal principal = login.requirePrincipal(sessionToken(req));
            action(ConsoleRequest{req, principal}, res);
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
