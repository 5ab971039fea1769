#pragma once
#include <cstdint>
#include <string>

namespace cowork::bench {

// The fields of a sync's answer the next sync needs, read without building the
// document: the load shares the hub's two cores, and decoding every answer
// whole (events, availability) took a quarter of its time.
struct SyncReplyHead {
    std::int64_t cursor = 0;
    std::string epoch;
    bool more = false;
};

// Throws std::runtime_error when the body is not JSON or lacks cursor or epoch.
SyncReplyHead readSyncReplyHead(const std::string& body);

}  // namespace cowork::bench
