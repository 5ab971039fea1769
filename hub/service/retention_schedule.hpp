#pragma once
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/retention_service.hpp"

namespace cowork::hub {

// Applies the personal-data rules when the hub starts, then every 6 hours, on a
// thread of its own; stops promptly when destroyed.
class RetentionSchedule {
public:
    static constexpr std::chrono::hours kInterval{6};

    RetentionSchedule(HubStorage& storage, Clock clock);
    ~RetentionSchedule();
    RetentionSchedule(const RetentionSchedule&) = delete;
    RetentionSchedule& operator=(const RetentionSchedule&) = delete;

private:
    void run();

    RetentionService service_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cowork::hub
