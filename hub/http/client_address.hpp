#pragma once
// Who the client is, for everything keyed on its address (login throttling, the
// request log): the TCP peer, unless that peer is a reverse proxy the hub was
// told to trust (--trusted-proxy), which then names the client in
// X-Forwarded-For. From any other peer the header is ignored: a client cannot
// choose the address it is counted under.
#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
}

namespace cowork::hub {

// The canonical text of an IPv4 or IPv6 address (an IPv4-mapped IPv6 address as
// IPv4), or nothing when `text` is not one.
std::optional<std::string> canonicalIpAddress(std::string_view text);

// The client an X-Forwarded-For list names when the proxies in `trusted` added
// to it: the right-most address that is not itself a trusted proxy (the ones to
// its left were written by the client and prove nothing). All trusted: the
// left-most. An entry may carry a port (`203.0.113.9:4711`, `[2001:db8::1]:443`)
// or brackets (`[2001:db8::1]`), as some load balancers write it; the port is
// dropped. Nothing when an address it had to read is malformed.
std::optional<std::string> forwardedClient(std::string_view forwardedFor, const std::set<std::string>& trusted);

class ClientAddress {
public:
    // Throws std::invalid_argument on an entry that is not an IP address.
    explicit ClientAddress(const std::vector<std::string>& trustedProxies = {});

    // The peer's address, or the one its trusted proxy forwarded.
    std::string of(const httplib::Request& req) const;
    // The TCP peer's address, canonical (a proxy's, when one is in between).
    static std::string peerOf(const httplib::Request& req);
    bool trusts(const std::string& peer) const;

private:
    std::set<std::string> trusted_;
    // A proxy that sends garbage sends it on every request: said once in the log.
    mutable std::atomic<bool> malformedLogged_{false};
};

}  // namespace cowork::hub
