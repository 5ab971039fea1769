#pragma once
// A TCP proxy for tests, put between a kiosk's sync client and a hub on 127.0.0.1,
// that injects one fault per connection: delays, a request cut short, a reply cut
// short, a reply withheld and the kiosk reset, a connection refused.
//
// It relays raw bytes and never decrypts TLS. It only reads the plaintext 5-byte
// TLS record headers, so that a fault hits the HTTP exchange and not the handshake:
// the handshake (and, in TLS 1.3, the hub's session tickets) always goes through,
// the request is what the client sends after its Finished, and the reply is what
// the hub sends after the request. A stream not starting with a TLS handshake
// record is plain TCP: the request is the client's bytes, the reply the hub's.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cowork::testing {

enum class Fault {
    Pass,              // both ways untouched
    Delay,             // every chunk held delayMs before it is passed on, both ways
    DropMidRequest,    // the hub gets only part of the request, then both sides are closed
    TruncateResponse,  // the hub gets the whole request, the client part of the reply, then EOF
    ResetAfterReply,   // the hub gets the whole request and answers; the client gets none of it, then a reset
    Refuse,            // accepted and reset at once, the hub is never contacted
};
inline constexpr std::size_t kFaultCount = 6;

const char* faultName(Fault fault);
std::ostream& operator<<(std::ostream& out, Fault fault);  // so test failures name the fault

struct FaultPlan {
    static FaultPlan always(Fault fault);
    // Each new connection draws its fault from a std::mt19937 seeded with `seed`,
    // with probability weight / sum of weights. Throws std::invalid_argument when a
    // weight is negative or none is positive.
    static FaultPlan random(std::uint32_t seed, std::vector<std::pair<Fault, int>> weights);

    Fault fixed = Fault::Pass;                   // the fault when `weights` is empty
    std::vector<std::pair<Fault, int>> weights;  // non-empty: a random plan
    std::uint32_t seed = 0;

    int delayMs = 200;  // Delay
    // DropMidRequest passes on this many bytes of the request, TruncateResponse this
    // many of the reply, but always at least one byte short of the end, so the other
    // side surely gets a strict prefix. Unset: half of it for a fixed plan, a point
    // drawn uniformly (from the plan's generator) for a random one.
    std::optional<std::size_t> cutBytes;
    // The request is complete when the client has sent some of it and then been
    // quiet this long (it is waiting for the reply) or has shut down its sending side.
    // The reply is complete when the hub has sent at least replyMinBytes of it and
    // then been quiet this long, or has closed, or replyWaitMs have passed.
    int quietMs = 50;
    std::size_t replyMinBytes = 1;
    int replyWaitMs = 5000;
};

class FaultProxy {
public:
    // Listens on 127.0.0.1 on a free port at once; throws std::system_error if it
    // cannot, std::invalid_argument for an unknown host or a bad plan.
    FaultProxy(std::string upstreamHost, int upstreamPort, FaultPlan plan);
    ~FaultProxy();  // stop()
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const;
    // For connections accepted from now on; a random plan's generator restarts from its seed.
    // Connections being relayed are closed on the client's side (shut down, not
    // reset), so that a client that keeps its connection meets the new plan too.
    void setPlan(FaultPlan plan);

    std::size_t connections() const;  // accepted so far
    // Connections on which the fault was carried out: Pass, Delay and Refuse when the
    // connection is accepted, the others when the cut or reset is made (a connection
    // a peer abandons before that point, or that stop() ends, does not count). Counted
    // before the client can see the outcome.
    std::size_t applied(Fault fault) const;
    std::vector<Fault> history() const;  // the fault drawn for each connection, in accept order

    // Closes the listener and every connection (resetting both sides) and joins every
    // thread; returns within milliseconds. Idempotent.
    void stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace cowork::testing
