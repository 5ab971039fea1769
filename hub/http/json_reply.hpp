#pragma once
#include <string>

#include <httplib.h>

#include "json/json_reader.hpp"
#include "service/api_error.hpp"
#include "sync/protocol.hpp"

namespace cowork::hub {

inline void sendJson(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

// Every refusal has the same shape: {"error": "...", "field": "..."}.
inline void sendError(httplib::Response& res, int status, const std::string& message, const std::string& field = "") {
    sendJson(res, status, toJson(ErrorResponse{message, field}));
}

inline void sendError(httplib::Response& res, const ApiError& error) {
    if (const auto seconds = error.retryAfterSeconds()) res.set_header("Retry-After", std::to_string(*seconds));
    sendError(res, error.status(), error.what(), error.field());
}

}  // namespace cowork::hub
