#pragma once
// The kiosk's sync thread: syncs every 30 s, soon after a local change (a short
// debounce gathers a check-in's few events), and after a failure on its own
// backoff timer, never only at the next local write. It opens its own connection
// to the store file, so a slow network never holds a frame, and tells the UI
// when the store changed.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sync/hub_https.hpp"
#include "sync/retry_backoff.hpp"
#include "sync/sync_round.hpp"

namespace cowork::kiosk {

struct SyncWorkerSettings {
    std::string storePath;
    std::chrono::milliseconds interval{30'000};
    std::chrono::milliseconds debounce{1'500};
    HttpsTimeouts timeouts;
    SyncRoundSettings round;
    DeviceClock deviceClock;                 // this device's own clock, uncorrected (see syncWithHub)
    std::function<void()> storeChanged;      // called on the worker thread after every round
    std::string deviceName = "kiosque";      // shown to the coordinator at enrollment
    std::function<void(TimeMs)> clockMeasured;  // the hub's clock minus this device's, after each round that measured it
    std::uint32_t backoffSeed = std::random_device{}();
    // After every round: how long until the next (for tests, which cannot wait minutes to see it).
    std::function<void(std::chrono::milliseconds)> nextRoundIn;
};

class SyncWorker {
public:
    explicit SyncWorker(SyncWorkerSettings settings);
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // Something was recorded here: sync soon.
    void nudge();
    void stop();
    // Rounds finished (successful or not), for tests and the log.
    int roundsDone() const;

private:
    using SteadyTime = std::chrono::steady_clock::time_point;
    void run();
    bool waitUntil(SteadyTime when);  // false when stopping
    std::chrono::milliseconds syncOnce(Store& store);

    SyncWorkerSettings settings_;
    RetryBackoff backoff_;
    std::unique_ptr<HubHttps> hub_;
    std::string hubKey_;  // the URL and pins hub_ was made for
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::atomic<bool> stopFlag_{false};  // read by libcurl's progress callback and between exchanges
    bool nudged_ = false;
    // The hub asked not to hear from this kiosk before then (Retry-After): a nudge does not bring it forward.
    SteadyTime notBefore_{};
    bool hubAskedToWait_ = false;  // by the last round; worker thread only
    int rounds_ = 0;
    std::thread thread_;
};

}  // namespace cowork::kiosk
