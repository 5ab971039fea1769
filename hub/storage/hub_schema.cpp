#include "storage/hub_schema.hpp"

#include <string>
#include <vector>

#include "store/migrations.hpp"

namespace cowork::hub {
namespace {

// Append only: a migration that has shipped is never edited.
const std::vector<const char*>& hubMigrations() {
    static const std::vector<const char*> list = {
        R"sql(
-- One-time enrollment codes, stored hashed. Invariant: used_at is set once.
CREATE TABLE hub_enrollment_codes (
  code_hash TEXT PRIMARY KEY, site_id TEXT NOT NULL, created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, used_at INTEGER, device_id TEXT);
-- Enrolled kiosks. The token is stored hashed; revoked_at, once set, is final.
CREATE TABLE hub_devices (
  device_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL, app_version TEXT NOT NULL, enrolled_at INTEGER NOT NULL, revoked_at INTEGER,
  last_seen INTEGER, outbox_depth INTEGER NOT NULL DEFAULT 0, clock_offset_ms INTEGER NOT NULL DEFAULT 0);
CREATE INDEX hub_devices_by_site ON hub_devices(site_id);
-- How each event from a kiosk arrived: the device clock's offset at that sync
-- (to date it for statistics) and whether it was stamped in the future.
CREATE TABLE hub_received (
  event_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, received_at INTEGER NOT NULL,
  clock_offset_ms INTEGER NOT NULL, stamped_in_future INTEGER NOT NULL);
-- Ids that came back with another content: kept for the coordinator.
CREATE TABLE hub_conflicts (
  id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, device_id TEXT NOT NULL, at INTEGER NOT NULL, content TEXT NOT NULL);
CREATE TABLE hub_coordinators (
  email TEXT PRIMARY KEY, password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
)sql",
        R"sql(
-- Coordinator sessions (the cookie's token, hashed) and failed logins, kept 15
-- minutes, by account ("account:EMAIL") and by address ("address:IP").
CREATE TABLE hub_sessions (
  token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE hub_login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX hub_login_failures_by_key ON hub_login_failures(key, at);
CREATE TABLE hub_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
        R"sql(
-- Emailing each kiosk message to its site's animator: attempts, when to try
-- again and why the last attempt failed, for the coordinator. delivered_at is
-- set in the transaction that logs the message's "delivered" event.
CREATE TABLE hub_mail_delivery (
  message_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL, last_attempt_at INTEGER NOT NULL,
  next_attempt_at INTEGER, last_error TEXT, delivered_at INTEGER);
)sql",
        R"sql(
-- When each member was last seen, kept when their visits lose the link after
-- three months, so that the 13-month deletion rule can still be applied.
CREATE TABLE hub_member_activity (member_id TEXT PRIMARY KEY, last_seen INTEGER NOT NULL);
)sql",
        R"sql(
-- Every sync reports each site's last word from its kiosks: read from this
-- index alone, not from every device row of the site.
CREATE INDEX hub_devices_last_seen ON hub_devices(site_id, last_seen) WHERE revoked_at IS NULL;
)sql",
        R"sql(
-- Events the hub refused that a kiosk keeps aside, as it last reported them:
-- each sync's list replaces the device's rows, so an entry goes when the kiosk
-- drops it. `at` is when the kiosk set it aside, on the hub's clock.
CREATE TABLE hub_set_aside (
  device_id TEXT NOT NULL, event_id TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL,
  at INTEGER NOT NULL, reported_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, event_id));
)sql",
        R"sql(
-- The kiosk keeps events from the hub it cannot read (a newer version's kinds):
-- it needs updating. As it said at its last sync.
ALTER TABLE hub_devices ADD COLUMN update_needed INTEGER NOT NULL DEFAULT 0;
)sql",
        R"sql(
-- Set when the hub started on a backup, for every device then active: one
-- revoked after the backup was taken is not known to be revoked. Cleared when
-- the coordinator revokes the device again or confirms it (confirm-device).
ALTER TABLE hub_devices ADD COLUMN unvouched_since INTEGER;
)sql",
        R"sql(
-- The audit log: every change made through the console or the admin API, kept
-- 12 months. Invariant: before and after never hold a member's personal data
-- (member changes are recorded by ids only), so erasure leaves nothing here.
CREATE TABLE hub_audit (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user_id TEXT NOT NULL, user_email TEXT NOT NULL,
  action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT NOT NULL, site_id TEXT NOT NULL,
  before TEXT, after TEXT);
CREATE INDEX hub_audit_by_at ON hub_audit(at);
-- Console sessions: the token every state-changing request must echo (CSRF),
-- and the last request, for the idle timeout. Sessions of older versions end.
DELETE FROM hub_sessions;
ALTER TABLE hub_sessions ADD COLUMN csrf_token TEXT NOT NULL DEFAULT '';
ALTER TABLE hub_sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
)sql",
        R"sql(
-- Console accounts with one role each; an animator's sites. password_hash is
-- NULL until the account's invitation is accepted; disabled_at, when set,
-- refuses logins (the account's sessions end in the same transaction).
CREATE TABLE hub_users (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('coordinator', 'animator', 'elected')),
  password_hash TEXT, created_at INTEGER NOT NULL, disabled_at INTEGER);
