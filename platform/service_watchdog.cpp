#include "platform/service_watchdog.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <chrono>

namespace cowork::platform {
namespace {

std::int64_t steadyNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

ServiceWatchdog::ServiceWatchdog() {
    std::uint64_t usec = 0;
    // 0 keeps WATCHDOG_USEC in the environment: a child process is not ours to ping for.
    if (sd_watchdog_enabled(0, &usec) > 0) periodMs_ = std::max<std::int64_t>(static_cast<std::int64_t>(usec / 2000), 1);
}

void ServiceWatchdog::ready() const { sd_notify(0, "READY=1\nSTATUS=première image affichée"); }

void ServiceWatchdog::alive() {
    const std::int64_t nowMs = steadyNowMs();
    if (!enabled() || (lastPingMs_ >= 0 && nowMs - lastPingMs_ < periodMs_)) return;
    sd_notify(0, "WATCHDOG=1");
    lastPingMs_ = nowMs;
    ++pings_;
}

int ServiceWatchdog::msUntilDue() const {
    if (!enabled()) return -1;
    if (lastPingMs_ < 0) return 0;
    return static_cast<int>(std::max<std::int64_t>(lastPingMs_ + periodMs_ - steadyNowMs(), 0));
}

}  // namespace cowork::platform
