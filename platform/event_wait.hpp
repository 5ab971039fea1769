#pragma once
// Waiting for the next SDL event without burning the CPU. SDL 2.26's
// SDL_WaitEventTimeout truly sleeps only on drivers that can wait (x11,
// wayland); on kmsdrm and dummy it polls every millisecond (~1,000 wake-ups a
// second). There we poll ourselves in larger steps: idle, a first tap waits at
// most one step (100 ms); for a few seconds after any event the steps are short
// (10 ms), so typing on the keyboard stays as quick as on a desktop.
#include <SDL.h>

#include <string>

namespace cowork::platform {

bool videoDriverCanWait(const std::string& driverName);

class EventWaiter {
public:
    EventWaiter(bool driverCanWait, int idleStepMs = 100, int activeStepMs = 10, int activeForMs = 5000);
    // True with an event in `event`; false when `timeoutMs` passed without one.
    bool wait(SDL_Event& event, int timeoutMs);
    bool sleepsInSdl() const { return canWait_; }
    // How many times this waiter looked for events (SDL_PollEvent or
    // SDL_WaitEventTimeout calls): the idle cost, for tests and benchmarks.
    long long looks() const { return looks_; }

private:
    int stepMs() const;

    bool canWait_;
    int idleStepMs_;
    int activeStepMs_;
    int activeForMs_;
    bool sawEvent_ = false;
    Uint64 lastEventAt_ = 0;  // SDL ticks, which start at 0 with SDL itself
    long long looks_ = 0;
};

}  // namespace cowork::platform
