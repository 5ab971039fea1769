#include "http/console_files.hpp"

#include <httplib.h>

#include "http/json_reply.hpp"

namespace cowork::hub {
namespace {

// The console's own answers carry the browser rules of docs/console-api.md, so
// the pages run under them even before every answer of the hub does.
void setBrowserHeaders(httplib::Response& res) {
    if (!res.has_header("Content-Security-Policy")) {
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    }
    if (!res.has_header("X-Content-Type-Options")) res.set_header("X-Content-Type-Options", "nosniff");
    if (!res.has_header("Referrer-Policy")) res.set_header("Referrer-Policy", "same-origin");
    if (!res.has_header("X-Frame-Options")) res.set_header("X-Frame-Options", "DENY");
}

void serve(const ConsoleFile* file, const httplib::Request& req, httplib::Response& res) {
    setBrowserHeaders(res);
    if (file == nullptr) return sendError(res, 404, "fichier inconnu de la console");
    sendEmbeddedFile(*file, req, res);
}

}  // namespace

bool matchesETag(const std::string& header, std::string_view etag) {
    if (header == "*") return true;
    for (std::size_t start = 0; start < header.size();) {
        const std::size_t end = std::min(header.find(',', start), header.size());
        std::string_view item(header.data() + start, end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.rfind("W/", 0) == 0) item.remove_prefix(2);
        if (item == etag) return true;
        start = end + 1;
    }
    return false;
}

void sendEmbeddedFile(const ConsoleFile& file, const httplib::Request& req, httplib::Response& res) {
    res.set_header("ETag", std::string(file.etag));
    res.set_header("Cache-Control", "no-cache");
    if (matchesETag(req.get_header_value("If-None-Match"), file.etag)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    res.set_content(file.body.data(), file.body.size(), std::string(file.contentType).c_str());
}

const ConsoleFile* findEmbeddedFile(std::span<const ConsoleFile> files, std::string_view path) {
    for (const ConsoleFile& file : files) {
        if (file.path == path) return &file;
    }
    return nullptr;
}

const ConsoleFile* findConsoleFile(std::string_view path) { return findEmbeddedFile(embeddedConsoleFiles(), path); }

void addConsoleFileRoutes(RouteTable& server) {
    server.Get("/", [](const httplib::Request& req, httplib::Response& res) { serve(findConsoleFile("index.html"), req, res); });
    server.Get(R"(/console/(.+))", [](const httplib::Request& req, httplib::Response& res) {
        const std::string path = req.matches[1].str();
        // The listing has no ".." entry anyway; refuse it outright all the same.
        const bool climbs = path.find("..") != std::string::npos || path.front() == '/' || path.find('\\') != std::string::npos;
        serve(climbs ? nullptr : findConsoleFile(path), req, res);
    });
}

}  // namespace cowork::hub
