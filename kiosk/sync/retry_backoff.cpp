#include "sync/retry_backoff.hpp"

#include <algorithm>

namespace cowork::kiosk {

RetryBackoff::RetryBackoff(std::uint32_t seed) : random_(seed) {}

TimeMs RetryBackoff::nextDelayMs() {
    std::uniform_real_distribution<double> jitter(1.0 - kJitter, 1.0 + kJitter);
    const double delay = std::min(baseMs_ * jitter(random_), static_cast<double>(kCapMs));
    baseMs_ = std::min(baseMs_ * kMultiplier, static_cast<double>(kCapMs));
    ++failures_;
    return static_cast<TimeMs>(delay);
}

std::optional<TimeMs> heededRetryAfterMs(std::optional<TimeMs> asked) {
    if (!asked || *asked <= 0 || *asked >= kAbsurdHubRetryAfterMs) return std::nullopt;
    return std::min(*asked, kMaxHubRetryAfterMs);
}

TimeMs RetryBackoff::nextDelayMs(std::optional<TimeMs> hubRetryAfterMs) {
    const TimeMs own = nextDelayMs();
    return std::max(own, heededRetryAfterMs(hubRetryAfterMs).value_or(0));
}

void RetryBackoff::reset() {
    baseMs_ = kInitialMs;
    failures_ = 0;
}

}  // namespace cowork::kiosk
