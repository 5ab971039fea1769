#pragma once
// The kiosk reads the time through this, so tests can set it (closing time,
// inactivity, PIN lockouts) without waiting. Two clocks: the wall clock, which
// the hub's offset corrects (dates shown and stored, opening hours), and a
// monotonic one for how long something lasts on screen, which no correction,
// NTP step or 1970 boot moves.
#include <chrono>
#include <functional>

#include "domain/time.hpp"

namespace cowork::kiosk {

using Clock = std::function<TimeMs()>;

inline Clock systemClock() { return [] { return systemNowMs(); }; }

// Milliseconds from an arbitrary origin, only ever moving forward at real pace.
inline Clock monotonicClock() {
    return [] {
        const auto since = std::chrono::steady_clock::now().time_since_epoch();
        return static_cast<TimeMs>(std::chrono::duration_cast<std::chrono::milliseconds>(since).count());
    };
}

// A clock a test moves by hand.
class ManualClock {
public:
    explicit ManualClock(TimeMs start) : now_(start) {}
    TimeMs now() const { return now_; }
    void advance(TimeMs ms) { now_ += ms; }
    void set(TimeMs ms) { now_ = ms; }
    Clock clock() {
        return [this] { return now_; };
    }

private:
    TimeMs now_;
};

}  // namespace cowork::kiosk
