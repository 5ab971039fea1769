#include "service/retention_service.hpp"

#include "access/storage_audit_log.hpp"
#include "domain/paris_time.hpp"
#include "service/coordinator_service.hpp"
#include "service/figures_service.hpp"
#include "service/login_service.hpp"  // kSessionIdleMs

namespace cowork::hub {

int visitLinkMonths(HubStorage& storage) { return visitLinkMonthsOr(storage.setting("visit_link_months")); }

RetentionService::RetentionService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

RetentionReport RetentionService::apply() {
    const TimeMs now = clock_();
    const TimeMs unlinkBefore = monthsBefore(now, visitLinkMonths(storage_));
    // The month about to lose its first links keeps its people counts (figures).
    FiguresService(storage_, clock_).freezeMonthBefore(unlinkBefore);
    storage_.pruneSyncSlots(daysFromCivil({toParisLocal(now).date.year - kSyncSlotsKeptYears, 1, 1}));
    RetentionReport report = storage_.applyRetention(unlinkBefore, monthsBefore(now, kForgetMembersAfterMonths), now);
    report.auditEntriesDeleted = storage_.deleteAuditBefore(monthsBefore(now, kAuditKeptMonths));
    // A session is deleted when its token comes back too late; one never used
    // again would otherwise stay, with its e-mail, in the database and its backups.
    report.sessionsDeleted = storage_.deleteEndedSessions(now, now - kSessionIdleMs);
    report.animationSessionsDeleted = storage_.deleteAnimationSessionsEndedBefore(monthsBefore(now, kAnimationKeptMonths));
    return report;
}

}  // namespace cowork::hub
