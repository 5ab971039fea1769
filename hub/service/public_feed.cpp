#include "service/public_feed.hpp"

#include <spdlog/spdlog.h>

namespace cowork::hub {

PublicState readPublicState(HubStorage& storage, TimeMs now) {
    PublicState state;
    state.sites = storage.sites();
    for (const Site& site : state.sites) state.placeCounts[site.id] = static_cast<int>(storage.places(site.id).size());
    state.availability = storage.availability(now);
    state.network = decodePublicNetwork(storage.setting(kPublicNetworkSetting));
    return state;
}

PublicFeed::PublicFeed(PublicStateLoader load, std::function<TimeMs()> clock)
    : load_(std::move(load)), clock_(std::move(clock)) {}

bool PublicFeed::stale(const PublicSnapshot& snapshot, TimeMs now) const {
    if (now < snapshot.builtAt || now >= snapshot.validUntil) return true;  // a clock set back, or time's up
    return changed_.load(std::memory_order_relaxed) && now - snapshot.builtAt >= kMinRebuildIntervalMs;
}

std::shared_ptr<const PublicSnapshot> PublicFeed::snapshot() const {
    std::lock_guard lock(snapshotMutex_);
    return snapshot_;
}

std::shared_ptr<const PublicSnapshot> PublicFeed::current() {
    std::shared_ptr<const PublicSnapshot> kept = snapshot();
    if (kept && !stale(*kept, clock_())) return kept;
    std::unique_lock rebuilding(rebuildMutex_, std::try_to_lock);
    if (!rebuilding.owns_lock()) {
        if (kept) return kept;  // another request is rebuilding: this one takes the previous files
        rebuilding.lock();      // the very first build: wait for it
        kept = snapshot();
        if (kept && !stale(*kept, clock_())) return kept;
    }
    const TimeMs now = clock_();
    // Cleared before reading: a change made during the read marks it again.
    changed_.store(false, std::memory_order_relaxed);
    try {
        auto fresh = buildPublicSnapshot(load_(now), now, kept.get());
        std::lock_guard lock(snapshotMutex_);
        snapshot_ = fresh;
        return fresh;
    } catch (const std::exception& e) {
        if (!kept) throw;
        spdlog::error("event=public_feed_rebuild_failed error=\"{}\"", e.what());
        return kept;  // stale figures, still dated by their last_reported, rather than none
    }
}

}  // namespace cowork::hub
