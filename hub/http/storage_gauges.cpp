#include "http/storage_gauges.hpp"

namespace cowork::hub {

StorageGauges::StorageGauges(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

StorageGauges::Values StorageGauges::current() {
    std::lock_guard lock(mutex_);
    const TimeMs now = clock_();
    const TimeMs age = now - readAt_;
    // A clock set back reads again rather than keeping figures from its future.
    if (readAt_ < 0 || age < 0 || age >= kStorageGaugesMaxAgeMs) {
        values_ = {storage_.devicesSeenSince(now - 15 * kMinuteMs), storage_.eventCount()};
        readAt_ = now;
    }
    return values_;
}

}  // namespace cowork::hub
