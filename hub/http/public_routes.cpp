#include "http/public_routes.hpp"

#include <httplib.h>

#include "http/console_files.hpp"
#include "http/json_reply.hpp"

namespace cowork::hub {
namespace {

const std::string kMaxAge = "public, max-age=" + std::to_string(kPublicTtlSeconds);

// Any site may read the feed from a browser, and see its ETag to ask again.
void setOpenDataHeaders(httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Access-Control-Expose-Headers", "ETag");
    res.set_header("Link", std::string("<") + kLicenseUrl + ">; rel=\"license\"");
}

void sendFeedFile(const PublicFile& file, const httplib::Request& req, httplib::Response& res) {
    setOpenDataHeaders(res);
    res.set_header("ETag", file.etag);
    res.set_header("Cache-Control", kMaxAge);
    if (matchesETag(req.get_header_value("If-None-Match"), file.etag)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    res.set_content(file.body, file.contentType.c_str());
}

// The name the client reached the hub by, if it is a plain host[:port].
std::optional<std::string> requestHost(const httplib::Request& req) {
    const std::string host = req.get_header_value("Host");
    if (host.empty() || host.size() > 255) return std::nullopt;
    for (const char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                        c == ':' || c == '[' || c == ']';
        if (!ok) return std::nullopt;
    }
    return host;
}

// Every answer carries the hub's default headers (hub_server.cpp), which forbid
// framing; the embed is meant for other sites' pages, so those two give way.
void allowFramingByAnySite(httplib::Response& res) {
    res.headers.erase("X-Frame-Options");
    res.headers.erase("Content-Security-Policy");
    res.set_header("Content-Security-Policy", "default-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'");
}

// The page asks for no position, camera or microphone, framed or not.
void setPageHeaders(httplib::Response& res) { res.set_header("Permissions-Policy", "geolocation=(), camera=(), microphone=()"); }

void servePage(const char* path, const httplib::Request& req, httplib::Response& res) {
    setPageHeaders(res);
    const ConsoleFile* file = findEmbeddedFile(embeddedPublicFiles(), path);
    if (file == nullptr) return sendError(res, 404, "page publique absente de cette version du hub");
    sendEmbeddedFile(*file, req, res);
}

}  // namespace

void addPublicRoutes(RouteTable& server, PublicFeed& feed) {
    server.Get(R"(/public/v1/gbfs\.json)", [&feed](const httplib::Request& req, httplib::Response& res) {
        const auto host = requestHost(req);
        if (!host) return sendError(res, 400, "en-tête Host absent ou invalide", "Host");
        // The hub speaks HTTPS, itself or behind a TLS proxy (--insecure-http), which may say otherwise.
        const std::string scheme = req.get_header_value("X-Forwarded-Proto") == "http" ? "http" : "https";
        sendFeedFile(gbfsIndex(scheme + "://" + *host, *feed.current()), req, res);
    });
    server.Get(R"(/public/v1/([a-z]+\.(json|csv)))", [&feed](const httplib::Request& req, httplib::Response& res) {
        const auto snapshot = feed.current();
        const PublicFile* file = snapshot->file(req.matches[1].str());
        if (file == nullptr) {
            setOpenDataHeaders(res);
            return sendError(res, 404, "fichier inconnu du flux public (voir /public/v1/gbfs.json)");
        }
        sendFeedFile(*file, req, res);
    });
    // A browser asks first before sending If-None-Match from a script of another site.
    server.Options(R"(/public/v1/.*)", [](const httplib::Request&, httplib::Response& res) {
        setOpenDataHeaders(res);
        res.set_header("Access-Control-Allow-Methods", "GET, HEAD");
        res.set_header("Access-Control-Allow-Headers", "If-None-Match");
        res.set_header("Access-Control-Max-Age", "86400");
        res.status = 204;
    });
    server.Get("/public", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/public/", 301); });
    server.Get("/public/", [](const httplib::Request& req, httplib::Response& res) { servePage("index.html", req, res); });
    server.Get("/public/embed", [](const httplib::Request& req, httplib::Response& res) {
        allowFramingByAnySite(res);
        servePage("embed.html", req, res);
    });
    server.Get(R"(/public/(.+))", [](const httplib::Request& req, httplib::Response& res) {
        const ConsoleFile* file = findEmbeddedFile(embeddedPublicFiles(), req.matches[1].str());
        if (file == nullptr) return sendError(res, 404, "fichier inconnu de la page publique");
        sendEmbeddedFile(*file, req, res);
    });
}

}  // namespace cowork::hub
