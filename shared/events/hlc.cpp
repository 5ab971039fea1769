#include "events/hlc.hpp"

#include <algorithm>

namespace cowork {
namespace {

HlcStamp advance(HlcStamp last, TimeMs candidateWallMs) {
    if (candidateWallMs > last.wallMs()) return HlcStamp::of(candidateWallMs, 0);
    // Counter overflow borrows a millisecond rather than wrapping.
    if (last.counter() == 0xffff) return HlcStamp::of(last.wallMs() + 1, 0);
    return HlcStamp::of(last.wallMs(), static_cast<std::uint16_t>(last.counter() + 1));
}

}  // namespace

HlcStamp HybridLogicalClock::tick(TimeMs physicalNowMs) {
    std::lock_guard lock(mutex_);
    last_ = advance(last_, physicalNowMs);
    return last_;
}

HlcStamp HybridLogicalClock::observe(HlcStamp received, TimeMs physicalNowMs) {
    std::lock_guard lock(mutex_);
    last_ = advance(std::max(last_, received), physicalNowMs);
    return last_;
}

void HybridLogicalClock::restore(HlcStamp saved) {
    std::lock_guard lock(mutex_);
    last_ = std::max(last_, saved);
}

void HybridLogicalClock::limitTo(HlcStamp ceiling) {
    std::lock_guard lock(mutex_);
    last_ = std::min(last_, ceiling);
}

HlcStamp HybridLogicalClock::last() const {
    std::lock_guard lock(mutex_);
    return last_;
}

}  // namespace cowork
