#include "service/retention_service.hpp"

#include "access/storage_audit_log.hpp"
#include "domain/paris_time.hpp"
#include "service/coordinator_service.hpp"
#include "service/login_service.hpp"  // kSessionIdleMs

namespace cowork::hub {

int visitLinkMonths(HubStorage& storage) { return visitLinkMonthsOr(storage.setting("visit_link_months")); }

RetentionService::RetentionService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

RetentionReport RetentionService::apply() {
    const TimeMs now = clock_();
    RetentionReport report =
        storage_.applyRetention(monthsBefore(now, visitLinkMonths(storage_)), monthsBefore(now, kForgetMembersAfterMonths), now);
    report.auditEntriesDeleted = storage_.deleteAuditBefore(monthsBefore(now, kAuditKeptMonths));
    // A session is deleted when its token comes back too late; one never used
    // again would otherwise stay, with its e-mail, in the database and its backups.
    report.sessionsDeleted = storage_.deleteEndedSessions(now, now - kSessionIdleMs);
    report.animationSessionsDeleted = storage_.deleteAnimationSessionsEndedBefore(monthsBefore(now, kAnimationKeptMonths));
    return report;
}

}  // namespace cowork::hub
