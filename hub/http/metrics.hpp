#pragma once
// Counters for /metrics, in Prometheus text format.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace cowork::hub {

class Metrics {
public:
    void countRequest(const std::string& route, int status);
    void observeSyncSeconds(double seconds);
    void countSyncRateLimited();
    std::string prometheusText(int devicesSeenLast15Minutes, std::int64_t eventsStored) const;

private:
    static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::array<std::uint64_t, kBuckets.size()> bucketCounts_{};
    std::uint64_t syncCount_ = 0;
    double syncSecondsSum_ = 0;
    std::uint64_t syncRateLimited_ = 0;
};

}  // namespace cowork::hub
