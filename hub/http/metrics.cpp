#include "http/metrics.hpp"

#include <sstream>

namespace cowork::hub {

void Metrics::countRequest(const std::string& route, int status) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
}

void Metrics::observeSyncSeconds(double seconds) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++bucketCounts_[i];
    }
    ++syncCount_;
    syncSecondsSum_ += seconds;
}

void Metrics::countSyncRateLimited() {
    std::lock_guard lock(mutex_);
    ++syncRateLimited_;
}

std::string Metrics::prometheusText(int devicesSeenLast15Minutes, std::int64_t eventsStored) const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP cowork_hub_requests_total HTTP requests by route and status.\n"
        << "# TYPE cowork_hub_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        out << "cowork_hub_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count << "\n";
    }
    out << "# HELP cowork_hub_sync_duration_seconds Time to handle one kiosk sync.\n"
        << "# TYPE cowork_hub_sync_duration_seconds histogram\n";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out << "cowork_hub_sync_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << bucketCounts_[i] << "\n";
    }
    out << "cowork_hub_sync_duration_seconds_bucket{le=\"+Inf\"} " << syncCount_ << "\n"
        << "cowork_hub_sync_duration_seconds_sum " << syncSecondsSum_ << "\n"
        << "cowork_hub_sync_duration_seconds_count " << syncCount_ << "\n"
        << "# HELP cowork_hub_sync_rate_limited_total Syncs refused (429) because their kiosk synced too often.\n"
        << "# TYPE cowork_hub_sync_rate_limited_total counter\n"
        << "cowork_hub_sync_rate_limited_total " << syncRateLimited_ << "\n"
        << "# HELP cowork_hub_devices_seen_15m Kiosks that synced in the last 15 minutes.\n"
        << "# TYPE cowork_hub_devices_seen_15m gauge\n"
        << "cowork_hub_devices_seen_15m " << devicesSeenLast15Minutes << "\n"
        << "# HELP cowork_hub_events_stored Events in the hub's log.\n"
        << "# TYPE cowork_hub_events_stored gauge\n"
        << "cowork_hub_events_stored " << eventsStored << "\n";
    return out.str();
}

}  // namespace cowork::hub
