#include "mail/retry_backoff.hpp"

#include <algorithm>

namespace cowork::hub {

TimeMs mailRetryDelayMs(int failedAttempts, double random01) {
    TimeMs delay = kFirstMailRetryMs;
    for (int i = 1; i < failedAttempts && delay < kLongestMailRetryMs; ++i) delay *= 2;
    delay = std::min(delay, kLongestMailRetryMs);
    const double jitter = std::clamp(random01, 0.0, 1.0) * 0.25 * static_cast<double>(delay);
    return delay + static_cast<TimeMs>(jitter);
}

}  // namespace cowork::hub
