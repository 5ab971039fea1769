#include "support/log_throttle.hpp"

namespace cowork::hub {

LogThrottle::LogThrottle(int linesPerWindow, TimeMs windowMs) : linesPerWindow_(linesPerWindow), windowMs_(windowMs) {}

std::optional<std::int64_t> LogThrottle::admit(const std::string& key, TimeMs now) {
    std::lock_guard lock(mutex_);
    const auto [it, first] = windows_.try_emplace(key, Window{now, 0, 0});
    Window& window = it->second;
    // A clock set back starts a new window rather than holding lines until it catches up.
    if (now < window.start || now - window.start >= windowMs_) {
        window.start = now;
        window.written = 0;
    }
    if (window.written >= linesPerWindow_) {
        ++window.heldBack;
        return std::nullopt;
    }
    ++window.written;
    const std::int64_t heldBack = window.heldBack;
    window.heldBack = 0;
    return heldBack;
}

}  // namespace cowork::hub