CREATE TABLE hub_user_sites (
  user_id TEXT NOT NULL REFERENCES hub_users(id) ON DELETE CASCADE, site_id TEXT NOT NULL,
  PRIMARY KEY (user_id, site_id));
-- One-time links to set one's password, stored hashed, valid 7 days.
CREATE TABLE hub_invitations (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES hub_users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
CREATE INDEX hub_invitations_by_user ON hub_invitations(user_id);
-- Every coordinator account becomes a coordinator user (two e-mails differing
-- only by case become one account, the first created).
INSERT OR IGNORE INTO hub_users(id, email, role, password_hash, created_at)
  SELECT lower(hex(randomblob(16))), email, 'coordinator', password_hash, created_at FROM hub_coordinators ORDER BY created_at;
DROP TABLE hub_coordinators;
-- Sessions name their account: open ones stay open.
ALTER TABLE hub_sessions ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
UPDATE hub_sessions SET user_id = coalesce((SELECT id FROM hub_users WHERE hub_users.email = hub_sessions.email), '');
DELETE FROM hub_sessions WHERE user_id = '';
CREATE INDEX hub_sessions_by_user ON hub_sessions(user_id);
)sql",
        R"sql(
-- When someone (coordinator or animator) marked a kiosk message as taken care
-- of in the console; the first mark is kept.
CREATE TABLE hub_message_handled (message_id TEXT PRIMARY KEY, handled_at INTEGER NOT NULL);
)sql",
        // 12 took the place the figures' branch held with an empty step (SELECT 1):
        // a hub file written in between is at 13 without this column (none was deployed).
        R"sql(
-- 12: the member an animator's console account belongs to, set by the
-- coordinator: that account sees that member's animation hours, and no one
-- else's. An id only (NULL: not linked); it outlives the member's erasure, as
-- their animation sessions do (pay records).
ALTER TABLE hub_users ADD COLUMN member_id TEXT;
)sql",
        R"sql(
-- 13: the network's figures. Each kiosk's syncs by Paris day, as a 96-bit
-- mask of 15-minute slots (low: slots 0-63, high: 64-95), for the share of
-- opening hours its site's kiosk was reachable: one row per device and day,
-- pruned by retention to the years the figures compare.
CREATE TABLE hub_figures_sync (
  device_id TEXT NOT NULL, site_id TEXT NOT NULL, day INTEGER NOT NULL,
  low INTEGER NOT NULL, high INTEGER NOT NULL,
  PRIMARY KEY (device_id, day)) WITHOUT ROWID;
CREATE INDEX hub_figures_sync_by_day ON hub_figures_sync(day);
-- People counts of a month (distinct, new and returning members, members by
-- commune and employer…), computed from the log just before retention removes
-- the visits' member links, so the month's figures stay as published. Counts
-- only, never an id. Invariant: a month frozen has its ('', 'frozen') row.
CREATE TABLE hub_figures_frozen (
  month TEXT NOT NULL, scope TEXT NOT NULL, measure TEXT NOT NULL, key TEXT NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY (month, scope, measure, key)) WITHOUT ROWID;
)sql",
        // 14 was held for the public feed, which keeps its share of the network file in
        // hub_settings and needed no table: an empty step, shipped as such.
        R"sql(
SELECT 1;
)sql",
        R"sql(
-- 15: the figures. What the network file says of each commune besides its name, for the
-- figures' communes table and map: INSEE code and approximate centre (each
-- NULL when the file gives none). Invariant: the rows are the communes of the
-- last network file imported, replaced whole by each import.
CREATE TABLE hub_communes (
  name TEXT PRIMARY KEY, insee TEXT, lat REAL, lon REAL) WITHOUT ROWID;
-- The figures read a period's visit and configuration events by kind and
-- stamp (storage/sqlite_hub_storage_figures.cpp): without this index each read
-- scanned every visit event ever logged to keep those of the period.
CREATE INDEX hub_events_by_kind_stamp ON events(kind, stamp);
)sql",
    };
    return list;
}

int storedVersion(Database& db) {
    Statement& row = db.prepare("SELECT value FROM meta WHERE key = 'hub_schema'");
    if (!row.step()) return 0;
    const int version = std::stoi(row.columnText(0));
    row.reset();
    return version;
}

}  // namespace

int latestHubSchemaVersion() { return static_cast<int>(hubMigrations().size()); }

void migrateHubSchema(Database& db) {
    const int current = storedVersion(db);
    if (current > latestHubSchemaVersion()) {
        throw SchemaTooNewError("les données du hub ont été écrites par une version plus récente (schéma hub " +
                                std::to_string(current) + ") : mettez cowork-hub à jour");
    }
    for (int version = current + 1; version <= latestHubSchemaVersion(); ++version) {
        Transaction transaction(db);
        db.exec(hubMigrations()[static_cast<std::size_t>(version - 1)]);
        db.prepare("INSERT INTO meta(key, value) VALUES('hub_schema', ?1) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, std::to_string(version))
            .run();
        transaction.commit();
    }
}

}  // namespace cowork::hub
