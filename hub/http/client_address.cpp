#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <stdexcept>

#include <httplib.h>
#include <spdlog/spdlog.h>

namespace cowork::hub {
namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Every X-Forwarded-For line in order, as one list: proxies may add a line
// of their own instead of extending the last.
std::string forwardedForList(const httplib::Request& req) {
    std::string list;
    const std::size_t lines = req.get_header_value_count("X-Forwarded-For");
    for (std::size_t i = 0; i < lines; ++i) {
        if (!list.empty()) list += ',';
        list += req.get_header_value("X-Forwarded-For", i);
    }
    return list;
}

// A port as some proxies append it: 1 to 65535, in digits.
bool isPort(std::string_view text) {
    if (text.empty() || text.size() > 5) return false;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return value >= 1 && value <= 65535;
}

// An X-Forwarded-For entry as load balancers write it: an address, an IPv4
// address with a port, an IPv6 address in brackets with or without a port. The
// port is dropped: the client is counted by its address.
std::optional<std::string> forwardedAddress(std::string_view entry) {
    if (entry.starts_with('[')) {
        const auto close = entry.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        const std::string_view rest = entry.substr(close + 1);
        if (!rest.empty() && !(rest.front() == ':' && isPort(rest.substr(1)))) return std::nullopt;
        const std::string inside(entry.substr(1, close - 1));
        in6_addr v6{};
        if (inet_pton(AF_INET6, inside.c_str(), &v6) != 1) return std::nullopt;
        return canonicalIpAddress(inside);
    }
    const auto colon = entry.find(':');
    if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
        // One colon: an IPv4 address and its port (an IPv6 address has two at least).
        const std::string host(entry.substr(0, colon));
        in_addr v4{};
        if (inet_pton(AF_INET, host.c_str(), &v4) != 1 || !isPort(entry.substr(colon + 1))) return std::nullopt;
        return canonicalIpAddress(host);
    }
    return canonicalIpAddress(entry);
}

}  // namespace

std::optional<std::string> canonicalIpAddress(std::string_view text) {
    const std::string address(text);
    std::array<char, INET6_ADDRSTRLEN> out{};
    in_addr v4{};
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return std::string(inet_ntop(AF_INET, &v4, out.data(), out.size()));
    in6_addr v6{};
    if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) return std::nullopt;
    if (IN6_IS_ADDR_V4MAPPED(&v6)) {
        std::memcpy(&v4, &v6.s6_addr[12], sizeof v4);
        return std::string(inet_ntop(AF_INET, &v4, out.data(), out.size()));
    }
    return std::string(inet_ntop(AF_INET6, &v6, out.data(), out.size()));
}

std::optional<std::string> forwardedClient(std::string_view forwardedFor, const std::set<std::string>& trusted) {
    std::optional<std::string> leftMost;
    while (true) {
        const auto comma = forwardedFor.rfind(',');
        const std::string_view entry = trimmed(comma == std::string_view::npos ? forwardedFor : forwardedFor.substr(comma + 1));
        const auto address = forwardedAddress(entry);
        if (!address) return std::nullopt;
        if (!trusted.count(*address)) return address;
        leftMost = address;
        if (comma == std::string_view::npos) return leftMost;
        forwardedFor = forwardedFor.substr(0, comma);
    }
}

ClientAddress::ClientAddress(const std::vector<std::string>& trustedProxies) {
    for (const std::string& proxy : trustedProxies) {
        const auto address = canonicalIpAddress(proxy);
        if (!address) throw std::invalid_argument("mandataire de confiance invalide (adresse IP attendue) : « " + proxy + " »");
        trusted_.insert(*address);
    }
}

bool ClientAddress::trusts(const std::string& peer) const { return trusted_.count(peer) > 0; }

std::string ClientAddress::peerOf(const httplib::Request& req) {
    return canonicalIpAddress(req.remote_addr).value_or(req.remote_addr);
}

std::string ClientAddress::of(const httplib::Request& req) const {
    const std::string peer = peerOf(req);
    if (trusted_.empty() || !trusts(peer) || !req.has_header("X-Forwarded-For")) return peer;
    const std::string list = forwardedForList(req);
    if (const auto client = forwardedClient(list, trusted_)) return *client;
    if (!malformedLogged_.exchange(true)) {
        spdlog::warn("event=forwarded_for_malformed peer={} message=\"X-Forwarded-For illisible venant d’un mandataire de "
                     "confiance : l’adresse du mandataire est retenue (signalé une seule fois)\"", peer);
    }
    return peer;
}

}  // namespace cowork::hub
