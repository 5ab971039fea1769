#pragma once
// A token bucket per kiosk on POST /api/v1/sync, so that one kiosk stuck in a
// loop (a bug, a restart loop, a copied token) cannot take the hub's workers
// from the others.
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/time.hpp"

namespace cowork::hub {

// A kiosk syncs every 30 s, and at once again while the hub says "more" (a
// page of changes each) or its own queue holds more than a batch. Ten requests
// at once let a kiosk back from a few days offline catch up (ten batches of 200
// events, or ten pages) without waiting; then one every 2 s is still fifteen
// times a normal kiosk's pace, and holds a runaway kiosk to 0.5 syncs/s where
// the hub serves hundreds.
constexpr int kSyncBurst = 10;
constexpr TimeMs kSyncRefillMs = 2'000;

struct SyncRateLimit {
    int burst = kSyncBurst;             // requests allowed at once
    TimeMs refillMs = kSyncRefillMs;    // then one more every refillMs
};

class SyncRateLimiter {
public:
    explicit SyncRateLimiter(SyncRateLimit limit) : limit_(limit) {}

    // Takes one request from the device's bucket: 0 when it may go, else how
    // long until it may (the bucket is left untouched then).
    TimeMs take(const std::string& deviceId, TimeMs now);

private:
    struct Bucket {
        double tokens;
        TimeMs at;
    };
    SyncRateLimit limit_;
    std::mutex mutex_;
    // One entry per enrolled kiosk that synced since the start: bounded by the
    // network's size (only authenticated devices reach it).
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace cowork::hub
