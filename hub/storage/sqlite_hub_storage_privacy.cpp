// SqliteHubStorage: the personal-data rules (link removed after the retention
// period, members deleted after 13 months unseen).
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {
namespace {

// Remembers when linked members were last seen before their visits lose the link.
constexpr const char* kRememberLastSeen =
    "INSERT INTO hub_member_activity(member_id, last_seen) "
    "SELECT member_id, max(started_at) FROM visits WHERE member_id IS NOT NULL AND started_at < ?1 GROUP BY member_id "
    "ON CONFLICT(member_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)";
constexpr const char* kUnlinkVisits = "UPDATE visits SET member_id = NULL WHERE member_id IS NOT NULL AND started_at < ?1";
// The log is redacted too, or a replay would bring the link back.
constexpr const char* kRedactLoggedVisits =
    "UPDATE events SET payload = json_set(payload, '$.member_id', json('null')) "
    "WHERE kind = 'visit.started' AND json_extract(payload, '$.at') < ?1 "
    "AND json_extract(payload, '$.member_id') IS NOT NULL";
constexpr const char* kMembersNotSeen =
    "SELECT m.id FROM members m LEFT JOIN hub_member_activity a ON a.member_id = m.id "
    "WHERE max(m.consent_at, coalesce(a.last_seen, 0), "
    "coalesce((SELECT max(started_at) FROM visits v WHERE v.member_id = m.id), 0)) < ?1";
constexpr const char* kDeleteRegistration =
    "DELETE FROM events WHERE kind = 'member.registered' AND json_extract(payload, '$.member.id') = ?1";

std::vector<std::string> membersNotSeenSince(Database& db, TimeMs since) {
    std::vector<std::string> ids;
    Statement& row = db.prepare(kMembersNotSeen);
    row.bind(1, since);
    while (row.step()) ids.push_back(row.columnText(0));
    return ids;
}

}  // namespace

RetentionReport SqliteHubStorage::applyRetention(TimeMs unlinkBefore, TimeMs forgetNotSeenSince, TimeMs now) {
    std::lock_guard lock(mutex_);
    RetentionReport report;
    std::vector<Event> forgotten;
    for (const std::string& id : membersNotSeenSince(store_.db(), forgetNotSeenSince)) {
        forgotten.push_back(store_.makeEvent(MemberForgotten{id}, now));
    }
    report.membersForgotten = static_cast<int>(forgotten.size());
    // One transaction: the forgetting events (sent on to kiosks) and the redactions.
    store_.recordLocal(forgotten, now, [&](Database& db) {
        for (const Event& event : forgotten) {
            db.prepare(kDeleteRegistration).bind(1, std::get<MemberForgotten>(event.payload).memberId).run();
            db.prepare("DELETE FROM hub_member_activity WHERE member_id = ?1")
                .bind(1, std::get<MemberForgotten>(event.payload).memberId).run();
        }
        db.prepare(kRememberLastSeen).bind(1, unlinkBefore).run();
        db.prepare(kUnlinkVisits).bind(1, unlinkBefore).run();
        report.visitsUnlinked = static_cast<int>(db.changes());
        db.prepare(kRedactLoggedVisits).bind(1, unlinkBefore).run();
    });
    return report;
}

}  // namespace cowork::hub
