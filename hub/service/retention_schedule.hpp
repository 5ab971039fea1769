#pragma once
#include <atomic>

#include "service/retention_service.hpp"
#include "support/periodic_thread.hpp"

namespace cowork::hub {

// Applies the personal-data rules when the hub starts, then every 6 hours, on a
// thread of its own, then fills the figures' copy of the log again; stops
// promptly when destroyed.
class RetentionSchedule {
public:
    static constexpr std::chrono::hours kInterval{6};
    static constexpr std::int64_t kFillStep = 10000;  // log events read per hold of the storage's lock

    RetentionSchedule(HubStorage& storage, Clock clock);
    ~RetentionSchedule();
    RetentionSchedule(const RetentionSchedule&) = delete;
    RetentionSchedule& operator=(const RetentionSchedule&) = delete;

private:
    void applyAndLog();
    void fillFiguresCopy();

    HubStorage& storage_;
    std::atomic<bool> stopping_{false};  // set before thread_ is joined: the fill stops between steps
    RetentionService service_;
    PeriodicThread thread_;  // after service_, which it uses
};

}  // namespace cowork::hub
