// SqliteHubStorage: the audit log of the console and the admin API.
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {
namespace {

std::optional<std::string> storedJson(const Json& value) {
    if (value.is_null()) return std::nullopt;
    return value.dump();
}

Json loadedJson(const std::optional<std::string>& text) { return text ? parseJson(*text) : Json(nullptr); }

}  // namespace

std::int64_t SqliteHubStorage::appendAudit(const AuditEntry& entry) {
    std::lock_guard lock(mutex_);
    Database& db = store_.db();
    db.prepare("INSERT INTO hub_audit(at, user_id, user_email, action, object_type, object_id, site_id, before, after) "
               "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .bind(1, entry.at)
        .bind(2, entry.userId)
        .bind(3, entry.userEmail)
        .bind(4, entry.action)
        .bind(5, entry.objectType)
        .bind(6, entry.objectId)
        .bind(7, entry.siteId)
        .bind(8, storedJson(entry.before))
        .bind(9, storedJson(entry.after))
        .run();
    Statement& row = db.prepare("SELECT last_insert_rowid()");
    row.step();
    const std::int64_t id = row.columnInt(0);
    row.reset();
    return id;
}

std::vector<AuditEntry> SqliteHubStorage::auditEntries(const AuditQuery& query) {
    std::lock_guard lock(mutex_);
    // One statement for every filter: an empty filter matches everything.
    Statement& row = store_.db().prepare(
        "SELECT id, at, user_id, user_email, action, object_type, object_id, site_id, before, after FROM hub_audit "
        "WHERE (?1 = '' OR action = ?1) AND (?2 = '' OR user_email = ?2) AND (?3 = '' OR site_id = ?3) "
        "AND (?4 = 0 OR at >= ?4) AND (?5 = 0 OR at < ?5) AND (?6 = 0 OR id < ?6) "
        "ORDER BY id DESC LIMIT ?7");
    row.bind(1, query.action)
        .bind(2, query.userEmail)
        .bind(3, query.siteId)
        .bind(4, query.from)
        .bind(5, query.to)
        .bind(6, query.beforeId)
        .bind(7, static_cast<std::int64_t>(query.limit));
    std::vector<AuditEntry> out;
    while (row.step()) {
        out.push_back({row.columnInt(0), row.columnInt(1), row.columnText(2), row.columnText(3), row.columnText(4),
                       row.columnText(5), row.columnText(6), row.columnText(7), loadedJson(row.columnOptionalText(8)),
                       loadedJson(row.columnOptionalText(9))});
    }
    return out;
}

int SqliteHubStorage::deleteAuditBefore(TimeMs before) {
    std::lock_guard lock(mutex_);
    store_.db().prepare("DELETE FROM hub_audit WHERE at < ?1").bind(1, before).run();
    return static_cast<int>(store_.db().changes());
}

}  // namespace cowork::hub
