// SqliteHubStorage: what the console's views read (storage/console_reads.hpp).
// The overview reads the whole network in four statements, never one per site
// or place: it is the console's home page, refreshed by every open console.
#include "events/entity_codec.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "store/site_reads.hpp"

namespace cowork::hub {
namespace {

constexpr const char* kMessageColumns =
    "SELECT m.id, m.site_id, m.from_name, m.contact, m.text, m.created_at, coalesce(d.state, 0), "
    "coalesce(h.attempts, 0), coalesce(h.last_error, ''), h.next_attempt_at, k.handled_at "
    "FROM messages m LEFT JOIN message_delivery d ON d.message_id = m.id "
    "LEFT JOIN hub_mail_delivery h ON h.message_id = m.id "
    "LEFT JOIN hub_message_handled k ON k.message_id = m.id ";

ConsoleMessage messageFromRow(const Statement& row) {
    ConsoleMessage m;
    m.message = {row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3),
                 row.columnText(4), row.columnInt(5), static_cast<DeliveryState>(row.columnInt(6))};
    m.attempts = static_cast<int>(row.columnInt(7));
    m.lastError = row.columnText(8);
    m.nextAttemptAt = row.columnOptionalInt(9);
    m.handledAt = row.columnOptionalInt(10);
    return m;
}

std::map<std::string, std::vector<Place>> allPlaces(Database& db) {
    std::map<std::string, std::vector<Place>> bySite;
    Statement& row = db.prepare(
        "SELECT p.id, p.site_id, p.label, coalesce(s.in_service, 1), coalesce(s.reason, '') "
        "FROM places p LEFT JOIN place_service s ON s.place_id = p.id ORDER BY p.site_id, p.id");
    while (row.step()) {
        Place place{row.columnText(0), row.columnText(1), row.columnText(2), row.columnInt(3) != 0, row.columnText(4)};
        bySite[place.siteId].push_back(std::move(place));
    }
    return bySite;
}

std::map<std::string, SiteOverrideState> allOverrides(Database& db) {
    std::map<std::string, SiteOverrideState> bySite;
    Statement& row = db.prepare("SELECT site_id, value, reason FROM site_overrides");
    while (row.step()) {
        bySite[row.columnText(0)] = {siteOverrideFromString(row.columnText(1)).value_or(SiteOverride::None), row.columnText(2)};
    }
    return bySite;
}

std::map<std::string, std::vector<Visit>> allOpenVisits(Database& db) {
    std::map<std::string, std::vector<Visit>> bySite;
    Statement& row = db.prepare(
        "SELECT id, site_id, place_id, member_id, started_at FROM visits "
        "WHERE ended_at IS NULL AND start_event IS NOT NULL ORDER BY site_id, started_at, id");
    while (row.step()) {
        Visit visit{row.columnText(0), row.columnText(1), row.columnText(2), row.columnOptionalText(3),
                    row.columnInt(4), std::nullopt, std::nullopt};
        bySite[visit.siteId].push_back(std::move(visit));
    }
    return bySite;
}

}  // namespace

NetworkSnapshot SqliteHubStorage::networkSnapshot() {
    std::lock_guard lock(mutex_);
    Database& db = store_.db();
    return {loadSites(db), allPlaces(db), allOverrides(db), allOpenVisits(db)};
}

std::vector<DayVisit> SqliteHubStorage::visitsStartedBetween(const std::string& siteId, TimeMs from, TimeMs to) {
    std::lock_guard lock(mutex_);
    std::vector<DayVisit> out;
    Statement& row = store_.db().prepare(
        "SELECT v.id, v.place_id, m.first_name, v.started_at, v.ended_at FROM visits v "
        "LEFT JOIN members m ON m.id = v.member_id "
        "WHERE v.site_id = ?1 AND v.started_at >= ?2 AND v.started_at < ?3 ORDER BY v.started_at, v.id");
    row.bind(1, siteId).bind(2, from).bind(3, to);
    while (row.step()) {
        out.push_back({row.columnText(0), row.columnText(1), row.columnOptionalText(2), row.columnInt(3), row.columnOptionalInt(4)});
    }
    return out;
}

std::vector<ListedAnnouncement> SqliteHubStorage::listAnnouncements() {
    std::lock_guard lock(mutex_);
    std::vector<ListedAnnouncement> out;
    // Ids are UUIDv7: newest first by id.
    Statement& row = store_.db().prepare(
        "SELECT a.config, w.announcement_id IS NOT NULL FROM announcements a "
        "LEFT JOIN announcement_withdrawals w ON w.announcement_id = a.id ORDER BY a.id DESC");
    while (row.step()) {
        const Json json = parseJson(row.columnText(0));
        out.push_back({announcementFromJson(JsonObject(json, "announcement")), row.columnInt(1) != 0});
    }
    return out;
}

std::vector<ConsoleMessage> SqliteHubStorage::messages(const std::set<std::string>& siteIds, std::size_t limit) {
    std::lock_guard lock(mutex_);
    std::vector<ConsoleMessage> out;
    Statement& row = store_.db().prepare(std::string(kMessageColumns) + "ORDER BY m.created_at DESC, m.id DESC");
    // Filtered here: an animator has a handful of sites, and the list is short.
    while (row.step() && out.size() < limit) {
        if (!siteIds.empty() && siteIds.count(row.columnText(1)) == 0) continue;
        out.push_back(messageFromRow(row));
    }
    row.reset();
    return out;
}

std::optional<ConsoleMessage> SqliteHubStorage::message(const std::string& messageId) {
    std::lock_guard lock(mutex_);
    Statement& row = store_.db().prepare(std::string(kMessageColumns) + "WHERE m.id = ?1");
    row.bind(1, messageId);
    if (!row.step()) return std::nullopt;
    ConsoleMessage found = messageFromRow(row);
    row.reset();
    return found;
}

void SqliteHubStorage::retryMessageNow(const std::string& messageId, TimeMs now) {
    std::lock_guard lock(mutex_);
    // Without a row, the message was never tried: it is due already.
    store_.db().prepare("UPDATE hub_mail_delivery SET next_attempt_at = ?2 WHERE message_id = ?1").bind(1, messageId).bind(2, now).run();
}

void SqliteHubStorage::markMessageHandled(const std::string& messageId, TimeMs now) {
    std::lock_guard lock(mutex_);
    store_.db()
        .prepare("INSERT INTO hub_message_handled(message_id, handled_at) VALUES(?1, ?2) ON CONFLICT(message_id) DO NOTHING")
        .bind(1, messageId)
        .bind(2, now)
        .run();
}

}  // namespace cowork::hub
