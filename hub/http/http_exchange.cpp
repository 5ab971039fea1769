#include "http/http_exchange.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>

namespace cowork::hub {

namespace http = boost::beast::http;

httplib::Request toRouteRequest(BeastRequest&& message, const std::string& remoteAddress, int remotePort) {
    httplib::Request req;
    req.method = std::string(message.method_string());
    req.target = std::string(message.target());
    req.version = message.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
    const auto question = req.target.find('?');
    req.path = httplib::detail::decode_url(req.target.substr(0, question), false);
    if (question != std::string::npos) httplib::detail::parse_query_text(req.target.substr(question + 1), req.params);
    for (const auto& field : message) req.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    req.body = std::move(message.body());
    req.remote_addr = remoteAddress;
    req.remote_port = remotePort;
    return req;
}

std::string wireResponse(const httplib::Response& res, bool headOnly, bool keepAlive) {
    std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " + std::string(http::obsolete_reason(http::int_to_status(static_cast<unsigned>(res.status)))) + "\r\n";
    for (const auto& [name, value] : res.headers) {
        // The transport alone decides about the connection and the length.
        if (boost::beast::iequals(name, "Connection") || boost::beast::iequals(name, "Content-Length")) continue;
        out += name + ": " + value + "\r\n";
    }
    // 1xx, 204 and 304 carry no body, hence no length (RFC 9110 §8.6: a 304's
    // would have to be the whole representation's, not 0).
    const bool bodiless = res.status < 200 || res.status == 204 || res.status == 304;
    if (!bodiless) out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
    if (!keepAlive) out += "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly && !bodiless) out += res.body;
    return out;
}

}  // namespace cowork::hub
