#include "store/personal_data.hpp"

#include "json/json_reader.hpp"

namespace cowork {
namespace {

// A visit event loses its member and the code typed for it. Key order and
// spacing do not matter: events are compared decoded (canonicalEventText).
#define WITHOUT_LINK "json_remove(json_set(payload, '$.member_id', json('null')), '$.member_code')"
#define HAS_LINK "(json_extract(payload, '$.member_id') IS NOT NULL OR json_type(payload, '$.member_code') IS NOT NULL)"
#define LISTED "(SELECT value FROM json_each(?1))"

constexpr const char* kUnlinkStarts =
    "UPDATE events SET payload = " WITHOUT_LINK " WHERE id IN (SELECT start_event FROM visits WHERE id IN " LISTED ") "
    "AND " HAS_LINK;
// Every answer about the visit: one naming nobody may have been followed by one
// naming the member whose registration came later.
constexpr const char* kUnlinkResolutionEvents =
    "UPDATE events SET payload = " WITHOUT_LINK " WHERE kind = 'visit.member_resolved' "
    "AND json_extract(payload, '$.visit_id') IN " LISTED " AND " HAS_LINK;
constexpr const char* kUnlinkResolutions =
    "UPDATE visit_resolutions SET member_id = NULL WHERE visit_id IN " LISTED " AND member_id IS NOT NULL";
constexpr const char* kUnlinkVisitRows =
    "UPDATE visits SET member_id = NULL, member_code = NULL WHERE id IN " LISTED
    " AND (member_id IS NOT NULL OR member_code IS NOT NULL)";

#define FORGOTTEN "(SELECT member_id FROM forgotten_members)"
// Their registration and the coordinator's corrections of it: every event that holds their details.
#define FORGOTTEN_REGISTRATIONS                                                                                   \
    "(SELECT id FROM events WHERE (kind = 'member.registered' AND json_extract(payload, '$.member.id') IN "      \
    FORGOTTEN ") OR (kind = 'member.corrected' AND json_extract(payload, '$.member_id') IN " FORGOTTEN "))"
// Visits checked in with a typed code the hub resolved to a forgotten member.
#define VISITS_RESOLVED_TO_FORGOTTEN                                                                              \
    "(SELECT json_extract(payload, '$.visit_id') FROM events WHERE kind = 'visit.member_resolved' "              \
    "AND json_extract(payload, '$.member_id') IN " FORGOTTEN ")"

// The outbox and the set-aside list name only events of the log.
constexpr const char* kDropForgottenFromOutbox = "DELETE FROM outbox WHERE event_id IN " FORGOTTEN_REGISTRATIONS;
constexpr const char* kDropForgottenSetAside = "DELETE FROM set_aside WHERE event_id IN " FORGOTTEN_REGISTRATIONS;
constexpr const char* kDeleteForgottenRegistrations = "DELETE FROM events WHERE id IN " FORGOTTEN_REGISTRATIONS;
// Before the resolutions below lose the member they are found by.
constexpr const char* kUnlinkForgottenStarts =
    "UPDATE events SET payload = " WITHOUT_LINK " WHERE kind = 'visit.started' AND " HAS_LINK " AND "
    "(json_extract(payload, '$.member_id') IN " FORGOTTEN " OR json_extract(payload, '$.visit_id') IN "
    VISITS_RESOLVED_TO_FORGOTTEN ")";
constexpr const char* kUnlinkForgottenCodes =
    "UPDATE visits SET member_code = NULL WHERE member_code IS NOT NULL AND id IN " VISITS_RESOLVED_TO_FORGOTTEN;
constexpr const char* kUnlinkForgottenResolutions =
    "UPDATE events SET payload = " WITHOUT_LINK " WHERE kind = 'visit.member_resolved' "
    "AND json_extract(payload, '$.member_id') IN " FORGOTTEN;

// A message keeps its id, site, time and state; `redacted` says why it is empty.
constexpr const char* kRedactMessageEvents =
    "UPDATE events SET payload = json_set(payload, '$.message.from_name', '', '$.message.contact', '', "
    "'$.message.text', '', '$.message.redacted', json('true')) WHERE kind = 'message.sent' "
    "AND json_extract(payload, '$.message.id') IN " LISTED " AND json_extract(payload, '$.message.redacted') IS NOT 1";
constexpr const char* kRedactMessageRows =
    "UPDATE messages SET from_name = '', contact = '', text = '' WHERE id IN " LISTED
    " AND (from_name <> '' OR contact <> '' OR text <> '')";
constexpr const char* kErasedMessages =
    "SELECT json_extract(payload, '$.message_id') FROM events WHERE kind = 'message.redacted'";

#undef VISITS_RESOLVED_TO_FORGOTTEN
#undef FORGOTTEN_REGISTRATIONS
#undef FORGOTTEN
#undef LISTED
#undef HAS_LINK
#undef WITHOUT_LINK

}  // namespace

std::int64_t unlinkVisits(Database& db, const std::vector<std::string>& visitIds) {
    if (visitIds.empty()) return 0;
    const std::string listed = Json(visitIds).dump();
    db.prepare(kUnlinkStarts).bind(1, listed).run();
    db.prepare(kUnlinkResolutionEvents).bind(1, listed).run();
    db.prepare(kUnlinkResolutions).bind(1, listed).run();
    db.prepare(kUnlinkVisitRows).bind(1, listed).run();  // last: the starts are found through these rows
    return db.changes();
}

void eraseForgottenMembers(Database& db) {
    for (const char* sql : {kDropForgottenFromOutbox, kDropForgottenSetAside, kDeleteForgottenRegistrations,
                            kUnlinkForgottenStarts, kUnlinkForgottenCodes, kUnlinkForgottenResolutions}) {
        db.prepare(sql).run();
    }
}

bool isForgottenMember(Database& db, const std::string& memberId) {
    Statement& row = db.prepare("SELECT 1 FROM forgotten_members WHERE member_id = ?1");
    row.bind(1, memberId);
    const bool forgotten = row.step();
    row.reset();
    return forgotten;
}

std::int64_t redactMessages(Database& db, const std::vector<std::string>& messageIds) {
    if (messageIds.empty()) return 0;
    const std::string listed = Json(messageIds).dump();
    db.prepare(kRedactMessageEvents).bind(1, listed).run();
    db.prepare(kRedactMessageRows).bind(1, listed).run();
    return db.changes();
}

void redactErasedMessages(Database& db) {
    std::vector<std::string> ids;
    Statement& row = db.prepare(kErasedMessages);
    while (row.step()) ids.push_back(row.columnText(0));
    redactMessages(db, ids);
}

bool isErasedMessage(Database& db, const std::string& messageId) {
    Statement& row = db.prepare(
        "SELECT 1 FROM events WHERE kind = 'message.redacted' AND json_extract(payload, '$.message_id') = ?1");
    row.bind(1, messageId);
    const bool erased = row.step();
    row.reset();
    return erased;
}

std::string comparableContactSql(const std::string& column) {
    return "lower(replace(replace(replace(" + column + ", ' ', ''), '.', ''), '-', ''))";
}

Event withoutMessageContent(Event event) {
    if (auto* sent = std::get_if<MessageSent>(&event.payload)) {
        sent->message.fromName.clear();
        sent->message.contact.clear();
        sent->message.text.clear();
    }
    return event;
}

Event withoutMemberLink(Event event) {
    if (auto* started = std::get_if<VisitStarted>(&event.payload)) {
        started->memberId.reset();
        started->memberCode.reset();
    } else if (auto* resolved = std::get_if<VisitMemberResolved>(&event.payload)) {
        resolved->memberId.reset();
        resolved->memberCode.clear();
    }
    return event;
}

std::optional<std::string> visitOfLinkEvent(const Event& event) {
    if (const auto* started = std::get_if<VisitStarted>(&event.payload)) return started->visitId;
    if (const auto* resolved = std::get_if<VisitMemberResolved>(&event.payload)) return resolved->visitId;
    return std::nullopt;
}

}  // namespace cowork
