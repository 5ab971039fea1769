#pragma once
// Who may open one more connection: at most so many per client address (one
// laptop with a loop must not take every socket; an IPv6 address counted with
// its /64, see throttle_key.hpp), and so many in all (the process's file limit). Addresses of trusted proxies are not capped per address:
// every client behind them shares theirs.
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace cowork::hub {

enum class Admission { Admitted, TooManyFromAddress, Full };

class ConnectionAdmission {
public:
    ConnectionAdmission(int perAddress, int total, const std::vector<std::string>& uncappedAddresses);

    // `address` as the transport prints it (canonical text form).
    Admission admit(const std::string& address);
    // Once for every admitted connection, when it closes.
    void release(const std::string& address);

private:
    std::string keyOf(const std::string& address) const;

    const int perAddress_;
    const int total_;
    const std::set<std::string> uncapped_;
    std::mutex mutex_;
    std::map<std::string, int> openByAddress_;  // by keyOf; invariant: no entry at 0
    int open_ = 0;
};

}  // namespace cowork::hub
