#include "platform/event_wait.hpp"

#include <algorithm>

namespace cowork::platform {

bool videoDriverCanWait(const std::string& driverName) {
    return driverName == "x11" || driverName == "wayland" || driverName == "windows" || driverName == "cocoa";
}

EventWaiter::EventWaiter(bool driverCanWait, int idleStepMs, int activeStepMs, int activeForMs)
    : canWait_(driverCanWait), idleStepMs_(idleStepMs), activeStepMs_(activeStepMs), activeForMs_(activeForMs) {}

int EventWaiter::stepMs() const {
    const bool active = sawEvent_ && SDL_GetTicks64() - lastEventAt_ < static_cast<Uint64>(activeForMs_);
    return active ? activeStepMs_ : idleStepMs_;
}

bool EventWaiter::wait(SDL_Event& event, int timeoutMs) {
    ++looks_;
    if (timeoutMs <= 0) return SDL_PollEvent(&event) == 1;
    if (canWait_) return SDL_WaitEventTimeout(&event, timeoutMs) == 1;
    const Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(timeoutMs);
    while (true) {
        if (SDL_PollEvent(&event) == 1) {
            sawEvent_ = true;
            lastEventAt_ = SDL_GetTicks64();
            return true;
        }
        ++looks_;
        const Uint64 now = SDL_GetTicks64();
        if (now >= deadline) return false;
        SDL_Delay(static_cast<Uint32>(std::min<Uint64>(static_cast<Uint64>(stepMs()), deadline - now)));
    }
}

}  // namespace cowork::platform
