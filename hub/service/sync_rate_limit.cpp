#include "service/sync_rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace cowork::hub {

TimeMs SyncRateLimiter::take(const std::string& deviceId, TimeMs now) {
    const double burst = static_cast<double>(limit_.burst);
    std::lock_guard lock(mutex_);
    Bucket& b = buckets_.try_emplace(deviceId, Bucket{burst, now}).first->second;
    // A clock set back refills nothing, and takes nothing back either; the
    // bucket then counts from the new time, or it would refill nothing until
    // the clock caught up with the old one.
    const TimeMs elapsed = std::max<TimeMs>(0, now - b.at);
    b.tokens = std::min(burst, b.tokens + static_cast<double>(elapsed) / static_cast<double>(limit_.refillMs));
    b.at = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return static_cast<TimeMs>(std::ceil((1.0 - b.tokens) * static_cast<double>(limit_.refillMs)));
}

}  // namespace cowork::hub
