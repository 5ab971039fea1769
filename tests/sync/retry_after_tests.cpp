// The kiosk heeds the hub's Retry-After: after a 429 its next attempt waits as
// long as it was told (within reason), a local change does not bring it
// forward, and being paced is not shown as a sync failure.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "sync/retry_backoff.hpp"
#include "sync/sync_worker.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;
using namespace std::chrono_literals;

namespace {

// One sync, then nothing for two minutes: what a hub says to a kiosk that
// synced twice in a row (Retry-After: 120).
void oneSyncEveryTwoMinutes(hub::ServerOptions& options) { options.syncLimit = hub::SyncRateLimit{1, 120'000}; }

// Holds the hub's clock at one instant while it lives, so that the hub's
// Retry-After does not depend on this machine's pace.
class FrozenHubClock {
public:
    explicit FrozenHubClock(RunningHub& hub) : hub_(hub), thread_([this] {
        while (!stop_) {
            hub_.clockShiftMs = at_ - systemNowMs();
            std::this_thread::sleep_for(1ms);
        }
    }) {}
    ~FrozenHubClock() {
        stop_ = true;
        thread_.join();
    }

private:
    RunningHub& hub_;
    const TimeMs at_ = systemNowMs();
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

int countIn(const std::string& text, const std::string& line) {
    const auto at = text.find(line);
    if (at == std::string::npos) return 0;
    return std::stoi(text.substr(at + line.size()));
}

}  // namespace

TEST_CASE("a hub's Retry-After is heeded up to 15 minutes, and an absurd one ignored", "[sync][backoff][retryafter]") {
    CHECK(kiosk::heededRetryAfterMs(120'000) == 120'000);
    CHECK(kiosk::heededRetryAfterMs(3 * kHourMs) == 15 * kMinuteMs);
    CHECK_FALSE(kiosk::heededRetryAfterMs(std::nullopt));
    CHECK_FALSE(kiosk::heededRetryAfterMs(0));
    CHECK_FALSE(kiosk::heededRetryAfterMs(-5'000));
    CHECK_FALSE(kiosk::heededRetryAfterMs(10 * 365 * kDayMs));
    // After a failure, never sooner than the hub asked, nor sooner than the backoff says.
    kiosk::RetryBackoff backoff(7);
    CHECK(backoff.nextDelayMs(120'000) == 120'000);
    CHECK(backoff.nextDelayMs(10 * 365 * kDayMs) <= 1'921);  // the second failure's 1.6 s, +20 %
    for (int i = 0; i < 30; ++i) backoff.nextDelayMs();
    CHECK(backoff.nextDelayMs(std::optional<TimeMs>(1'000)) >= 4 * kMinuteMs);
}

TEST_CASE("after a 429 with Retry-After: 120, the kiosk's next attempt is 120 s away, nudged or not",
          "[sync][worker][retryafter]") {
    RunningHub hub({}, oneSyncEveryTwoMinutes);
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    FrozenHubClock frozen(hub);

    // A round on its own: paced, not failed, and told how long.
    REQUIRE(kiosk.sync().ok());
    kiosk.checkIn();
    const kiosk::SyncRoundResult paced = kiosk.sync();
    CHECK(paced.ok());
    CHECK(paced.throttled);
    CHECK(paced.retryAfterMs == 120'000);
    CHECK(paced.detail.find("trop de synchronisations") != std::string::npos);

    // The worker: its planned waits, as it plans them.
    std::mutex mutex;
    std::vector<std::chrono::milliseconds> waits;
    kiosk::SyncWorkerSettings settings;
    settings.storePath = kiosk.path();
    settings.interval = 30s;
    settings.debounce = 100ms;
    settings.timeouts = testTimeouts();
    settings.round.bootId = kiosk.bootId;
    settings.deviceClock = [] { return systemNowMs(); };
    settings.backoffSeed = 3;
    settings.nextRoundIn = [&](std::chrono::milliseconds wait) {
        std::lock_guard lock(mutex);
        waits.push_back(wait);
    };
    kiosk::SyncWorker worker(settings);
    REQUIRE(eventually([&] { return worker.roundsDone() >= 1; }, 10s));
    {
        std::lock_guard lock(mutex);
        REQUIRE(waits.size() == 1);
        CHECK(waits.front() >= 120s);
        CHECK(waits.front() < 121s);
    }
    const std::string before = hub.get("/metrics").body;
    // A check-in at the counter: the worker is nudged, and still waits.
    kiosk.checkIn();
    worker.nudge();
    std::this_thread::sleep_for(2s);
    CHECK(worker.roundsDone() == 1);
    const std::string after = hub.get("/metrics").body;
    const std::string refusals = "cowork_hub_requests_total{route=\"/api/v1/sync\",status=\"429\"} ";
    CHECK(countIn(after, refusals) == countIn(before, refusals));
    CHECK(countIn(after, refusals) == 2);  // the round's, then the worker's first: no other
    CHECK(hub.count("SELECT count(*) FROM visits") == 0);
    // Not shown to the shopkeeper as a failure: nothing is wrong, nothing is lost.
    CHECK(loadSyncHealth(kiosk.store()).lastError.empty());
    worker.stop();
}
