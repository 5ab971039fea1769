#include "service/retention_schedule.hpp"

#include <spdlog/spdlog.h>

namespace cowork::hub {

RetentionSchedule::RetentionSchedule(HubStorage& storage, Clock clock)
    : service_(storage, std::move(clock)), thread_(kInterval, PeriodicThread::Start::Now, [this] { applyAndLog(); }) {}

void RetentionSchedule::applyAndLog() {
    try {
        const RetentionReport report = service_.apply();
        spdlog::info("event=retention visits_unlinked={} messages_redacted={} members_forgotten={} "
                     "audit_entries_deleted={} sessions_deleted={} animation_sessions_deleted={}",
                     report.visitsUnlinked, report.messagesRedacted, report.membersForgotten, report.auditEntriesDeleted,
                     report.sessionsDeleted, report.animationSessionsDeleted);
    } catch (const std::exception& e) {
        spdlog::error("event=retention_failed error=\"{}\"", e.what());
    }
}

}  // namespace cowork::hub
