#pragma once
// The kiosk reads the time through this, so tests can set it (closing time,
// inactivity, PIN lockouts) without waiting.
#include <functional>

#include "domain/time.hpp"

namespace cowork::kiosk {

using Clock = std::function<TimeMs()>;

inline Clock systemClock() { return [] { return systemNowMs(); }; }

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
