#pragma once
// The hub's routes: method, path pattern and handler, in the order they were
// added. It keeps cpp-httplib's way of registering and matching (the route files
// were written for it, and their tests pin that behaviour) without its server:
// the transport (http_transport.hpp) reads requests and hands them here.
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <httplib.h>

namespace cowork::hub {

class RouteTable {
public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

    RouteTable& Get(const std::string& pattern, Handler handler);
    RouteTable& Post(const std::string& pattern, Handler handler);
    RouteTable& Put(const std::string& pattern, Handler handler);
    RouteTable& Delete(const std::string& pattern, Handler handler);
    RouteTable& Options(const std::string& pattern, Handler handler);

    // Runs the first route whose pattern matches the whole path (HEAD runs GET's),
    // with req.matches set. Returns false, leaving res untouched, when none does.
    // A handler's exception goes through to the caller.
    bool dispatch(httplib::Request& req, httplib::Response& res) const;

private:
    struct Route {
        std::regex pattern;
        std::optional<std::string> literal;  // the pattern, when it has no special character
        Handler handler;
    };
    RouteTable& add(std::vector<Route>& routes, const std::string& pattern, Handler handler);
    const std::vector<Route>* routesFor(const std::string& method) const;

    std::vector<Route> get_, post_, put_, delete_, options_;
};

}  // namespace cowork::hub
