#pragma once
// The kiosk's link to its hub, as the app starts it: the enrollment given on the
// command line or in a provisioning file, the clock corrected by the hub's, and
// the sync worker that wakes the screen when the store changed.
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "app/clock.hpp"
#include "store/store.hpp"
#include "sync/enrollment.hpp"
#include "sync/sync_worker.hpp"

namespace cowork::kiosk {

// `cowork-kiosk --enroll URL CODE [--pin …] [--shopkeeper-pin-stdin]`: enrolls
// and returns the exit code, after printing what happened in words. With
// `askShopkeeperPin` the shop's PIN is read from standard input (typed twice,
// unseen, on a terminal) and checked before the code is spent.
int enrollFromCommandLine(Store& store, PendingEnrollment pending, bool askShopkeeperPin);

class HubLink {
public:
    // `deviceClock` is this device's own clock, as the system keeps it (tests give
    // one that is wrong, as a Pi's can be).
    HubLink(Store& store, const std::string& storePath, const std::string& dataDir, Clock deviceClock = systemClock());
    // The kiosk's clock: this device's, corrected by the hub's once a sync measured it.
    Clock clock() const;
    // Starts syncing; `wake` is called on the worker thread when the store changed.
    void start(std::function<void()> wake);
    void nudge();
    void stop();

private:
    std::string storePath_;
    std::string bootId_;
    Clock deviceClock_;
    std::shared_ptr<std::atomic<TimeMs>> offset_;
    std::unique_ptr<SyncWorker> worker_;
};

// Stops the link's worker when it goes out of scope.
class StopsOnExit {
public:
    explicit StopsOnExit(HubLink& link) : link_(link) {}
    ~StopsOnExit() { link_.stop(); }
    StopsOnExit(const StopsOnExit&) = delete;
    StopsOnExit& operator=(const StopsOnExit&) = delete;

private:
    HubLink& link_;
};

}  // namespace cowork::kiosk
