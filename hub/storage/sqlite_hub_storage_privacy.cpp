// SqliteHubStorage: the personal-data rules (link removed after the retention
// period, members deleted after 13 months unseen).
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {
namespace {

// Times are the hub's: a kiosk's clock is corrected by the offset measured at
// the sync that brought the event (a Pi may believe it is 1970).
#define CORRECTED_VISITS \
    "SELECT v.id, v.member_id, v.start_event, v.started_at + coalesce(r.clock_offset_ms, 0) AS started " \
    "FROM visits v LEFT JOIN hub_received r ON r.event_id = v.start_event WHERE v.member_id IS NOT NULL"

// Remembers when linked members were last seen before their visits lose the link.
constexpr const char* kRememberLastSeen =
    "INSERT INTO hub_member_activity(member_id, last_seen) "
    "SELECT member_id, max(started) FROM (" CORRECTED_VISITS ") WHERE started < ?1 GROUP BY member_id "
    "ON CONFLICT(member_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)";
// The log is redacted too, or a replay would bring the link back: the start
// loses its member, or the code typed for a provisional check-in…
constexpr const char* kRedactLoggedVisits =
    "UPDATE events SET payload = json_remove(json_set(payload, '$.member_id', json('null')), '$.member_code') "
    "WHERE id IN (SELECT start_event FROM (" CORRECTED_VISITS ") WHERE started < ?1)";
// …and the hub's answer to that check-in loses its member too.
constexpr const char* kRedactLoggedResolutions =
    "UPDATE events SET payload = json_set(payload, '$.member_id', json('null')) "
    "WHERE kind = 'visit.member_resolved' AND json_extract(payload, '$.visit_id') IN "
    "(SELECT id FROM (" CORRECTED_VISITS ") WHERE started < ?1)";
constexpr const char* kUnlinkResolutions =
    "UPDATE visit_resolutions SET member_id = NULL WHERE visit_id IN (SELECT id FROM (" CORRECTED_VISITS ") WHERE started < ?1)";
constexpr const char* kUnlinkVisits =
    "UPDATE visits SET member_id = NULL, member_code = NULL "
    "WHERE id IN (SELECT id FROM (" CORRECTED_VISITS ") WHERE started < ?1)";
constexpr const char* kMembersNotSeen =
    "SELECT m.id FROM members m "
    "LEFT JOIN hub_received reg ON reg.event_id = m.event_id "
    "LEFT JOIN hub_member_activity a ON a.member_id = m.id "
    "WHERE max(m.consent_at + coalesce(reg.clock_offset_ms, 0), coalesce(a.last_seen, 0), "
    "coalesce((SELECT max(started) FROM (" CORRECTED_VISITS ") c WHERE c.member_id = m.id), 0)) < ?1";
#undef CORRECTED_VISITS
constexpr const char* kDeleteRegistration =
    "DELETE FROM events WHERE kind = 'member.registered' AND json_extract(payload, '$.member.id') = ?1";
// Forgetting unlinks the projection at once, so the visits of a member forgotten
// before their link period ran out are not found by the statements above: their
// log entries are redacted by member instead.
constexpr const char* kRedactForgottenMember =
    "UPDATE events SET payload = json_set(payload, '$.member_id', json('null')) "
    "WHERE kind IN ('visit.started', 'visit.member_resolved') AND json_extract(payload, '$.member_id') = ?1";

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
            const std::string& memberId = std::get<MemberForgotten>(event.payload).memberId;
            db.prepare(kDeleteRegistration).bind(1, memberId).run();
            db.prepare(kRedactForgottenMember).bind(1, memberId).run();
            db.prepare("DELETE FROM hub_member_activity WHERE member_id = ?1").bind(1, memberId).run();
        }
        db.prepare(kRememberLastSeen).bind(1, unlinkBefore).run();
        db.prepare(kRedactLoggedVisits).bind(1, unlinkBefore).run();
        db.prepare(kRedactLoggedResolutions).bind(1, unlinkBefore).run();
        db.prepare(kUnlinkResolutions).bind(1, unlinkBefore).run();
        db.prepare(kUnlinkVisits).bind(1, unlinkBefore).run();  // last: the statements above find visits by their link
        report.visitsUnlinked = static_cast<int>(db.changes());
    });
    return report;
}

}  // namespace cowork::hub
