#pragma once
// The simulated kiosks: what each needs to sync like a real one (token, site,
// places, cursor, its own clock and open visits), the file that carries them
// from `prepare` to the load run, and the sync bodies they send.
#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "events/hlc.hpp"
#include "sync/protocol.hpp"
#include "sync_reply_head.hpp"

namespace cowork::bench {

// Weights of batches of 0, 1, 2 and 3 check-in/out events.
using EventMix = std::array<double, 4>;

struct SimKiosk {
    std::string token;
    std::string deviceId;
    std::string siteId;
    std::vector<std::string> places;
    std::int64_t cursor = 0;
    std::string epoch;
    std::vector<std::string> openVisits;  // visits this kiosk started and the hub acked
    HybridLogicalClock clock;
    std::mt19937 random;
    std::mutex busy;  // a kiosk never sends two syncs at once
};

// What one sync carries, and the visits it opens and closes once acknowledged.
struct SyncBatch {
    std::string body;
    std::vector<std::string> started;
    std::vector<std::string> ended;
    std::size_t eventCount = 0;
};

struct Fleet {
    std::deque<SimKiosk> kiosks;  // SimKiosk holds mutexes: never moved
};

// Enrolls `count` kiosks straight through the hub's storage (the hub is not
// running yet), spread over the sites that have places, and writes them to `out`.
void prepareFleet(const std::string& dataDir, int count, const std::string& out);
void loadFleet(const std::string& path, Fleet& fleet);

SyncBatch makeBatch(SimKiosk& kiosk, const EventMix& mix);
// Applies what the hub answered: cursor, epoch, acknowledged visits.
void acceptReply(SimKiosk& kiosk, const SyncBatch& batch, const SyncReplyHead& reply);

}  // namespace cowork::bench
