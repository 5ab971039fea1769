#pragma once
// The coordinator's console (hub/console/**): plain files embedded in cowork-hub at
// build time (hub/embed_console.cmake), served as
//   GET /                 → index.html
//   GET /console/<path>   → hub/console/<path>
// with ETag = the file's content hash and Cache-Control: no-cache (a browser asks
// again each time and gets 304 while the file is the same, so an update shows at
// once). Only the embedded files exist: nothing is read from disk, so no path can
// reach outside them.
#include <span>
#include <string_view>

#include "http/route_table.hpp"

namespace cowork::hub {

struct ConsoleFile {
    std::string_view path;         // relative to hub/console/, "views/site.js"
    std::string_view contentType;  // "text/javascript; charset=utf-8"
    std::string_view etag;         // quoted, as sent: "\"3fa1…\""
    std::string_view body;
};

// Generated (console_files_data.cpp and public_files_data.cpp in the build directory).
std::span<const ConsoleFile> embeddedConsoleFiles();
std::span<const ConsoleFile> embeddedPublicFiles();  // hub/public/**, the public page (http/public_routes)

// The file at that path, or nullptr. Exact names only: "..", "//", "%2e" and the
// like name no embedded file.
const ConsoleFile* findEmbeddedFile(std::span<const ConsoleFile> files, std::string_view path);
const ConsoleFile* findConsoleFile(std::string_view path);

// True when an If-None-Match header lists that ETag (or is "*").
bool matchesETag(const std::string& header, std::string_view etag);
// 200 with the file, or 304 when the browser has it already; ETag and
// Cache-Control: no-cache. The caller has set the other headers.
void sendEmbeddedFile(const ConsoleFile& file, const httplib::Request& req, httplib::Response& res);

void addConsoleFileRoutes(RouteTable& server);

}  // namespace cowork::hub
