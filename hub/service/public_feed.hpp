#pragma once
// The public feed answered from memory: one snapshot of its files
// (public_snapshot.hpp), rebuilt
//   - after a change (markChanged: a kiosk's sync, a coordinator's edit), at most
//     once a second however many changes come;
//   - when a site opens or closes by its hours;
//   - at the latest every ttl seconds (a change made by another process, such as
//     `import-network`, shows then).
// A rebuild reads the hub's state once; every other request only copies a
// pointer. Requests arriving during a rebuild get the previous snapshot.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "service/public_snapshot.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

using PublicStateLoader = std::function<PublicState(TimeMs now)>;

// The hub's state for the feed: its sites, their places, availability and the
// network file's public share. A few queries, made only by a rebuild.
PublicState readPublicState(HubStorage& storage, TimeMs now);

class PublicFeed {
public:
    PublicFeed(PublicStateLoader load, std::function<TimeMs()> clock);

    // The current snapshot, rebuilt first if it is stale. Throws only when there
    // is none yet and the state cannot be read.
    std::shared_ptr<const PublicSnapshot> current();
    // The hub's state may have changed.
    void markChanged() { changed_.store(true, std::memory_order_relaxed); }

    static constexpr TimeMs kMinRebuildIntervalMs = 1000;

private:
    bool stale(const PublicSnapshot& snapshot, TimeMs now) const;
    std::shared_ptr<const PublicSnapshot> snapshot() const;

    PublicStateLoader load_;
    std::function<TimeMs()> clock_;
    mutable std::mutex snapshotMutex_;  // guards the pointer only, never held while building
    std::shared_ptr<const PublicSnapshot> snapshot_;
    std::mutex rebuildMutex_;           // one rebuild at a time
    std::atomic<bool> changed_{false};
};

}  // namespace cowork::hub
