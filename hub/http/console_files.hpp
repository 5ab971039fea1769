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

namespace httplib {
class Server;
}

namespace cowork::hub {

struct ConsoleFile {
    std::string_view path;         // relative to hub/console/, "views/site.js"
    std::string_view contentType;  // "text/javascript; charset=utf-8"
    std::string_view etag;         // quoted, as sent: "\"3fa1…\""
    std::string_view body;
};

// Generated (console_files_data.cpp in the build directory).
std::span<const ConsoleFile> embeddedConsoleFiles();

// The file at that path, or nullptr.
const ConsoleFile* findConsoleFile(std::string_view path);

void addConsoleFileRoutes(httplib::Server& server);

}  // namespace cowork::hub
