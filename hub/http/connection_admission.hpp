#pragma once
// Who may open one more connection: at most so many open per client address
// (one laptop with a loop must not take every socket; an IPv6 address counted
// with its /64, see throttle_key.hpp), at most so many new ones a second per
// address (each costs a TLS handshake on the threads that answer kiosks: one
// client replaying a ClientHello in a loop would keep them busy), and so many
// in all (the process's file limit). Trusted proxies are capped in all only:
// every client behind them shares their address.
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace cowork::hub {

enum class Admission { Admitted, TooManyFromAddress, TooFastFromAddress, Full };

using SteadyTime = std::chrono::steady_clock::time_point;

class ConnectionAdmission {
public:
    // `newPerSecond`: new connections a second per address, in bursts of up to
    // four times `perAddress` (a shop's router after the hub's restart).
    ConnectionAdmission(int perAddress, int total, const std::vector<std::string>& uncappedAddresses, double newPerSecond);

    // `address` as the transport prints it (canonical text form).
    Admission admit(const std::string& address, SteadyTime now = std::chrono::steady_clock::now());
    // Once for every admitted connection, when it closes.
    void release(const std::string& address);
    // Addresses whose new connections are being counted (tests: the map stays small).
    std::size_t addressesTracked();

private:
    std::string keyOf(const std::string& address) const;
    bool takeArrival(const std::string& key, SteadyTime now);
    void forgetRefilledArrivals(SteadyTime now);

    struct Arrivals {
        double allowance;  // new connections allowed now
        SteadyTime at;
    };

    const int perAddress_;
    const int total_;
    const std::set<std::string> uncapped_;
    std::mutex mutex_;
    std::map<std::string, int> openByAddress_;  // by keyOf; invariant: no entry at 0
    int open_ = 0;
    const double newPerSecond_;
    const double newBurst_;
    // By keyOf. Kept while an address's allowance refills, even with nothing
    // open (a client that connects and hangs up at once is the case in point);
    // full ones are dropped now and then (forgetRefilledArrivals).
    std::map<std::string, Arrivals> arrivals_;
    unsigned admitsSinceSweep_ = 0;
};

}  // namespace cowork::hub
