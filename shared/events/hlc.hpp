#pragma once
// Hybrid logical clock (Kulkarni et al. 2014): a stamp that follows physical time
// when clocks are sane and still orders causally related events when they are not
// (a Raspberry Pi without a battery boots in 1970 or an hour behind). A stamp is
// packed in 64 bits: wall milliseconds << 16 | a 16-bit counter, so stamps
// compare as integers.
//
// A clock ahead is another matter: followed blindly, one kiosk whose clock reads
// next year would carry the whole network a year ahead. The hub's own time is the
// reference. A stamp more than kMaxClockDriftMs past it is taken for a clock
// fault, not for causality: the hub puts kiosks' stamps on its own clock before
// it logs them, its clock never goes past its time by more than the bound, and a
// kiosk's clock is taken back within the bound of the hub's time at each sync
// (limitTo). What that costs, and only to the kiosk whose clock was ahead: in
// its own log, the events it stamped while ahead keep their stamps, so a later
// local change may sort before them (on the hub, they were re-dated and sort
// right).
#include <cstdint>
#include <mutex>

#include "domain/time.hpp"

namespace cowork {

// How far past the reference time (the hub's) a clock may run: a few minutes,
// more than any honest difference between clocks a sync just compared.
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

// The latest stamp a clock may hold while the reference time reads `referenceNowMs`.
// (Counter 0: the next tick after it stays within the bound's millisecond.)
inline HlcStamp driftCeiling(TimeMs referenceNowMs) { return HlcStamp::of(referenceNowMs + kMaxClockDriftMs, 0); }

class HybridLogicalClock {
public:
    explicit HybridLogicalClock(HlcStamp last = {}) : last_(last) {}

    // A stamp for a local event, later than every stamp seen so far.
    HlcStamp tick(TimeMs physicalNowMs);
    // Takes in a stamp received from elsewhere so later local stamps follow it.
    HlcStamp observe(HlcStamp received, TimeMs physicalNowMs);
    HlcStamp last() const;
    // Takes the last stamp saved by a store: the store's copy is the truth, as
    // another connection to it may have moved it either way.
    void restore(HlcStamp saved);
    // Takes the clock back to `ceiling` if it ran past it.
    void limitTo(HlcStamp ceiling);

private:
    mutable std::mutex mutex_;
    HlcStamp last_;
};

}  // namespace cowork
