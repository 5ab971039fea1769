#pragma once
// How long to wait before trying the hub again after a failure: from 1 s, ×1.6
// each time, ±20 % jitter so that a village's kiosks do not all come back at
// once after an outage, capped at 5 minutes (gRPC's connection backoff).
#include <cstdint>
#include <optional>
#include <random>

#include "domain/time.hpp"

namespace cowork::kiosk {

// The wait a hub's Retry-After asks for, as heeded: longer than 15 minutes is
// taken as 15 (a kiosk left out of sync for hours would show stale occupancy,
// and a misconfigured proxy must not silence it), and a year or more is not a
// delay anyone meant: ignored, the backoff decides.
constexpr TimeMs kMaxHubRetryAfterMs = 15 * kMinuteMs;
constexpr TimeMs kAbsurdHubRetryAfterMs = 365 * 24 * kHourMs;
std::optional<TimeMs> heededRetryAfterMs(std::optional<TimeMs> asked);

class RetryBackoff {
public:
    explicit RetryBackoff(std::uint32_t seed = std::random_device{}());
    TimeMs nextDelayMs();  // after one more failure
    // After one more failure whose answer said Retry-After: never sooner than it.
    TimeMs nextDelayMs(std::optional<TimeMs> hubRetryAfterMs);
    void reset();          // after a success
    int failures() const { return failures_; }

    static constexpr TimeMs kInitialMs = 1'000;
    static constexpr double kMultiplier = 1.6;
    static constexpr double kJitter = 0.2;
    static constexpr TimeMs kCapMs = 5 * kMinuteMs;

private:
    double baseMs_ = kInitialMs;
    int failures_ = 0;
    std::mt19937 random_;
};

}  // namespace cowork::kiosk
