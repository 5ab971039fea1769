#pragma once
// The two ends of one exchange: a request as Beast parsed it becomes the
// cpp-httplib Request the routes were written for, and the Response they fill
// becomes the bytes sent back. Parsing of the path and query is cpp-httplib's
// own, so that routes see exactly what they saw before the transport changed.
#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <httplib.h>

namespace cowork::hub {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

httplib::Request toRouteRequest(BeastRequest&& message, const std::string& remoteAddress, int remotePort);

// The status line, the headers (Content-Length added), a blank line and the body
// (none for HEAD). `keepAlive` false adds "Connection: close".
std::string wireResponse(const httplib::Response& res, bool headOnly, bool keepAlive);

}  // namespace cowork::hub
