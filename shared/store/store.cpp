#include "store/store.hpp"

#include "events/event_codec.hpp"
#include "store/migrations.hpp"
#include "store/projector.hpp"

namespace cowork {
namespace {

Event eventFromRow(Statement& row, int firstColumn) {
    Event event;
    event.id = row.columnText(firstColumn);
    event.origin = row.columnText(firstColumn + 1);
    event.stamp.packed = row.columnInt(firstColumn + 2);
    // The log only holds events that decoded once; a failure here means the file
    // was edited or damaged, and the message says which event.
    const Json payload = parseJson(row.columnText(firstColumn + 4));
    try {
        event.payload = decodePayload(row.columnText(firstColumn + 3), JsonObject(payload, "payload"));
    } catch (const InputError& e) {
        throw StoreError("événement " + event.id + " illisible dans la base : " + e.what());
    }
    return event;
}

}  // namespace

EventConflictError::EventConflictError(std::string eventId)
    : StoreError("l'événement " + eventId + " existe déjà avec un autre contenu"), eventId_(std::move(eventId)) {}

Store::Store(const std::string& path, StoreRole role) : db_(path), role_(role) {
    migrate(db_, latestSchemaVersion(), [this] { replayLog(); });
    if (auto id = meta("device_id")) {
        deviceId_ = *id;
    } else {
        deviceId_ = role_ == StoreRole::Hub ? kHubDeviceId : newUuid7(systemNowMs());
        setMeta("device_id", deviceId_);
    }
    followSavedClock();
}

Event Store::makeEvent(EventPayload payload, TimeMs nowMs) {
    followSavedClock();
    // ...and may have enrolled this device, which gives it the hub's id.
    if (auto id = meta("device_id")) deviceId_ = *id;
    if (role_ == StoreRole::Hub) clock_.limitTo(driftCeiling(nowMs));
    return Event{ids_.next(nowMs), deviceId_, clock_.tick(nowMs), std::move(payload)};
}

void Store::followSavedClock() {
    const auto saved = meta("hlc_last");
    if (!saved) return;
    const HlcStamp inFile{std::stoll(*saved)};
    // Another connection to this file (the kiosk's sync worker) may have seen
    // later stamps from the hub: a local change must still come after them. Or
    // it took the clock back (limitClock): this one goes back with it.
    if (inFile < clockInFile_) clock_.limitTo(inFile);
    clock_.restore(inFile);
    clockInFile_ = inFile;
}

void Store::limitClock(TimeMs referenceNowMs) {
    const HlcStamp ceiling = driftCeiling(referenceNowMs);
    clock_.limitTo(ceiling);
    db_.prepare("UPDATE meta SET value = CAST(min(CAST(value AS INTEGER), ?1) AS TEXT) WHERE key = 'hlc_last'")
        .bind(1, ceiling.packed)
        .run();
    clockInFile_ = std::min(clockInFile_, ceiling);
}

void Store::saveClock() {
    // Never backwards, whichever connection saves last (only limitClock takes it back).
    db_.prepare("INSERT INTO meta(key, value) VALUES('hlc_last', ?1) ON CONFLICT(key) DO UPDATE SET value = "
                "CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)")
        .bind(1, std::to_string(clock_.last().packed))
        .run();
    clockInFile_ = std::max(clockInFile_, clock_.last());
}

std::int64_t Store::eventsMadeHere() {
    if (auto id = meta("device_id")) deviceId_ = *id;
    Statement& made = db_.prepare("SELECT count(*) FROM events WHERE origin = ?1");
    made.bind(1, deviceId_);
    made.step();
    const std::int64_t count = made.columnInt(0);
    made.reset();
    return count;
}

void Store::adoptDeviceId(const std::string& deviceId) {
    // Events already made here name the old id: the hub would refuse them as forged.
    if (deviceId != deviceId_ && eventsMadeHere() > 0) {
        throw StoreError("ce kiosque a déjà enregistré des passages sous un autre identifiant : "
                         "repartez d'un dossier de données vide pour l'inscrire");
    }
    setMeta("device_id", deviceId);
    deviceId_ = deviceId;
}

ApplyOutcome Store::logAndApply(const Event& event, TimeMs nowMs) {
    if (const auto existing = findEvent(event.id)) {
        if (canonicalEventText(*existing) != canonicalEventText(event)) throw EventConflictError(event.id);
        return ApplyOutcome::AlreadyPresent;
    }
    db_.prepare("INSERT INTO events(id, origin, stamp, kind, payload, received_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, event.id)
        .bind(2, event.origin)
        .bind(3, event.stamp.packed)
        .bind(4, event.kind())
        .bind(5, encodePayload(event.payload).dump())
        .bind(6, nowMs)
        .run();
    applyToProjections(db_, event);
    return ApplyOutcome::Applied;
}

void Store::recordLocal(const std::vector<Event>& events, TimeMs nowMs, const AlsoInTransaction& also) {
    Transaction transaction(db_);
    for (const Event& event : events) {
        if (logAndApply(event, nowMs) == ApplyOutcome::Applied && role_ == StoreRole::Kiosk) {
            const DeviceInstant made = deviceClock_();
            db_.prepare("INSERT INTO outbox(event_id, queued_at, boot_id, monotonic_ms) VALUES(?1, ?2, ?3, ?4)")
                .bind(1, event.id).bind(2, nowMs).bind(3, made.bootId).bind(4, made.monotonicMs).run();
        }
    }
    if (also) also(db_);
    saveClock();
    transaction.commit();
}

std::vector<ApplyOutcome> Store::applyReceived(const std::vector<Event>& events, TimeMs nowMs,
                                              const AlsoInTransaction& also) {
    std::vector<ApplyOutcome> outcomes;
    Transaction transaction(db_);
    // The hub's clock is the reference: it follows a stamp no further than the
    // bound past its own time, whatever a kiosk sent (and it puts kiosks' stamps
    // on its clock before they come here). A kiosk's clock follows the hub's
    // stamps whatever its own time reads (1970 after a boot without network):
    // its sync takes it back within the bound of the hub's time.
    const bool isHub = role_ == StoreRole::Hub;
    for (const Event& event : events) {
        outcomes.push_back(logAndApply(event, nowMs));
        clock_.observe(isHub ? std::min(event.stamp, driftCeiling(nowMs)) : event.stamp, nowMs);
    }
    if (isHub) limitClock(nowMs);
    if (also) also(db_);
    saveClock();
    transaction.commit();
    return outcomes;
}

std::vector<Event> Store::outbox(std::size_t limit) {
    std::vector<Event> out;
    Statement& row = db_.prepare(
        "SELECT e.id, e.origin, e.stamp, e.kind, e.payload FROM outbox o JOIN events e ON e.id = o.event_id "
        "ORDER BY e.seq LIMIT ?1");
    row.bind(1, static_cast<std::int64_t>(limit));
    while (row.step()) out.push_back(eventFromRow(row, 0));
    return out;
}

std::size_t Store::outboxDepth() {
    Statement& row = db_.prepare("SELECT count(*) FROM outbox");
    row.step();
    const auto depth = static_cast<std::size_t>(row.columnInt(0));
    row.reset();
    return depth;
}

void Store::acknowledge(const std::vector<std::string>& eventIds) {
    Transaction transaction(db_);
    for (const std::string& id : eventIds) db_.prepare("DELETE FROM outbox WHERE event_id = ?1").bind(1, id).run();
    transaction.commit();
}

std::vector<LoggedEvent> Store::eventsAfter(std::int64_t seq, std::size_t limit) {
    std::vector<LoggedEvent> out;
    Statement& row = db_.prepare(
        "SELECT seq, id, origin, stamp, kind, payload FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    row.bind(1, seq).bind(2, static_cast<std::int64_t>(limit));
    while (row.step()) out.push_back({row.columnInt(0), eventFromRow(row, 1)});
    return out;
}

std::vector<LoggedEvent> Store::eventsAfter(std::int64_t seq, std::size_t limit, const std::vector<std::string>& kinds) {
    std::vector<LoggedEvent> out;
    Statement& row = db_.prepare(
        "SELECT seq, id, origin, stamp, kind, payload FROM events "
        "WHERE seq > ?1 AND kind IN (SELECT value FROM json_each(?3)) ORDER BY seq LIMIT ?2");
    row.bind(1, seq).bind(2, static_cast<std::int64_t>(limit)).bind(3, Json(kinds).dump());
    while (row.step()) out.push_back({row.columnInt(0), eventFromRow(row, 1)});
    return out;
}

std::optional<Event> Store::findEvent(const std::string& id) {
    Statement& row = db_.prepare("SELECT id, origin, stamp, kind, payload FROM events WHERE id = ?1");
    row.bind(1, id);
    if (!row.step()) return std::nullopt;
    Event event = eventFromRow(row, 0);
    row.reset();
    return event;
}

std::int64_t Store::eventCount() {
    Statement& row = db_.prepare("SELECT count(*) FROM events");
    row.step();
    const std::int64_t count = row.columnInt(0);
    row.reset();
    return count;
}

std::int64_t Store::lastSeq() {
    Statement& row = db_.prepare("SELECT coalesce(max(seq), 0) FROM events");
    row.step();
    const std::int64_t seq = row.columnInt(0);
    row.reset();
    return seq;
}

void Store::rebuildProjections() {
    Transaction transaction(db_);
    replayLog();
    transaction.commit();
}

void Store::replayLog() {
    clearProjections(db_);
    // Streamed: the projector never touches the events table being read.
    Statement& row = db_.prepare("SELECT id, origin, stamp, kind, payload FROM events ORDER BY stamp, id");
    while (row.step()) applyToProjections(db_, eventFromRow(row, 0));
}

std::optional<std::string> Store::meta(const std::string& key) {
    Statement& row = db_.prepare("SELECT value FROM meta WHERE key = ?1");
    row.bind(1, key);
    if (!row.step()) return std::nullopt;
    std::string value = row.columnText(0);
    row.reset();
    return value;
}

void Store::setMeta(const std::string& key, const std::string& value) {
    db_.prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

}  // namespace cowork
