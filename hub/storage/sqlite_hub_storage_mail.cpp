// SqliteHubStorage: the queue of kiosk messages to email to animators, and the
// hub's "sent" and "delivered" receipts for them.
#include <set>

#include "storage/sqlite_hub_storage.hpp"
#include "store/site_reads.hpp"

namespace cowork::hub {
namespace {

// A redacted message (text = '') has nothing left to send: never due, never undelivered.
constexpr const char* kDueMessages =
    "SELECT m.id, m.site_id, m.from_name, m.contact, m.text, m.created_at, d.state, coalesce(h.attempts, 0) "
    "FROM message_delivery d JOIN messages m ON m.id = d.message_id "
    "LEFT JOIN hub_mail_delivery h ON h.message_id = m.id "
    "WHERE d.state < 2 AND m.text <> '' AND (h.next_attempt_at IS NULL OR h.next_attempt_at <= ?1) "
    "ORDER BY coalesce(h.next_attempt_at, 0), m.created_at, m.id LIMIT ?2";

// Upsert of one attempt; ?4 and ?5 are NULL for a success.
constexpr const char* kRecordAttempt =
    "INSERT INTO hub_mail_delivery(message_id, attempts, last_attempt_at, next_attempt_at, last_error, delivered_at) "
    "VALUES(?1, 1, ?2, ?4, ?5, ?3) "
    "ON CONFLICT(message_id) DO UPDATE SET attempts = attempts + 1, last_attempt_at = excluded.last_attempt_at, "
    "next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error, delivered_at = excluded.delivered_at";

bool messageKnown(Database& db, const std::string& messageId) {
    Statement& row = db.prepare("SELECT 1 FROM messages WHERE id = ?1");
    row.bind(1, messageId);
    const bool known = row.step();
    row.reset();
    return known;
}

std::optional<DeliveryState> deliveryState(Database& db, const std::string& messageId) {
    Statement& row = db.prepare("SELECT state FROM message_delivery WHERE message_id = ?1");
    row.bind(1, messageId);
    if (!row.step()) return std::nullopt;
    const auto state = static_cast<DeliveryState>(row.columnInt(0));
    row.reset();
    return state;
}

}  // namespace

std::vector<Event> SqliteHubStorage::sentReceipts(const std::vector<Event>& batch, TimeMs now) {
    // Called with the mutex held, before the batch is applied: a message already
    // stored (a resent batch) gets no second receipt. A receipt's stamp may sort
    // before its message's (a kiosk clock ahead): harmless, as delivery states
    // only move forward whatever the order.
    std::vector<Event> receipts;
    std::set<std::string> answered;
    for (const Event& event : batch) {
        const auto* sent = std::get_if<MessageSent>(&event.payload);
        if (!sent || store_.findEvent(event.id) || messageKnown(store_.db(), sent->message.id)) continue;
        if (!answered.insert(sent->message.id).second) continue;
        receipts.push_back(store_.makeEvent(MessageStateChanged{sent->message.id, DeliveryState::Sent}, now));
    }
    return receipts;
}

std::vector<MailToSend> SqliteHubStorage::mailDue(TimeMs now, std::size_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<MailToSend> due;
    Statement& row = store_.db().prepare(kDueMessages);
    row.bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    while (row.step()) {
        MailToSend mail;
        mail.message = {row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3),
                        row.columnText(4), row.columnInt(5), static_cast<DeliveryState>(row.columnInt(6))};
        mail.failedAttempts = static_cast<int>(row.columnInt(7));
        due.push_back(std::move(mail));
    }
    for (MailToSend& mail : due) mail.site = loadSite(store_.db(), mail.message.siteId);
    return due;
}

void SqliteHubStorage::recordMailFailure(const std::string& messageId, const std::string& error, TimeMs now,
                                         TimeMs retryAt) {
    std::lock_guard lock(mutex_);
    store_.db().prepare(kRecordAttempt).bind(1, messageId).bind(2, now).bindNull(3).bind(4, retryAt).bind(5, error).run();
}

bool SqliteHubStorage::recordMailDelivered(const std::string& messageId, TimeMs now) {
    std::lock_guard lock(mutex_);
    if (deliveryState(store_.db(), messageId) == DeliveryState::Delivered) return false;
    const Event delivered = store_.makeEvent(MessageStateChanged{messageId, DeliveryState::Delivered}, now);
    store_.recordLocal({delivered}, now, [&](Database& db) {
        db.prepare(kRecordAttempt).bind(1, messageId).bind(2, now).bind(3, now).bindNull(4).bindNull(5).run();
    });
    return true;
}

std::vector<UndeliveredMail> SqliteHubStorage::undeliveredMail() {
    std::lock_guard lock(mutex_);
    std::vector<UndeliveredMail> out;
    Statement& row = store_.db().prepare(
        "SELECT m.id, m.site_id, m.created_at, coalesce(h.attempts, 0), h.last_attempt_at, h.next_attempt_at, "
        "coalesce(h.last_error, '') FROM message_delivery d JOIN messages m ON m.id = d.message_id "
        "LEFT JOIN hub_mail_delivery h ON h.message_id = m.id WHERE d.state < 2 AND m.text <> '' "
        "ORDER BY m.created_at, m.id");
    while (row.step()) {
        out.push_back({row.columnText(0), row.columnText(1), row.columnInt(2), static_cast<int>(row.columnInt(3)),
                       row.columnOptionalInt(4), row.columnOptionalInt(5), row.columnText(6)});
    }
    return out;
}

}  // namespace cowork::hub
