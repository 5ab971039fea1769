#include "store/migrations.hpp"

#include <vector>

namespace cowork {
namespace {

struct Migration {
    const char* sql;
    bool reshapesProjections;  // projections are derived: rebuild them from the log
};

// Append only: a migration that has shipped is never edited.
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        // 1: the event log, the outbox and per-device settings.
        {R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Every event ever applied here, once. seq is the local arrival order (the
-- hub's sync cursor); id is the event's own UUIDv7, unique network-wide.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL,
  stamp INTEGER NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX events_by_stamp ON events(stamp, id);
-- Events made here that the hub has not acknowledged yet. Invariant: every row
-- names an event in the log; a row leaves only when the hub acks it.
CREATE TABLE outbox (
  event_id TEXT PRIMARY KEY REFERENCES events(id),
  queued_at INTEGER NOT NULL
);
)sql",
         false},
        // 2: projections, the current state as the fold of the log. Each row keeps
        // the (stamp, event_id) of what last wrote it, so events arriving in any
        // order settle on the same state. No foreign keys between projections:
        // events from different devices may arrive in any order.
        {R"sql(
CREATE TABLE sites (
  id TEXT PRIMARY KEY, config TEXT NOT NULL, stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
CREATE TABLE site_overrides (
  site_id TEXT PRIMARY KEY, value TEXT NOT NULL, reason TEXT NOT NULL,
  stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
CREATE TABLE places (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, label TEXT NOT NULL,
  stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
CREATE INDEX places_by_site ON places(site_id);
CREATE TABLE place_service (
  place_id TEXT PRIMARY KEY, in_service INTEGER NOT NULL, reason TEXT NOT NULL,
  stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
CREATE TABLE members (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, first_name TEXT NOT NULL,
  email TEXT, phone TEXT, employer TEXT, commune TEXT, consent_at INTEGER NOT NULL,
  stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
-- A visit's start and end come from separate events; either may arrive first.
-- The first end recorded wins (a member leaving beats the closing-time sweep).
CREATE TABLE visits (
  id TEXT PRIMARY KEY,
  site_id TEXT, place_id TEXT, member_id TEXT, started_at INTEGER, start_event TEXT,
  ended_at INTEGER, ended_how TEXT, end_stamp INTEGER, end_event TEXT);
CREATE INDEX visits_open_by_site ON visits(site_id) WHERE ended_at IS NULL;
CREATE INDEX visits_by_member ON visits(member_id);
CREATE TABLE messages (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, from_name TEXT NOT NULL, contact TEXT NOT NULL,
  text TEXT NOT NULL, created_at INTEGER NOT NULL, event_id TEXT NOT NULL);
-- Delivery only moves forward: pending(0) < sent(1) < delivered(2).
CREATE TABLE message_delivery (message_id TEXT PRIMARY KEY, state INTEGER NOT NULL);
CREATE TABLE announcements (
  id TEXT PRIMARY KEY, config TEXT NOT NULL, stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
CREATE TABLE announcement_withdrawals (announcement_id TEXT PRIMARY KEY);
CREATE TABLE devices (
  id TEXT PRIMARY KEY, config TEXT NOT NULL, stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
CREATE TABLE device_revocations (device_id TEXT PRIMARY KEY);
)sql",
         true},
        // 3: the shopkeeper's PIN hash per site, so that the coordinator can reset it.
        {R"sql(
CREATE TABLE shopkeeper_pins (
  site_id TEXT PRIMARY KEY, pin_hash TEXT NOT NULL, stamp INTEGER NOT NULL, event_id TEXT NOT NULL);
-- Members deleted for privacy. Invariant: no row of members has an id listed here.
CREATE TABLE forgotten_members (member_id TEXT PRIMARY KEY);
)sql",
         true},
        // 4: indexes for the hub's every sync. It sends each kiosk only some kinds
        // of events: without events_by_kind it would walk all the visits logged
        // since the kiosk's last sync. Occupied places are counted from the index
        // alone (a row with no end always has its start: an end sets ended_at).
        {R"sql(
CREATE INDEX events_by_kind ON events(kind, seq);
DROP INDEX visits_open_by_site;
CREATE INDEX visits_open_places ON visits(site_id, place_id) WHERE ended_at IS NULL;
)sql",
         false},
        // 5: sync. A visit may carry a member code the kiosk did not know (typed
        // offline) until the hub resolves it; the kiosk keeps what the hub tells it
        // that is not an event (a directory of member codes, each site's free
        // places) and the events the hub refused, set aside so the rest goes on.
        {R"sql(
ALTER TABLE visits ADD COLUMN member_code TEXT;
-- Invariant: at most one resolution per visit; member_id NULL = nobody has that code.
CREATE TABLE visit_resolutions (
  visit_id TEXT PRIMARY KEY,
  member_id TEXT,
  event_id TEXT NOT NULL
);
-- Members registered elsewhere: only what recognising a typed code needs.
CREATE TABLE member_directory (
  member_id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  first_name TEXT NOT NULL
);
CREATE INDEX member_directory_by_code ON member_directory(code);
-- The hub's last word on each site's free places; as_of says how old it is.
CREATE TABLE site_availability (
  site_id TEXT PRIMARY KEY,
  free_places INTEGER NOT NULL,
  places_in_service INTEGER NOT NULL,
  open INTEGER NOT NULL,
  override TEXT NOT NULL,
  as_of INTEGER NOT NULL
);
-- Invariant: an event is in the outbox or here, never both; it stays in the log.
CREATE TABLE set_aside (
  event_id TEXT PRIMARY KEY REFERENCES events(id),
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
)sql",
         true},
        // 6: when, on the device's monotonic clock, each queued event was made, so
        // that the hub can date it whatever the wall clock did before the sync.
        {R"sql(
ALTER TABLE outbox ADD COLUMN boot_id TEXT;
ALTER TABLE outbox ADD COLUMN monotonic_ms INTEGER;
)sql",
         false},
        // 7: the visits still carrying a typed code, found again when the
        // registration of that code arrives (the hub resolves them late).
        {R"sql(
CREATE INDEX visits_by_member_code ON visits(member_code) WHERE member_code IS NOT NULL;
)sql",
         false},
        // 8: events from a newer hub that this version cannot read (a new kind),
        // kept as received, out of the log, until a version that reads them takes
        // them in. While any is here, the kiosk says it needs updating.
        // Invariant: no id here is also in events.
        {R"sql(
CREATE TABLE unread_events (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  event TEXT NOT NULL,
  reason TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
)sql",
         false},
        // 9: member codes this kiosk gave that the hub found given to another
        // member (two kiosks offline), and the new code, for the shopkeeper to
        // pass on. Kept 14 days, and never past the member.
        {R"sql(
CREATE TABLE member_code_changes (
  member_id TEXT PRIMARY KEY,
  old_code TEXT NOT NULL,
  new_code TEXT NOT NULL,
  at INTEGER NOT NULL
);
)sql",
         false},
        // 10: the network's communes, sign-up's list (network.communes_set): one
        // row, the last write by (stamp, event_id). No log before this version
        // holds that kind, so nothing to rebuild.
        {R"sql(
CREATE TABLE network_communes (
  list_id INTEGER PRIMARY KEY CHECK (list_id = 1),
  names TEXT NOT NULL,
  stamp INTEGER NOT NULL,
  event_id TEXT NOT NULL
);
)sql",
         false},
        // 11: the coordinator's corrections of members' details (member.corrected),
        // the newest per member; it beats the registration when its (stamp, id)
        // is higher. Invariant: no row names a member listed in forgotten_members.
        {R"sql(
CREATE TABLE member_corrections (
  member_id TEXT PRIMARY KEY,
  first_name TEXT NOT NULL, email TEXT, phone TEXT, employer TEXT, commune TEXT,
  stamp INTEGER NOT NULL,
  event_id TEXT NOT NULL
);
)sql",
         false},
        // 12: animators and their sessions. `animators`: the sites each member
        // animates (member.animator_set, the newest by (stamp, event_id); "[]"
        // once withdrawn). `animation_sessions`: start, end and the
        // coordinator's correction come from separate events and may arrive in
        // any order; the first end recorded wins (the animator's « Fin » beats the
        // closing-time sweep), the newest correction wins. Invariants: no row of
        // `animators` names a member listed in forgotten_members; a session keeps
        // its member id whatever happens to the member (pay records, kept 3 years:
        // docs/architecture.md). No log before this version holds these kinds.
        {R"sql(
CREATE TABLE animators (
  member_id TEXT PRIMARY KEY,
  site_ids TEXT NOT NULL,
  stamp INTEGER NOT NULL,
  event_id TEXT NOT NULL
);
CREATE TABLE animation_sessions (
  id TEXT PRIMARY KEY,
  site_id TEXT, member_id TEXT, started_at INTEGER, start_event TEXT,
  ended_at INTEGER, ended_how TEXT, end_stamp INTEGER, end_event TEXT,
  corrected_start INTEGER, corrected_end INTEGER, correction_stamp INTEGER, correction_event TEXT
);
CREATE INDEX animation_sessions_open ON animation_sessions(site_id) WHERE ended_at IS NULL;
CREATE INDEX animation_sessions_by_start ON animation_sessions(started_at);
CREATE INDEX animation_sessions_by_member ON animation_sessions(member_id, started_at);
)sql",
         false},
    };
    return list;
}

}  // namespace

int latestSchemaVersion() { return static_cast<int>(migrations().size()); }

bool migrate(Database& db, int target, const std::function<void()>& rebuild) {
    const int current = db.userVersion();
    if (current > latestSchemaVersion()) {
        throw SchemaTooNewError("la base « " + db.path() + " » a été écrite par une version plus récente du logiciel (schéma " +
                                std::to_string(current) + ", ce programme connaît le schéma " +
                                std::to_string(latestSchemaVersion()) + ") : mettez le logiciel à jour");
    }
    if (current >= target) return false;  // no write lock taken at every start
    bool reshaped = false;
    Transaction transaction(db);
    for (int version = current + 1; version <= target; ++version) {
        const Migration& step = migrations()[static_cast<std::size_t>(version - 1)];
        db.exec(step.sql);
        db.setUserVersion(version);
        reshaped = reshaped || step.reshapesProjections;
    }
    if (reshaped && rebuild) rebuild();
    transaction.commit();
    return reshaped;
}

}  // namespace cowork
