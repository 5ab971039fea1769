#pragma once
// Hybrid logical clock (Kulkarni et al. 2014): a stamp that follows physical time
// when clocks are sane and still orders causally related events when they are not
// (a Raspberry Pi without a battery boots in 1970 or an hour behind). A stamp is
// packed in 64 bits: wall milliseconds << 16 | a 16-bit counter, so stamps
// compare as integers.
#include <cstdint>
#include <mutex>

#include "domain/time.hpp"

namespace cowork {

// How far past the reference time (the hub's) a clock may run.
constexpr TimeMs kMaxClockDriftMs = 5 * kMinuteMs;

struct HlcStamp {
    std::int64_t packed = 0;

    static HlcStamp of(TimeMs wallMs, std::uint16_t counter) {
        return {static_cast<std::int64_t>((static_cast<std::uint64_t>(wallMs) << 16) | counter)};
    }
    TimeMs wallMs() const { return packed >> 16; }
    std::uint16_t counter() const { return static_cast<std::uint16_t>(packed & 0xffff); }
    auto operator<=>(const HlcStamp&) const = default;
};

class HybridLogicalClock {
public:
    explicit HybridLogicalClock(HlcStamp last = {}) : last_(last) {}

    // A stamp for a local event, later than every stamp seen so far.
    HlcStamp tick(TimeMs physicalNowMs);
    // Takes in a stamp received from elsewhere so later local stamps follow it.
    HlcStamp observe(HlcStamp received, TimeMs physicalNowMs);
    HlcStamp last() const;
    // Restores the last stamp saved by a store, so stamps survive restarts.
    void restore(HlcStamp saved);

private:
    mutable std::mutex mutex_;
    HlcStamp last_;
};

}  // namespace cowork
