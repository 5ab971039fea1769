// SqliteHubStorage: the personal-data rules (link and messages' contents removed
// after the retention period, members deleted after 13 months unseen, with the
// contents of the messages giving their e-mail or phone).
#include "events/event_codec.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "store/personal_data.hpp"

namespace cowork::hub {
namespace {

// Times are the hub's: a kiosk's clock is corrected by the offset measured at
// the sync that brought the event (a Pi may believe it is 1970). A visit is
// linked by its member, or by the code typed for it offline, whoever it named.
#define CORRECTED_VISITS \
    "SELECT v.id, v.member_id, v.start_event, v.started_at + coalesce(r.clock_offset_ms, 0) AS started " \
    "FROM visits v LEFT JOIN hub_received r ON r.event_id = v.start_event " \
    "WHERE v.member_id IS NOT NULL OR v.member_code IS NOT NULL"

// Remembers when linked members were last seen before their visits lose the link.
constexpr const char* kRememberLastSeen =
    "INSERT INTO hub_member_activity(member_id, last_seen) "
    "SELECT member_id, max(started) FROM (" CORRECTED_VISITS ") WHERE started < ?1 AND member_id IS NOT NULL "
    "GROUP BY member_id ON CONFLICT(member_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)";
constexpr const char* kVisitsToUnlink = "SELECT id FROM (" CORRECTED_VISITS ") WHERE started < ?1";
// An animator is seen when they animate, and a designated animator is kept
// while designated: the kiosks must recognise their code offline.
constexpr const char* kMembersNotSeen =
    "SELECT m.id FROM members m "
    "LEFT JOIN hub_received reg ON reg.event_id = m.event_id "
    "LEFT JOIN hub_member_activity a ON a.member_id = m.id "
    "WHERE m.id NOT IN (SELECT member_id FROM animators WHERE site_ids <> '[]') "
    "AND max(m.consent_at + coalesce(reg.clock_offset_ms, 0), coalesce(a.last_seen, 0), "
    "coalesce((SELECT max(started) FROM (" CORRECTED_VISITS ") c WHERE c.member_id = m.id), 0), "
    "coalesce((SELECT max(started_at) FROM animation_sessions s WHERE s.member_id = m.id), 0)) < ?1";
#undef CORRECTED_VISITS
// Messages dated like visits, by their device's corrected clock.
constexpr const char* kMessagesToRedact =
    "SELECT m.id FROM messages m LEFT JOIN hub_received r ON r.event_id = m.event_id "
    "WHERE m.text <> '' AND m.created_at + coalesce(r.clock_offset_ms, 0) < ?1";

// What came back with another content was stored without anyone's data (see
// conflictRecord); rows written before that lose their content with the period.
constexpr const char* kEmptyOldConflicts = "UPDATE hub_conflicts SET content = '' WHERE at < ?1 AND content <> ''";

std::vector<std::string> column(Database& db, const char* sql, TimeMs bound) {
    std::vector<std::string> values;
    Statement& row = db.prepare(sql);
    row.bind(1, bound);
    while (row.step()) values.push_back(row.columnText(0));
    return values;
}

}  // namespace

RetentionReport SqliteHubStorage::applyRetention(TimeMs unlinkBefore, TimeMs forgetNotSeenSince, TimeMs now) {
    std::lock_guard lock(mutex_);
    RetentionReport report;
    std::vector<Event> forgotten;
    std::vector<Event> erasures;
    for (const std::string& id : column(store_.db(), kMembersNotSeen, forgetNotSeenSince)) {
        forgotten.push_back(store_.makeEvent(MemberForgotten{id}, now));
        for (Event& erasure : messageErasuresOf(id, now)) erasures.push_back(std::move(erasure));
    }
    report.membersForgotten = static_cast<int>(forgotten.size());
    forgotten.insert(forgotten.end(), erasures.begin(), erasures.end());
    // One transaction: the forgetting events (sent on to kiosks) and the redactions.
    store_.recordLocal(forgotten, now, [&](Database& db) {
        for (const Event& event : forgotten) {
            if (const auto* member = std::get_if<MemberForgotten>(&event.payload)) {
                db.prepare("DELETE FROM hub_member_activity WHERE member_id = ?1").bind(1, member->memberId).run();
            }
        }
        eraseForgottenMembers(db);
        redactErasedMessages(db);
        db.prepare(kRememberLastSeen).bind(1, unlinkBefore).run();
        report.visitsUnlinked = static_cast<int>(unlinkVisits(db, column(db, kVisitsToUnlink, unlinkBefore)));
        report.messagesRedacted = static_cast<int>(redactMessages(db, column(db, kMessagesToRedact, unlinkBefore)));
        emptyRedactedMailErrors(db);
        db.prepare(kEmptyOldConflicts).bind(1, unlinkBefore).run();
    });
    figuresVisits_.dropIfRewritten(store_.db());  // the links removed leave memory too
    return report;
}

// A kiosk pushes its recent events again after a new epoch, and one that
// predates the privacy rules still holds what the hub removed: the registration
// of a member it forgot, the link of a visit it unlinked, a message's contents.
// Acknowledged, never taken back. (A stored visit that differs only by its link is the same visit:
// the hub's copy decides, and retention removes the link when due.)
std::vector<Event> SqliteHubStorage::withoutRemovedPersonalData(const std::vector<Event>& batch) {
    std::vector<Event> taken;
    for (const Event& event : batch) {
        if (const auto* registered = std::get_if<MemberRegistered>(&event.payload)) {
            if (isForgottenMember(store_.db(), registered->member.id)) continue;
        } else if (std::holds_alternative<VisitStarted>(event.payload)) {
            const auto stored = store_.findEvent(event.id);
            if (stored && canonicalEventText(*stored) != canonicalEventText(event) &&
                canonicalEventText(withoutMemberLink(*stored)) == canonicalEventText(withoutMemberLink(event))) {
                continue;
            }
        } else if (std::holds_alternative<MessageSent>(event.payload)) {
            // The same message, redacted on one side only: the hub's copy decides.
            const auto stored = store_.findEvent(event.id);
            if (stored && canonicalEventText(*stored) != canonicalEventText(event) &&
                canonicalEventText(withoutMessageContent(*stored)) == canonicalEventText(withoutMessageContent(event))) {
                continue;
            }
        }
        taken.push_back(event);
    }
    return taken;
}

// A conflict is kept to tell the coordinator that an id came back changed, not
// who it was about: no member link, no registration's details, no message's contents.
std::string conflictRecord(const Event& event) {
    Event record = withoutMessageContent(withoutMemberLink(event));
    if (auto* registered = std::get_if<MemberRegistered>(&record.payload)) {
        const std::string memberId = registered->member.id;
        registered->member = Member{};
        registered->member.id = memberId;
    }
    return canonicalEventText(record);
}

// A failed attempt's error may quote the message (a Reply-To, a rejected address).
void SqliteHubStorage::emptyRedactedMailErrors(Database& db) {
    db.prepare("UPDATE hub_mail_delivery SET last_error = '' WHERE last_error <> '' "
               "AND message_id IN (SELECT id FROM messages WHERE text = '')")
        .run();
}

// Every e-mail and phone the member gave, registered or corrected since: a
// message may give one they corrected afterwards.
std::vector<Event> SqliteHubStorage::messageErasuresOf(const std::string& memberId, TimeMs now) {
    const std::string sql =
        "WITH given(contact) AS ("
        "SELECT json_extract(payload, '$.member.email') FROM events WHERE kind = 'member.registered' "
        "AND json_extract(payload, '$.member.id') = ?1 "
        "UNION SELECT json_extract(payload, '$.member.phone') FROM events WHERE kind = 'member.registered' "
        "AND json_extract(payload, '$.member.id') = ?1 "
        "UNION SELECT json_extract(payload, '$.email') FROM events WHERE kind = 'member.corrected' "
        "AND json_extract(payload, '$.member_id') = ?1 "
        "UNION SELECT json_extract(payload, '$.phone') FROM events WHERE kind = 'member.corrected' "
        "AND json_extract(payload, '$.member_id') = ?1 "
        "UNION SELECT email FROM members WHERE id = ?1 UNION SELECT phone FROM members WHERE id = ?1) "
        "SELECT m.id FROM messages m WHERE m.text <> '' AND m.contact <> '' AND " + comparableContactSql("m.contact") +
        " IN (SELECT " + comparableContactSql("contact") + " FROM given WHERE contact IS NOT NULL AND contact <> '') "
        "ORDER BY m.id";
    std::vector<std::string> ids;
    Statement& row = store_.db().prepare(sql);
    row.bind(1, memberId);
    while (row.step()) ids.push_back(row.columnText(0));
    std::vector<Event> erasures;
    for (const std::string& id : ids) erasures.push_back(store_.makeEvent(MessageRedacted{id}, now));
    return erasures;
}

}  // namespace cowork::hub
