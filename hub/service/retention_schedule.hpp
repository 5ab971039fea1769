#pragma once
#include "service/retention_service.hpp"
#include "support/periodic_thread.hpp"

namespace cowork::hub {

// Applies the personal-data rules when the hub starts, then every 6 hours, on a
// thread of its own; stops promptly when destroyed.
class RetentionSchedule {
public:
    static constexpr std::chrono::hours kInterval{6};

    RetentionSchedule(HubStorage& storage, Clock clock);

private:
    void applyAndLog();

    RetentionService service_;
    PeriodicThread thread_;  // after service_, which it uses
};

}  // namespace cowork::hub
