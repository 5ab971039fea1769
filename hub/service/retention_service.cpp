#include "service/retention_service.hpp"

#include "domain/paris_time.hpp"
#include "service/coordinator_service.hpp"

namespace cowork::hub {

int visitLinkMonths(HubStorage& storage) { return visitLinkMonthsOr(storage.setting("visit_link_months")); }

RetentionService::RetentionService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

RetentionReport RetentionService::apply() {
    const TimeMs now = clock_();
    return storage_.applyRetention(monthsBefore(now, visitLinkMonths(storage_)), monthsBefore(now, kForgetMembersAfterMonths), now);
}

}  // namespace cowork::hub
