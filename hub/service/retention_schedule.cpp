#include "service/retention_schedule.hpp"

#include <spdlog/spdlog.h>

namespace cowork::hub {

RetentionSchedule::RetentionSchedule(HubStorage& storage, Clock clock)
    : storage_(storage), service_(storage, std::move(clock)), thread_(kInterval, PeriodicThread::Start::Now, [this] {
          applyAndLog();
          fillFiguresCopy();
      }) {}

RetentionSchedule::~RetentionSchedule() { stopping_ = true; }

// Retention rewrites the log's visits (their member links) and so drops the
// figures' copy of them: it is read again here, in steps of kFillStep events
// (scripts/bench-figures, 388,000 events: 39 steps, the longest 73 ms under
// the storage's lock on a loaded machine, 1.1 s in all),
// rather than all at once by the first figures request, on a request thread,
// with every kiosk's sync waiting behind it.
void RetentionSchedule::fillFiguresCopy() {
    try {
        while (!stopping_ && !storage_.fillFiguresCopy(kFillStep)) {
        }
    } catch (const std::exception& e) {
        spdlog::error("event=figures_copy_failed error=\"{}\"", e.what());
    }
}

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
