#include "http/route_table.hpp"

namespace cowork::hub {

RouteTable& RouteTable::Get(const std::string& pattern, Handler handler) { return add(get_, pattern, std::move(handler)); }
RouteTable& RouteTable::Post(const std::string& pattern, Handler handler) { return add(post_, pattern, std::move(handler)); }
RouteTable& RouteTable::Put(const std::string& pattern, Handler handler) { return add(put_, pattern, std::move(handler)); }
RouteTable& RouteTable::Delete(const std::string& pattern, Handler handler) { return add(delete_, pattern, std::move(handler)); }
RouteTable& RouteTable::Options(const std::string& pattern, Handler handler) {
    return add(options_, pattern, std::move(handler));
}

RouteTable& RouteTable::add(std::vector<Route>& routes, const std::string& pattern, Handler handler) {
    const bool literal = pattern.find_first_of("\\^$.|?*+()[]{}") == std::string::npos;
    routes.push_back({std::regex(pattern), literal ? std::optional<std::string>(pattern) : std::nullopt, std::move(handler)});
    return *this;
}

const std::vector<RouteTable::Route>* RouteTable::routesFor(const std::string& method) const {
    if (method == "GET" || method == "HEAD") return &get_;
    if (method == "POST") return &post_;
    if (method == "PUT") return &put_;
    if (method == "DELETE") return &delete_;
    if (method == "OPTIONS") return &options_;
    return nullptr;
}

bool RouteTable::dispatch(httplib::Request& req, httplib::Response& res) const {
    const std::vector<Route>* routes = routesFor(req.method);
    if (!routes) return false;
    for (const Route& route : *routes) {
        // A plain path is told apart by comparing strings: matching a regex for
        // every route before the right one was a visible share of each sync.
        if (route.literal && *route.literal != req.path) continue;
        if (std::regex_match(req.path, req.matches, route.pattern)) {
            route.handler(req, res);
            return true;
        }
    }
    return false;
}

}  // namespace cowork::hub
