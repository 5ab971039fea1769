#include "service/retention_service.hpp"

#include "domain/paris_time.hpp"
#include "service/coordinator_service.hpp"

namespace cowork::hub {

TimeMs monthsBefore(TimeMs now, int months) {
    const LocalDateTime local = toParisLocal(now);
    return parisLocalToUtc(addMonths(local.date, -months), local.minuteOfDay);
}

RetentionService::RetentionService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

RetentionReport RetentionService::apply() {
    const TimeMs now = clock_();
    const auto setting = storage_.setting("visit_link_months");
    const int linkMonths = setting ? std::stoi(*setting) : kDefaultVisitLinkMonths;
    return storage_.applyRetention(monthsBefore(now, linkMonths), monthsBefore(now, kForgetMembersAfterMonths), now);
}

}  // namespace cowork::hub
