// The hub's routes match as cpp-httplib's did: the first route, in the order
// added, whose pattern matches the whole path; plain paths compared as strings.
#include <catch2/catch.hpp>

#include "http/route_table.hpp"

using cowork::hub::RouteTable;

namespace {

std::string routeFor(const RouteTable& routes, const std::string& method, const std::string& path) {
    httplib::Request req;
    req.method = method;
    req.path = path;
    httplib::Response res;
    if (!routes.dispatch(req, res)) return "none";
    std::string answered = res.body;
    if (req.matches.size() > 1) answered.append(":").append(req.matches[1].str());
    return answered;
}

RouteTable::Handler answering(const std::string& name) {
    return [name](const httplib::Request&, httplib::Response& res) { res.body = name; };
}

}  // namespace

TEST_CASE("a plain path matches only itself, whole", "[hub][routes]") {
    RouteTable routes;
    routes.Post("/api/v1/sync", answering("sync"));
    CHECK(routeFor(routes, "POST", "/api/v1/sync") == "sync");
    CHECK(routeFor(routes, "POST", "/api/v1/syncs") == "none");
    CHECK(routeFor(routes, "POST", "/api/v1/sync/1") == "none");
    CHECK(routeFor(routes, "POST", "/api/v1") == "none");
    CHECK(routeFor(routes, "GET", "/api/v1/sync") == "none");
    CHECK(routeFor(routes, "PATCH", "/api/v1/sync") == "none");
}

TEST_CASE("routes match in the order added, plain or pattern, and a pattern's groups reach the handler", "[hub][routes]") {
    RouteTable routes;
    routes.Get(R"(/api/v1/sites/([a-z-]+))", answering("pattern"));
    routes.Get("/api/v1/sites/new", answering("plain"));  // never reached: the pattern comes first
    routes.Get("/api/v1/sites", answering("list"));
    routes.Get(R"(/public/(.+)\.json)", answering("feed"));
    CHECK(routeFor(routes, "GET", "/api/v1/sites/new") == "pattern:new");
    CHECK(routeFor(routes, "GET", "/api/v1/sites") == "list");
    CHECK(routeFor(routes, "HEAD", "/api/v1/sites") == "list");  // HEAD runs GET's
    CHECK(routeFor(routes, "GET", "/public/places.json") == "feed:places");
    CHECK(routeFor(routes, "GET", "/public/placesxjson") == "none");  // the dot is the pattern's own
}
