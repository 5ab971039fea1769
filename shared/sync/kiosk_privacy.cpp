#include "sync/kiosk_privacy.hpp"

#include "domain/paris_time.hpp"
#include "domain/retention_periods.hpp"
#include "store/personal_data.hpp"

namespace cowork {
namespace {

constexpr const char* kLinkMonthsKey = "sync.visit_link_months";

// Visits (and resolutions) still naming someone that the period no longer
// allows: started before it, or held elsewhere. ?1 is the period's start.
constexpr const char* kLinksDue =
    "SELECT id FROM visits WHERE (member_id IS NOT NULL OR member_code IS NOT NULL) AND started_at < ?1 "
    "UNION SELECT json_extract(payload, '$.visit_id') FROM events WHERE kind = 'visit.member_resolved' "
    "AND (json_extract(payload, '$.member_id') IS NOT NULL OR json_type(payload, '$.member_code') IS NOT NULL) "
    "AND json_extract(payload, '$.visit_id') NOT IN (SELECT id FROM visits WHERE started_at >= ?1)";

std::vector<std::string> visitsWithLinksDue(Database& db, TimeMs linkedSince) {
    std::vector<std::string> ids;
    Statement& row = db.prepare(kLinksDue);
    row.bind(1, linkedSince);
    while (row.step()) ids.push_back(row.columnText(0));
    return ids;
}

// Messages still holding their sender's name, contact and text, written (by
// this kiosk's clock) before ?1.
std::vector<std::string> messagesDue(Database& db, TimeMs writtenBefore) {
    std::vector<std::string> ids;
    Statement& row = db.prepare("SELECT id FROM messages WHERE text <> '' AND created_at < ?1");
    row.bind(1, writtenBefore);
    while (row.step()) ids.push_back(row.columnText(0));
    return ids;
}

bool forgottenDataLeft(Database& db) {
    Statement& row = db.prepare(
        "SELECT EXISTS (SELECT 1 FROM events WHERE kind = 'member.registered' "
        "AND json_extract(payload, '$.member.id') IN (SELECT member_id FROM forgotten_members)) "
        "OR EXISTS (SELECT 1 FROM events WHERE kind IN ('visit.started', 'visit.member_resolved', 'member.corrected') "
        "AND json_extract(payload, '$.member_id') IN (SELECT member_id FROM forgotten_members)) "
        "OR EXISTS (SELECT 1 FROM events WHERE kind = 'message.sent' AND json_extract(payload, '$.message.redacted') IS NOT 1 "
        "AND json_extract(payload, '$.message.id') IN "
        "(SELECT json_extract(payload, '$.message_id') FROM events WHERE kind = 'message.redacted'))");
    row.step();
    const bool left = row.columnInt(0) != 0;
    row.reset();
    return left;
}

}  // namespace

int kioskVisitLinkMonths(Database& db) {
    Statement& row = db.prepare("SELECT value FROM meta WHERE key = ?1");
    row.bind(1, kLinkMonthsKey);
    std::optional<std::string> value;
    if (row.step()) value = row.columnText(0);
    row.reset();
    return visitLinkMonthsOr(value);
}

void keepVisitLinkMonths(Database& db, std::optional<int> months) {
    if (!months) return;
    db.prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, kLinkMonthsKey).bind(2, std::to_string(*months)).run();
}

void applyPrivacyRules(Database& db, TimeMs now, bool forgotten) {
    if (forgotten) {
        eraseForgottenMembers(db);
        redactErasedMessages(db);
    }
    const TimeMs periodStart = monthsBefore(now, kioskVisitLinkMonths(db));
    unlinkVisits(db, visitsWithLinksDue(db, periodStart));
    redactMessages(db, messagesDue(db, periodStart));
}

void applyPrivacyRules(Store& store, TimeMs now, bool forgotten) {
    Database& db = store.db();
    const TimeMs periodStart = monthsBefore(now, kioskVisitLinkMonths(db));
    const bool due = (forgotten && forgottenDataLeft(db)) || !visitsWithLinksDue(db, periodStart).empty() ||
                     !messagesDue(db, periodStart).empty();
    if (!due) return;
    Transaction transaction(db);
    applyPrivacyRules(db, now, forgotten);
    transaction.commit();
}

}  // namespace cowork
