#pragma once
// Keeps lines a client can cause at will (refused requests, a runaway kiosk's
// 429s) from flooding the journal: journald drops a service's lines past its
// rate limit (10,000 in 30 s by default), the hub's errors and warnings among
// them. Each kind of line (a key from a bounded set: route and status, a kiosk)
// gets a few lines a window; the first line after a held one says how many
// were held back. Every request stays counted in /metrics.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "domain/time.hpp"

namespace cowork::hub {

class LogThrottle {
public:
    LogThrottle(int linesPerWindow, TimeMs windowMs);
    // nullopt: hold this line back. Otherwise write it, with the number of
    // lines of its kind held back since the last one written (0 mostly).
    std::optional<std::int64_t> admit(const std::string& key, TimeMs now);

private:
    struct Window {
        TimeMs start = 0;
        int written = 0;
        std::int64_t heldBack = 0;
    };
    const int linesPerWindow_;
    const TimeMs windowMs_;
    std::mutex mutex_;
    std::map<std::string, Window> windows_;
};

}  // namespace cowork::hub
