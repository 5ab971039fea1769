// SqliteHubStorage: what the coordinator's API needs (sessions, throttling,
// settings, and the hub's own events).
#include "security/secrets.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "store/site_reads.hpp"
#include "store/visit_reads.hpp"

namespace cowork::hub {

std::vector<Event> SqliteHubStorage::recordHubEvents(const std::vector<EventPayload>& payloads, TimeMs now) {
    std::lock_guard lock(mutex_);
    std::vector<Event> events;
    for (const EventPayload& payload : payloads) events.push_back(store_.makeEvent(payload, now));
    store_.recordLocal(events, now);
    return events;
}

std::vector<Site> SqliteHubStorage::sites() {
    std::lock_guard lock(mutex_);
    return loadSites(store_.db());
}

std::vector<Place> SqliteHubStorage::places(const std::string& siteId) {
    std::lock_guard lock(mutex_);
    return loadPlaces(store_.db(), siteId);
}

std::vector<Visit> SqliteHubStorage::openVisits(const std::string& siteId) {
    std::lock_guard lock(mutex_);
    return loadOpenVisits(store_.db(), siteId);
}

bool SqliteHubStorage::announcementExists(const std::string& announcementId) {
    std::lock_guard lock(mutex_);
    Statement& row = store_.db().prepare("SELECT 1 FROM announcements WHERE id = ?1");
    row.bind(1, announcementId);
    const bool exists = row.step();
    row.reset();
    return exists;
}

std::vector<EventAnomaly> SqliteHubStorage::eventAnomalies(std::size_t limit) {
    const auto lock = lockWithReportsWritten();
    std::vector<EventAnomaly> out;
    Statement& row = store_.db().prepare(
        "SELECT a.event_id, a.device_id, a.at, a.what, a.kind, a.reason, coalesce(d.site_id, '') FROM ("
        "SELECT event_id, device_id, at, 'conflict' AS what, '' AS kind, '' AS reason FROM hub_conflicts "
        "UNION ALL SELECT event_id, device_id, received_at, 'future_stamp', '', '' FROM hub_received WHERE stamped_in_future = 1 "
        "UNION ALL SELECT event_id, device_id, at, 'set_aside', kind, reason FROM hub_set_aside"
        ") a LEFT JOIN hub_devices d ON d.device_id = a.device_id ORDER BY a.at DESC LIMIT ?1");
    row.bind(1, static_cast<std::int64_t>(limit));
    while (row.step()) {
        out.push_back({row.columnText(0), row.columnText(1), row.columnInt(2), row.columnText(3), row.columnText(4),
                       row.columnText(5), row.columnText(6)});
    }
    return out;
}

NewSession SqliteHubStorage::createSession(const std::string& userId, TimeMs now, TimeMs expiresAt) {
    std::lock_guard lock(mutex_);
    NewSession session{randomToken(), randomToken()};
    store_.db()
        .prepare("INSERT INTO hub_sessions(token_hash, user_id, email, expires_at, csrf_token, last_used_at) "
                 "VALUES(?1, ?2, coalesce((SELECT email FROM hub_users WHERE id = ?2), ''), ?3, ?4, ?5)")
        .bind(1, sha256Hex(session.token))
        .bind(2, userId)
        .bind(3, expiresAt)
        .bind(4, session.csrfToken)
        .bind(5, now)
        .run();
    return session;
}

std::optional<SessionInfo> SqliteHubStorage::touchSession(const std::string& token, TimeMs now, TimeMs idleSince) {
    std::lock_guard lock(mutex_);
    const std::string tokenHash = sha256Hex(token);
    Statement& row = store_.db().prepare(
        "SELECT user_id, csrf_token, last_used_at FROM hub_sessions WHERE token_hash = ?1 AND expires_at > ?2 AND last_used_at > ?3");
    row.bind(1, tokenHash).bind(2, now).bind(3, idleSince);
    if (!row.step()) {
        // An expired or idle session is of no further use: it goes.
        store_.db().prepare("DELETE FROM hub_sessions WHERE token_hash = ?1").bind(1, tokenHash).run();
        return std::nullopt;
    }
    SessionInfo session{row.columnText(0), row.columnText(1)};
    const TimeMs lastUsedAt = row.columnInt(2);
    row.reset();
    // last_used_at is exact to kSessionTouchStepMs: a page asking the hub ten times on
    // opening writes (and waits for the disk) once, not ten times. The idle timeout is
    // then kept to within that step, never shortened by more.
    if (now - lastUsedAt >= kSessionTouchStepMs) {
        store_.db().prepare("UPDATE hub_sessions SET last_used_at = ?2 WHERE token_hash = ?1").bind(1, tokenHash).bind(2, now).run();
    }
    return session;
}

void SqliteHubStorage::endSession(const std::string& token) {
    std::lock_guard lock(mutex_);
    store_.db().prepare("DELETE FROM hub_sessions WHERE token_hash = ?1").bind(1, sha256Hex(token)).run();
}

// The same test as touchSession's, for the sessions whose token never comes back.
int SqliteHubStorage::deleteEndedSessions(TimeMs now, TimeMs idleSince) {
    std::lock_guard lock(mutex_);
    store_.db()
        .prepare("DELETE FROM hub_sessions WHERE expires_at <= ?1 OR last_used_at <= ?2")
        .bind(1, now)
        .bind(2, idleSince)
        .run();
    return static_cast<int>(store_.db().changes());
}

std::vector<TimeMs> SqliteHubStorage::latestLoginFailures(const std::string& key, TimeMs since, int limit) {
    std::lock_guard lock(mutex_);
    Statement& rows =
        store_.db().prepare("SELECT at FROM hub_login_failures WHERE key = ?1 AND at > ?2 ORDER BY at DESC LIMIT ?3");
    rows.bind(1, key).bind(2, since).bind(3, limit);
    std::vector<TimeMs> times;
    while (rows.step()) times.push_back(rows.columnInt(0));
    rows.reset();
    return times;
}

void SqliteHubStorage::recordLoginFailure(const std::vector<std::string>& keys, TimeMs now) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    // Failures older than a day are of no use to the 15-minute rule.
    store_.db().prepare("DELETE FROM hub_login_failures WHERE at < ?1").bind(1, now - kDayMs).run();
    for (const std::string& key : keys) {
        store_.db().prepare("INSERT INTO hub_login_failures(key, at) VALUES(?1, ?2)").bind(1, key).bind(2, now).run();
    }
    transaction.commit();
}

void SqliteHubStorage::clearLoginFailures(const std::string& key) {
    std::lock_guard lock(mutex_);
    store_.db().prepare("DELETE FROM hub_login_failures WHERE key = ?1").bind(1, key).run();
}

std::optional<std::string> SqliteHubStorage::setting(const std::string& key) {
    const auto reader = readers_.lease();
    Statement& row = reader.db().prepare("SELECT value FROM hub_settings WHERE key = ?1");
    row.bind(1, key);
    if (!row.step()) return std::nullopt;
    std::string value = row.columnText(0);
    row.reset();
    return value;
}

void SqliteHubStorage::saveSetting(const std::string& key, const std::string& value) {
    std::lock_guard lock(mutex_);
    store_.db()
        .prepare("INSERT INTO hub_settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

}  // namespace cowork::hub
