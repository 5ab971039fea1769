#include "sync/kiosk_sync_store.hpp"

#include <algorithm>
#include <set>

#include "domain/member_code.hpp"
#include "events/event_codec.hpp"
#include "store/member_reads.hpp"
#include "store/personal_data.hpp"
#include "sync/kiosk_privacy.hpp"

namespace cowork {
namespace {

constexpr const char* kHubUrlKey = "sync.hub_url";
constexpr const char* kTokenKey = "sync.token";
constexpr const char* kSiteKey = "sync.site_id";
constexpr const char* kPinsKey = "sync.pins";
constexpr const char* kCursorKey = "sync.cursor";
constexpr const char* kEpochKey = "sync.epoch";
constexpr const char* kLastSuccessKey = "sync.last_success_at";
constexpr const char* kFailingSinceKey = "sync.failing_since";
constexpr const char* kLastErrorKey = "sync.last_error";
constexpr const char* kOffsetKey = "sync.clock_offset_ms";
constexpr const char* kOffsetBootKey = "sync.clock_offset_boot";

void putMeta(Database& db, const std::string& key, const std::string& value) {
    db.prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
}

void dropMeta(Database& db, const std::string& key) { db.prepare("DELETE FROM meta WHERE key = ?1").bind(1, key).run(); }

std::optional<TimeMs> metaTime(Store& store, const char* key) {
    const auto value = store.meta(key);
    if (!value || value->empty()) return std::nullopt;
    return std::stoll(*value);
}

std::int64_t countRows(Database& db, const char* sql) {
    Statement& row = db.prepare(sql);
    row.step();
    const std::int64_t count = row.columnInt(0);
    row.reset();
    return count;
}

// The hub's limit on a reason, cut on a character boundary (a cut UTF-8
// sequence would make the whole sync unreadable).
std::string shortReason(std::string reason) {
    constexpr std::size_t kMaxReasonBytes = 300;
    if (reason.size() <= kMaxReasonBytes) return reason;
    std::size_t end = kMaxReasonBytes;
    while (end > 0 && (static_cast<unsigned char>(reason[end]) & 0xC0) == 0x80) --end;
    reason.resize(end);
    return reason;
}

// The newest first, within the hub's limit: it replaces its list with this one.
std::vector<SetAsideReport> setAsideReports(Database& db) {
    std::vector<SetAsideReport> reports;
    Statement& row = db.prepare(
        "SELECT s.event_id, e.kind, s.reason, s.at FROM set_aside s JOIN events e ON e.id = s.event_id "
        "ORDER BY s.at DESC, s.event_id LIMIT ?1");
    row.bind(1, static_cast<std::int64_t>(kMaxSetAsidePerSync));
    while (row.step()) reports.push_back({row.columnText(0), row.columnText(1), shortReason(row.columnText(2)), row.columnInt(3)});
    return reports;
}

struct ReceivedEvents {
    std::vector<Event> kept;
    std::vector<std::string> unlinkedByHub;  // visits whose link the hub removed before this kiosk did
};

// The hub may send again what this kiosk already holds with another content (a
// resolution pulled again after a new epoch). When the hub's copy is this one
// without its member link, the hub's period ran out first: the kiosk removes the
// link too. When the kiosk removed it first, it keeps its copy. Any other
// difference is a conflict: the kiosk keeps its copy rather than refusing the
// whole page forever.
ReceivedEvents withoutConflicts(Store& store, const std::vector<Event>& events, std::size_t& conflicts) {
    ReceivedEvents received;
    for (const Event& event : events) {
        const auto existing = store.findEvent(event.id);
        if (!existing || canonicalEventText(*existing) == canonicalEventText(event)) {
            received.kept.push_back(event);
        } else if (canonicalEventText(event) == canonicalEventText(withoutMemberLink(*existing))) {
            received.unlinkedByHub.push_back(visitOfLinkEvent(event).value_or(""));
        } else if (canonicalEventText(*existing) != canonicalEventText(withoutMemberLink(event))) {
            ++conflicts;
        }
    }
    return received;
}

// A forgetting, an erased message, or an answer or a correction that may name a
// member forgotten already.
bool mayConcernForgotten(const std::vector<Event>& events) {
    return std::any_of(events.begin(), events.end(), [](const Event& e) {
        return std::holds_alternative<MemberForgotten>(e.payload) || std::holds_alternative<VisitMemberResolved>(e.payload) ||
               std::holds_alternative<MemberCorrected>(e.payload) || std::holds_alternative<MessageRedacted>(e.payload);
    });
}

// The monotonic times recorded when these events were queued (none for events
// queued again for a restored hub: their batch's offset dates them).
std::vector<EventDeviceClock> eventClocks(Database& db, const std::vector<Event>& events) {
    std::vector<EventDeviceClock> clocks;
    Statement& row = db.prepare("SELECT boot_id, monotonic_ms, queued_at FROM outbox WHERE event_id = ?1 AND monotonic_ms IS NOT NULL");
    for (const Event& event : events) {
        row.bind(1, event.id);
        if (row.step()) clocks.push_back({event.id, row.columnText(0), row.columnInt(1), row.columnInt(2)});
        row.reset();
    }
    return clocks;
}

void acknowledge(Database& db, const std::vector<std::string>& ids) {
    for (const std::string& id : ids) db.prepare("DELETE FROM outbox WHERE event_id = ?1").bind(1, id).run();
}

// A hub restored from a backup lost what kiosks sent since: send it again. The
// hub counts a resent event once.
std::size_t requeueRecentOwnEvents(Database& db, const std::string& deviceId, const std::vector<std::string>& justAcked,
                                   TimeMs now) {
    // A registration that is no longer its member's (replaced with a new code,
    // or the member forgotten) is not sent again.
    Statement& requeue = db.prepare(
        "INSERT OR IGNORE INTO outbox(event_id, queued_at) SELECT id, ?3 FROM events "
        "WHERE origin = ?1 AND received_at >= ?2 AND id NOT IN (SELECT event_id FROM set_aside) "
        "AND id NOT IN (SELECT value FROM json_each(?4)) "
        "AND (kind <> 'member.registered' OR id IN (SELECT event_id FROM members))");
    requeue.bind(1, deviceId).bind(2, now - kRepushWindowMs).bind(3, now).bind(4, Json(justAcked).dump()).run();
    return static_cast<std::size_t>(db.changes());
}

// Kept unread for the version that can read them, within the shortest period
// personal data is kept for: one the kiosk cannot read it cannot forget in time.
constexpr TimeMs kUnreadKeptMs = 90 * kDayMs;

void keepUnread(Database& db, const std::vector<UnreadEvent>& unread, TimeMs now) {
    for (const UnreadEvent& u : unread) {
        db.prepare("INSERT OR IGNORE INTO unread_events(id, kind, event, reason, received_at) VALUES(?1, ?2, ?3, ?4, ?5)")
            .bind(1, u.id).bind(2, u.kind).bind(3, u.json).bind(4, u.reason).bind(5, now).run();
    }
    // Those now in the log were read, by this version or by the page just applied.
    db.exec("DELETE FROM unread_events WHERE id IN (SELECT id FROM events)");
    db.prepare("DELETE FROM unread_events WHERE received_at < ?1").bind(1, now - kUnreadKeptMs).run();
}

// The hub's changes, with the events kept unread that this version now reads
// (the kiosk was updated): they go in with the page.
std::vector<Event> withKeptNowReadable(Database& db, const std::vector<Event>& received) {
    std::vector<Event> events = received;
    Statement& row = db.prepare("SELECT event FROM unread_events ORDER BY received_at, id");
    while (row.step()) {
        try {
            const Json json = parseJson(row.columnText(0));
            events.push_back(decodeEvent(JsonObject(json, "")));
        } catch (const InputError&) {
            // Still unreadable: kept for a later version.
        }
    }
    return events;
}

constexpr TimeMs kCodeChangeShownMs = 14 * kDayMs;

void forgetOldCodeChanges(Database& db, TimeMs now) {
    db.prepare("DELETE FROM member_code_changes WHERE at < ?1 OR member_id NOT IN (SELECT id FROM members)")
        .bind(1, now - kCodeChangeShownMs).run();
}

// The registration that gives its member their code now, if it is not `eventId`.
bool isCurrentRegistration(Database& db, const std::string& memberId, const std::string& eventId) {
    Statement& row = db.prepare("SELECT 1 FROM members WHERE id = ?1 AND event_id = ?2");
    row.bind(1, memberId).bind(2, eventId);
    const bool current = row.step();
    row.reset();
    return current;
}

void keepDirectory(Database& db, const std::vector<MemberDirectoryEntry>& members) {
    for (const MemberDirectoryEntry& m : members) {
        db.prepare("INSERT INTO member_directory(member_id, code, first_name) VALUES(?1, ?2, ?3) "
                   "ON CONFLICT(member_id) DO UPDATE SET code = excluded.code, first_name = excluded.first_name")
            .bind(1, m.memberId).bind(2, m.code).bind(3, m.firstName).run();
    }
}

void keepAvailability(Database& db, const std::vector<SiteAvailability>& sites) {
    for (const SiteAvailability& a : sites) {
        // Only ever newer: a slow answer must not overwrite a fresher figure.
        db.prepare("INSERT INTO site_availability(site_id, free_places, places_in_service, open, override, as_of) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(site_id) DO UPDATE SET free_places = excluded.free_places, "
                   "places_in_service = excluded.places_in_service, open = excluded.open, override = excluded.override, "
                   "as_of = excluded.as_of WHERE excluded.as_of >= site_availability.as_of")
            .bind(1, a.siteId).bind(2, std::int64_t{a.freePlaces}).bind(3, std::int64_t{a.placesInService})
            .bind(4, a.open ? 1 : 0).bind(5, toString(a.override)).bind(6, a.asOf).run();
    }
}

}  // namespace

std::optional<HubEnrollment> loadEnrollment(Store& store) {
    const auto url = store.meta(kHubUrlKey);
    const auto token = store.meta(kTokenKey);
    const auto site = store.meta(kSiteKey);
    if (!url || !token || !site) return std::nullopt;
    HubEnrollment enrollment{*url, *token, *site, {}};
    if (const auto pins = store.meta(kPinsKey)) {
        for (const Json& pin : parseJson(*pins)) enrollment.pins.push_back(pin.get<std::string>());
    }
    return enrollment;
}

void saveEnrollment(Store& store, const HubEnrollment& enrollment, const std::string& deviceId, TimeMs now,
                    const AlsoInTransaction& also) {
    Transaction transaction(store.db());
    Database& db = store.db();
    store.adoptDeviceId(deviceId);
    if (store.eventsMadeHere() > 0) requeueRecentOwnEvents(db, deviceId, {}, now);
    putMeta(db, kHubUrlKey, enrollment.hubUrl);
    putMeta(db, kTokenKey, enrollment.token);
    putMeta(db, kSiteKey, enrollment.siteId);
    putMeta(db, kPinsKey, Json(enrollment.pins).dump());
    // A new enrollment starts a new history with the hub.
    for (const char* key : {kCursorKey, kEpochKey, kLastErrorKey, kFailingSinceKey}) dropMeta(db, key);
    if (also) also(db);
    transaction.commit();
}

SyncRequest nextSyncRequest(Store& store, TimeMs deviceNow, std::size_t batchLimit, const std::string& appVersion) {
    ReadTransaction snapshot(store.db());
    SyncRequest request;
    request.cursor = store.meta(kCursorKey) ? std::stoll(*store.meta(kCursorKey)) : 0;
    request.epoch = store.meta(kEpochKey).value_or("");
    request.events = store.outbox(batchLimit);
    request.deviceClockMs = deviceNow;
    request.appVersion = appVersion;
    request.outboxDepth = static_cast<std::int64_t>(store.outboxDepth());
    request.setAside = setAsideReports(store.db());
    const DeviceInstant now = store.deviceNow();
    request.deviceBootId = now.bootId;
    request.deviceMonotonicMs = now.monotonicMs;
    request.eventClocks = eventClocks(store.db(), request.events);
    request.updateNeeded = countRows(store.db(), "SELECT count(*) FROM unread_events") > 0;
    return request;
}

SyncOutcome applySyncResponse(Store& store, const SyncResponse& response, TimeMs deviceClockMs, const std::string& bootId) {
    SyncOutcome outcome;
    const std::string previousEpoch = store.meta(kEpochKey).value_or("");
    outcome.epochChanged = !previousEpoch.empty() && previousEpoch != response.epoch;
    outcome.more = response.more;
    const ReceivedEvents received = withoutConflicts(store, withKeptNowReadable(store.db(), response.changes.events), outcome.conflicts);
    const std::vector<Event>& events = received.kept;
    const std::string deviceId = store.deviceId();
    const TimeMs offsetInUse = hubClockOffset(store, bootId).value_or(0);
    const TimeMs deviceNow = deviceClockMs + offsetInUse;  // the kiosk's clock, as it dates things
    const auto applied = store.applyReceived(events, deviceNow, [&](Database& db) {
        acknowledge(db, response.acked);
        if (outcome.epochChanged) outcome.requeued = requeueRecentOwnEvents(db, deviceId, response.acked, deviceNow);
        keepUnread(db, response.changes.unread, deviceNow);
        forgetOldCodeChanges(db, deviceNow);
        keepDirectory(db, response.changes.members);
        keepAvailability(db, response.changes.availability);
        putMeta(db, kCursorKey, std::to_string(response.cursor));
        putMeta(db, kEpochKey, response.epoch);
        // The clock moves only once the queue is empty: the hub corrects each
        // batch by the offset the kiosk had when it made those events.
        TimeMs offset = offsetInUse;
        if (countRows(db, "SELECT count(*) FROM outbox") == 0) {
            offset = response.serverTimeMs - deviceClockMs;
            putMeta(db, kOffsetKey, std::to_string(offset));
            putMeta(db, kOffsetBootKey, bootId);
        }
        // On the clock the kiosk reads from now on, which Home compares it with.
        putMeta(db, kLastSuccessKey, std::to_string(deviceClockMs + offset));
        store.limitClock(response.serverTimeMs);
        dropMeta(db, kLastErrorKey);
        dropMeta(db, kFailingSinceKey);
        // Said over a connection verified against the pins held: after the hub
        // moved to its backup key, this is how a kiosk learns the new backup.
        // None (a hub behind a TLS proxy): keep ours.
        if (!response.hubKeyPins.empty()) putMeta(db, kPinsKey, Json(response.hubKeyPins).dump());
        // Last, once the answer's forgettings are applied and its period kept.
        unlinkVisits(db, received.unlinkedByHub);
        keepVisitLinkMonths(db, response.visitLinkMonths);
        applyPrivacyRules(db, deviceNow, mayConcernForgotten(response.changes.events));
    });
    outcome.acked = response.acked.size();
    outcome.received = static_cast<std::size_t>(std::count(applied.begin(), applied.end(), ApplyOutcome::Applied));
    return outcome;
}

std::optional<SiteAvailability> loadSiteAvailability(Database& db, const std::string& siteId) {
    Statement& row = db.prepare(
        "SELECT free_places, places_in_service, open, override, as_of FROM site_availability WHERE site_id = ?1");
    row.bind(1, siteId);
    if (!row.step()) return std::nullopt;
    SiteAvailability a;
    a.siteId = siteId;
    a.freePlaces = static_cast<int>(row.columnInt(0));
    a.placesInService = static_cast<int>(row.columnInt(1));
    a.open = row.columnInt(2) != 0;
    a.override = siteOverrideFromString(row.columnText(3)).value_or(SiteOverride::None);
    a.asOf = row.columnInt(4);
    row.reset();
    return a;
}

std::optional<MemberDirectoryEntry> findInMemberDirectory(Database& db, const std::string& code) {
    Statement& row = db.prepare("SELECT member_id, code, first_name FROM member_directory WHERE code = ?1 LIMIT 1");
    row.bind(1, code);
    if (!row.step()) return std::nullopt;
    MemberDirectoryEntry entry{row.columnText(0), row.columnText(1), row.columnText(2)};
    row.reset();
    return entry;
}

std::optional<std::string> directoryFirstName(Database& db, const std::string& memberId) {
    Statement& row = db.prepare("SELECT first_name FROM member_directory WHERE member_id = ?1");
    row.bind(1, memberId);
    std::optional<std::string> name;
    if (row.step()) name = row.columnText(0);
    row.reset();
    return name;
}

void setAsideEvent(Store& store, const std::string& eventId, const std::string& reason, TimeMs now) {
    Database& db = store.db();
    Transaction transaction(db);
    db.prepare("DELETE FROM outbox WHERE event_id = ?1").bind(1, eventId).run();
    db.prepare("INSERT INTO set_aside(event_id, reason, at) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM events WHERE id = ?1) "
               "ON CONFLICT(event_id) DO UPDATE SET reason = excluded.reason")
        .bind(1, eventId).bind(2, reason).bind(3, now).run();
    transaction.commit();
}

bool replaceTakenMemberCode(Store& store, const Event& refused, TimeMs now) {
    const auto* registered = std::get_if<MemberRegistered>(&refused.payload);
    if (!registered) return false;
    Database& db = store.db();
    if (!isCurrentRegistration(db, registered->member.id, refused.id)) {
        // Replaced already (sent again after a new epoch): the newer one counts.
        store.acknowledge({refused.id});
        return true;
    }
    Member member = registered->member;
    member.code = generateMemberCode([&](const std::string& code) { return code == registered->member.code || isMemberCodeTaken(db, code); });
    store.recordLocal({store.makeEvent(MemberRegistered{member}, now)}, now, [&](Database& d) {
        d.prepare("DELETE FROM outbox WHERE event_id = ?1").bind(1, refused.id).run();
        d.prepare("INSERT INTO member_code_changes(member_id, old_code, new_code, at) VALUES(?1, ?2, ?3, ?4) "
                  "ON CONFLICT(member_id) DO UPDATE SET new_code = excluded.new_code, at = excluded.at")
            .bind(1, member.id).bind(2, registered->member.code).bind(3, member.code).bind(4, now).run();
    });
    return true;
}

std::vector<MemberCodeChange> recentMemberCodeChanges(Database& db, TimeMs now) {
    std::vector<MemberCodeChange> changes;
    Statement& row = db.prepare(
        "SELECT m.first_name, c.old_code, c.new_code FROM member_code_changes c JOIN members m ON m.id = c.member_id "
        "WHERE c.at >= ?1 ORDER BY c.at DESC");
    row.bind(1, now - kCodeChangeShownMs);
    while (row.step()) changes.push_back({row.columnText(0), row.columnText(1), row.columnText(2)});
    return changes;
}

std::size_t requeueSetAside(Store& store, TimeMs now) {
    Database& db = store.db();
    Transaction transaction(db);
    db.prepare("INSERT OR IGNORE INTO outbox(event_id, queued_at) SELECT event_id, ?1 FROM set_aside").bind(1, now).run();
    const auto moved = static_cast<std::size_t>(db.changes());
    db.exec("DELETE FROM set_aside");
    transaction.commit();
    return moved;
}

SyncHealth loadSyncHealth(Store& store) {
    ReadTransaction snapshot(store.db());
    SyncHealth health;
    health.enrolled = store.meta(kTokenKey).has_value();
    health.lastSuccessAt = metaTime(store, kLastSuccessKey);
    health.failingSince = metaTime(store, kFailingSinceKey);
    health.lastError = store.meta(kLastErrorKey).value_or("");
    health.outboxDepth = store.outboxDepth();
    health.setAside = static_cast<std::size_t>(countRows(store.db(), "SELECT count(*) FROM set_aside"));
    health.updateNeeded = countRows(store.db(), "SELECT count(*) FROM unread_events") > 0;
    return health;
}

void noteSyncFailure(Store& store, const std::string& error, TimeMs now) {
    Database& db = store.db();
    Transaction transaction(db);
    putMeta(db, kLastErrorKey, error);
    db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES(?1, ?2)").bind(1, kFailingSinceKey).bind(2, std::to_string(now)).run();
    transaction.commit();
}

std::optional<TimeMs> hubClockOffset(Store& store, const std::string& bootId) {
    if (store.meta(kOffsetBootKey).value_or("") != bootId || bootId.empty()) return std::nullopt;
    return metaTime(store, kOffsetKey);
}

}  // namespace cowork
