// SqliteHubStorage: what the hub holds about a member, for the coordinator's
// console (rights of access, rectification and erasure).
#include <set>

#include "storage/sqlite_hub_storage.hpp"
#include "store/network_reads.hpp"
#include "store/member_reads.hpp"
#include "store/personal_data.hpp"
#include "store/site_reads.hpp"

namespace cowork::hub {
namespace {

// Times are the hub's: a kiosk's clock is corrected by the offset measured at
// the sync that brought the event, as retention and statistics do.
#define LINKED_VISITS                                                                                          \
    "SELECT v.id, v.site_id, v.place_id, v.started_at + coalesce(r.clock_offset_ms, 0) AS started, "          \
    "v.ended_at + coalesce(e.clock_offset_ms, r.clock_offset_ms, 0), coalesce(v.ended_how, ''), v.member_id " \
    "FROM visits v LEFT JOIN hub_received r ON r.event_id = v.start_event "                                   \
    "LEFT JOIN hub_received e ON e.event_id = v.end_event WHERE v.member_id IS NOT NULL"

// Last seen: the latest linked visit, or what retention remembered when it
// unlinked older ones.
constexpr const char* kSummaries =
    "SELECT m.id, coalesce(d.site_id, ''), "
    "max(coalesce(a.last_seen, 0), coalesce((SELECT max(started) FROM (" LINKED_VISITS ") l WHERE l.member_id = m.id), 0)) "
    "FROM members m LEFT JOIN events reg ON reg.id = m.event_id "
    "LEFT JOIN hub_devices d ON d.device_id = reg.origin "
    "LEFT JOIN hub_member_activity a ON a.member_id = m.id";
constexpr const char* kVisitsOf = "SELECT * FROM (" LINKED_VISITS ") WHERE member_id = ?1 ORDER BY started DESC";
#undef LINKED_VISITS

// Compared as erasure compares them (personal_data.hpp): what the member's page
// shows is what erasing them removes.
const std::string& messagesWithContactSql() {
    static const std::string sql =
        "SELECT m.id, m.site_id, m.from_name, m.contact, m.text, m.created_at, coalesce(d.state, 0) FROM messages m "
        "LEFT JOIN message_delivery d ON d.message_id = m.id WHERE m.contact <> '' AND " +
        comparableContactSql("m.contact") + " IN (SELECT " + comparableContactSql("value") +
        " FROM json_each(?1)) ORDER BY m.created_at DESC";
    return sql;
}

}  // namespace

std::vector<MemberSummary> SqliteHubStorage::memberSummaries() {
    std::lock_guard lock(mutex_);
    Statement& row = store_.db().prepare(kSummaries);
    std::vector<MemberSummary> summaries;
    while (row.step()) {
        MemberSummary summary;
        summary.member.id = row.columnText(0);
        summary.signUpSiteId = row.columnText(1);
        if (const std::int64_t seen = row.columnInt(2); seen > 0) summary.lastSeen = seen;
        summaries.push_back(std::move(summary));
    }
    for (MemberSummary& summary : summaries) summary.member = loadMember(store_.db(), summary.member.id).value_or(summary.member);
    return summaries;
}

std::optional<MemberSummary> SqliteHubStorage::memberSummary(const std::string& memberId) {
    // A few hundred members per territory: filtering the listing keeps one query to maintain.
    for (MemberSummary& summary : memberSummaries()) {
        if (summary.member.id == memberId) return std::move(summary);
    }
    return std::nullopt;
}

std::optional<std::string> SqliteHubStorage::codeOfMember(const std::string& memberId) {
    const auto reader = readers_.lease();
    const auto member = loadMember(reader.db(), memberId);
    if (!member) return std::nullopt;
    return member->code;
}

std::vector<MemberVisit> SqliteHubStorage::linkedVisitsOf(const std::string& memberId) {
    std::lock_guard lock(mutex_);
    std::vector<MemberVisit> visits;
    Statement& row = store_.db().prepare(kVisitsOf);
    row.bind(1, memberId);
    while (row.step()) {
        visits.push_back({row.columnText(0), row.columnText(1), row.columnText(2), row.columnInt(3),
                          row.columnOptionalInt(4), row.columnText(5)});
    }
    return visits;
}

std::vector<AnimatorMessage> SqliteHubStorage::messagesWithContact(const std::vector<std::string>& contacts) {
    std::lock_guard lock(mutex_);
    std::vector<AnimatorMessage> messages;
    if (contacts.empty()) return messages;
    Statement& row = store_.db().prepare(messagesWithContactSql());
    row.bind(1, Json(contacts).dump());
    while (row.step()) {
        messages.push_back({row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3), row.columnText(4),
                            row.columnInt(5), static_cast<DeliveryState>(row.columnInt(6))});
    }
    return messages;
}

std::vector<std::string> SqliteHubStorage::signUpCommunes() {
    std::lock_guard lock(mutex_);
    // The list the network file's import logged (network.communes_set), as kiosks have it.
    const auto network = loadNetworkCommunes(store_.db());
    std::set<std::string> communes;
    if (network) communes.insert(network->begin(), network->end());
    for (const Site& site : loadSites(store_.db())) communes.insert(site.commune);
    return {communes.begin(), communes.end()};
}

bool SqliteHubStorage::forgetMember(const std::string& memberId, TimeMs now) {
    std::lock_guard lock(mutex_);
    if (!loadMember(store_.db(), memberId)) return false;
    // As retention forgets a member unseen for 13 months: the events (sent on to
    // kiosks: the forgetting and the erasure of their messages), then the log's
    // redaction, in one transaction.
    std::vector<Event> events{store_.makeEvent(MemberForgotten{memberId}, now)};
    for (Event& erasure : messageErasuresOf(memberId, now)) events.push_back(std::move(erasure));
    store_.recordLocal(events, now, [&](Database& db) {
        db.prepare("DELETE FROM hub_member_activity WHERE member_id = ?1").bind(1, memberId).run();
        eraseForgottenMembers(db);
        redactErasedMessages(db);
        emptyRedactedMailErrors(db);
    });
    figuresVisits_.dropIfRewritten(store_.db());  // the forgotten member's links leave memory too
    return true;
}

}  // namespace cowork::hub
