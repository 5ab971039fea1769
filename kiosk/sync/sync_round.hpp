#pragma once
// One sync with the hub, as many exchanges as it takes: push the oldest queued
// events, take in the answer, and go on while the hub has more or events wait.
// An event the hub refuses by name is set aside and the rest goes on; a batch too
// large for the hub is halved.
#include <atomic>
#include <string>

#include "store/store.hpp"
#include "sync/hub_https.hpp"
#include "sync/kiosk_sync_store.hpp"

namespace cowork::kiosk {

constexpr std::size_t kDefaultBatch = 200;  // a busy day at a mini-cowork
constexpr int kMaxExchangesPerRound = 50;   // then the next round goes on

struct SyncRoundSettings {
    std::size_t batchLimit = kDefaultBatch;
    std::string appVersion = "0.1.0";
    std::string bootId;
    const std::atomic<bool>* stopping = nullptr;  // checked between exchanges
};

struct SyncRoundResult {
    SyncProblem problem = SyncProblem::None;
    std::string detail;  // the hub's or libcurl's words, for the log
    int exchanges = 0;
    std::size_t acked = 0;
    std::size_t received = 0;
    std::size_t setAside = 0;
    std::size_t codesReplaced = 0;  // members given a new code: theirs was taken elsewhere
    std::size_t requeued = 0;
    bool epochChanged = false;
    bool unfinished = false;  // stopped, or the round's exchanges ran out with more to do
    // The hub said 429 (this kiosk synced too often): not a fault, nothing is
    // lost; the next round waits as it asked (retryAfterMs).
    bool throttled = false;
    std::optional<TimeMs> retryAfterMs;  // the last answer's Retry-After, if it had one
    bool ok() const { return problem == SyncProblem::None; }
};

// This device's own clock, as its system keeps it: never corrected by the hub's
// offset, which the round adds itself.
using DeviceClock = std::function<TimeMs()>;

// The kiosk's clock: the device's plus the hub's offset measured this boot, as
// the store holds it now.
TimeMs kioskClock(Store& store, const DeviceClock& deviceClock, const std::string& bootId);

// Each exchange dates what it writes by the kiosk's clock read from the store at
// that moment, so that an offset measured by one page dates the rest of the round.
SyncRoundResult syncWithHub(Store& store, HubHttps& hub, const HubEnrollment& enrollment, const DeviceClock& deviceClock,
                            const SyncRoundSettings& settings);

}  // namespace cowork::kiosk
