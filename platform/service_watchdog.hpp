#pragma once
// systemd's service manager, when the kiosk runs as a unit with Type=notify and
// WatchdogSec=: READY=1 once the first frame is shown, then WATCHDOG=1 from the
// event loop, so that a loop frozen (a deadlock, a driver stuck) gets the
// kiosk killed and restarted (Restart=always). Outside systemd (development,
// tests without NOTIFY_SOCKET) every call does nothing.
#include <cstdint>

namespace cowork::platform {

class ServiceWatchdog {
public:
    ServiceWatchdog();  // reads WATCHDOG_USEC / WATCHDOG_PID as sd_watchdog_enabled does

    void ready() const;
    // Called at every turn of the loop: pings at most every half period, which
    // is the longest the loop may then sleep. Real time (steady clock), never
    // the app's clock, which tests drive by hand.
    void alive();
    // How long the loop may wait before the next ping is due; -1 without a watchdog.
    int msUntilDue() const;
    bool enabled() const { return periodMs_ > 0; }
    long long pings() const { return pings_; }

private:
    std::int64_t periodMs_ = 0;  // half of WatchdogSec
    std::int64_t lastPingMs_ = -1;
    long long pings_ = 0;
};

}  // namespace cowork::platform
