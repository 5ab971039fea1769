#include "storage/sqlite_hub_storage.hpp"

#include <algorithm>

#include "events/event_codec.hpp"
#include "domain/paris_time.hpp"
#include "domain/retention_periods.hpp"
#include "security/secrets.hpp"
#include "service/public_network.hpp"
#include "storage/hub_schema.hpp"
#include "store/member_reads.hpp"
#include "store/site_reads.hpp"
#include "store/visit_reads.hpp"

namespace cowork::hub {

SqliteHubStorage::SqliteHubStorage(const std::string& databasePath, std::chrono::milliseconds reportWriteInterval)
    : store_(databasePath, StoreRole::Hub),
      checkpointer_(databasePath),
      readers_(databasePath),
      reportWriter_(reportWriteInterval, PeriodicThread::Start::AfterInterval, [this] { writeHeldReports(); }) {
    store_.db().exec("PRAGMA wal_autocheckpoint=0");  // the checkpointer's job
    migrateHubSchema(store_.db());
    if (!store_.meta("epoch")) store_.setMeta("epoch", newUuid7(systemNowMs()));
}

NetworkImportReport SqliteHubStorage::importNetwork(const NetworkFile& network, TimeMs now) {
    std::lock_guard lock(mutex_);
    const NetworkImportReport report = cowork::importNetwork(store_, network, now);
    // The public feed's share of the file (communes, publisher, travel times): only
    // the hub publishes them, so they stay out of the log the kiosks receive.
    store_.db()
        .prepare("INSERT INTO hub_settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, kPublicNetworkSetting)
        .bind(2, encodePublicNetwork(publicNetworkOf(network)))
        .run();
    // The communes' codes and centres are the hub's alone (kiosks need only the
    // names, sent by the import's event): a crash between the two transactions
    // leaves the old facts, which importing the file again replaces.
    Database& db = store_.db();
    Transaction transaction(db);
    db.prepare("DELETE FROM hub_communes").run();
    Statement& insert = db.prepare("INSERT OR REPLACE INTO hub_communes(name, insee, lat, lon) VALUES(?1, ?2, ?3, ?4)");
    for (const CommunePlace& commune : network.communePlaces) {
        insert.bind(1, commune.name);
        if (commune.insee.empty()) insert.bindNull(2); else insert.bind(2, commune.insee);
        if (commune.coordinates) {
            insert.bind(3, commune.coordinates->lat).bind(4, commune.coordinates->lon);
        } else {
            insert.bindNull(3).bindNull(4);
        }
        insert.run();
        insert.reset();
    }
    transaction.commit();
    return report;
}

bool SqliteHubStorage::siteExists(const std::string& siteId) {
    std::lock_guard lock(mutex_);
    return loadSite(store_.db(), siteId).has_value();
}

EnrollmentCode SqliteHubStorage::createEnrollmentCode(const std::string& siteId, TimeMs now) {
    std::lock_guard lock(mutex_);
    EnrollmentCode code{newEnrollmentCode(), siteId, now + kEnrollmentCodeValidityMs};
    store_.db()
        .prepare("INSERT INTO hub_enrollment_codes(code_hash, site_id, created_at, expires_at) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, sha256Hex(normalizeEnrollmentCode(code.code)))
        .bind(2, siteId)
        .bind(3, now)
        .bind(4, code.expiresAt)
        .run();
    return code;
}

std::variant<EnrolledDevice, EnrollRefusal> SqliteHubStorage::enroll(const EnrollRequest& request, TimeMs now) {
    std::lock_guard lock(mutex_);
    const std::string codeHash = sha256Hex(normalizeEnrollmentCode(request.code));
    Statement& code = store_.db().prepare(
        "SELECT site_id, expires_at, used_at IS NOT NULL FROM hub_enrollment_codes WHERE code_hash = ?1");
    code.bind(1, codeHash);
    if (!code.step()) return EnrollRefusal::UnknownCode;
    const std::string siteId = code.columnText(0);
    const TimeMs expiresAt = code.columnInt(1);
    const bool used = code.columnInt(2) != 0;
    code.reset();
    if (used) return EnrollRefusal::AlreadyUsed;
    if (now >= expiresAt) return EnrollRefusal::Expired;
    const auto deviceId = deviceIdFor(request, siteId, now);
    if (const auto* refusal = std::get_if<EnrollRefusal>(&deviceId)) return *refusal;

    EnrolledDevice device{std::get<std::string>(deviceId), randomToken(), siteId};
    const Event registered = store_.makeEvent(
        DeviceRegistered{{device.deviceId, siteId, request.deviceName, request.appVersion, now, false}}, now);
    store_.recordLocal({registered}, now, [&](Database& db) {
        db.prepare("UPDATE hub_enrollment_codes SET used_at = ?1, device_id = ?2 WHERE code_hash = ?3 AND used_at IS NULL")
            .bind(1, now).bind(2, device.deviceId).bind(3, codeHash).run();
        if (db.changes() != 1) throw StoreError("code d’enrôlement utilisé en même temps par un autre kiosque");
        db.prepare("INSERT INTO hub_devices(device_id, site_id, token_hash, name, app_version, enrolled_at) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, device.deviceId).bind(2, siteId).bind(3, sha256Hex(device.token)).bind(4, request.deviceName)
            .bind(5, request.appVersion).bind(6, now).run();
    });
    return device;
}

// A kiosk coming back keeps its id only if this hub never knew it (enrolled
// after the backup this hub was restored from): the code, given by the
// coordinator for the kiosk's own site, vouches for it. The id of a device the
// hub knows is never handed over: an active one keeps its token, a revoked one
// stays out. The code is not spent by a refusal.
std::variant<std::string, EnrollRefusal> SqliteHubStorage::deviceIdFor(const EnrollRequest& request, const std::string& codeSite,
                                                                       TimeMs now) {
    if (request.deviceId.empty()) return newUuid7(now);
    if (request.siteId != codeSite) return EnrollRefusal::OtherSite;
    Statement& row = store_.db().prepare("SELECT revoked_at IS NOT NULL FROM hub_devices WHERE device_id = ?1");
    row.bind(1, request.deviceId);
    if (row.step()) {
        const bool revoked = row.columnInt(0) != 0;
        row.reset();
        return revoked ? EnrollRefusal::DeviceRevoked : EnrollRefusal::DeviceKnown;
    }
    return request.deviceId;
}

std::optional<AuthenticatedDevice> SqliteHubStorage::authenticate(const std::string& token) {
    const auto reader = readers_.lease();
    Statement& row = reader.db().prepare(
        "SELECT device_id, site_id FROM hub_devices WHERE token_hash = ?1 AND revoked_at IS NULL");
    row.bind(1, sha256Hex(token));
    if (!row.step()) return std::nullopt;
    AuthenticatedDevice device{row.columnText(0), row.columnText(1)};
    row.reset();
    return device;
}

bool SqliteHubStorage::revokeDevice(const std::string& deviceId, TimeMs now) {
    std::lock_guard lock(mutex_);
    Statement& row = store_.db().prepare("SELECT revoked_at IS NULL FROM hub_devices WHERE device_id = ?1");
    row.bind(1, deviceId);
    if (!row.step()) return false;
    const bool active = row.columnInt(0) != 0;
    row.reset();
    if (!active) return true;
    store_.recordLocal({store_.makeEvent(DeviceRevoked{deviceId}, now)}, now, [&](Database& db) {
        db.prepare("UPDATE hub_devices SET revoked_at = ?1, unvouched_since = NULL WHERE device_id = ?2").bind(1, now).bind(2, deviceId).run();
    });
    return true;
}

bool SqliteHubStorage::confirmDevice(const std::string& deviceId) {
    std::lock_guard lock(mutex_);
    store_.db().prepare("UPDATE hub_devices SET unvouched_since = NULL WHERE device_id = ?1").bind(1, deviceId).run();
    if (store_.db().changes() == 1) return true;
    Statement& row = store_.db().prepare("SELECT 1 FROM hub_devices WHERE device_id = ?1");
    row.bind(1, deviceId);
    const bool known = row.step();
    row.reset();
    return known;
}

std::vector<DeviceStatus> SqliteHubStorage::devices() {
    const auto lock = lockWithReportsWritten();
    std::vector<DeviceStatus> out;
    Statement& row = store_.db().prepare(
        "SELECT device_id, site_id, name, app_version, enrolled_at, last_seen, outbox_depth, clock_offset_ms, "
        "revoked_at IS NOT NULL, (SELECT count(*) FROM hub_set_aside s WHERE s.device_id = d.device_id), "
        "update_needed, unvouched_since FROM hub_devices d ORDER BY site_id, enrolled_at");
    while (row.step()) {
        out.push_back({row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3), row.columnInt(4),
                       row.columnOptionalInt(5), row.columnInt(6), row.columnInt(7), row.columnInt(8) != 0,
                       row.columnInt(9), row.columnInt(10) != 0, row.columnOptionalInt(11)});
    }
    return out;
}

int SqliteHubStorage::devicesSeenSince(TimeMs since) {
    const auto lock = lockWithReportsWritten();
    Statement& row = store_.db().prepare("SELECT count(*) FROM hub_devices WHERE last_seen >= ?1 AND revoked_at IS NULL");
    row.bind(1, since);
    row.step();
    const auto count = static_cast<int>(row.columnInt(0));
    row.reset();
    return count;
}

// A resend (a lost acknowledgement, a push to a hub with a new epoch) carries
// the kiosk's stamp, which the hub re-dated when the event first came: compared
// with the logged copy on its stamp, it would pass for a conflict.
std::vector<Event> SqliteHubStorage::withLoggedStamps(const std::vector<Event>& batch) {
    std::vector<Event> events = batch;
    Statement& row = store_.db().prepare("SELECT stamp FROM events WHERE id = ?1");
    for (Event& event : events) {
        row.bind(1, event.id);
        if (row.step()) event.stamp.packed = row.columnInt(0);
        row.reset();
    }
    return events;
}

std::vector<ApplyOutcome> SqliteHubStorage::applyBatch(const AuthenticatedDevice& device, const std::vector<Event>& batch,
                                                       const DeviceReport& report, const std::set<std::string>& futureIds,
                                                       const std::string& staleEpoch, TimeMs now) {
    if (batch.empty() && staleEpoch.empty()) {
        holdReport(device, report, now);
        return {};
    }
    const TimeMs linkedSince = monthsBefore(now, visitLinkMonthsOr(setting("visit_link_months")));
    std::lock_guard lock(mutex_);
    const std::vector<Event> events = withLoggedStamps(batch);
    // The kiosk's own held report goes with its batch, older first; the others
    // wait for the writer's second: fewer pages in a commit that waits for the disk.
    TakenReports heldReports(*this, device.deviceId);
    // Acknowledged all the same: the kiosk must stop sending them.
    const std::vector<Event> taken = withoutRemovedPersonalData(events);
    const auto recordArrival = [&](Database& db) {
        if (!staleEpoch.empty()) renewEpoch(staleEpoch, now);
        for (const Event& event : taken) {
            db.prepare("INSERT OR IGNORE INTO hub_received(event_id, device_id, received_at, clock_offset_ms, "
                       "stamped_in_future) VALUES(?1, ?2, ?3, ?4, ?5)")
                .bind(1, event.id).bind(2, device.deviceId).bind(3, now).bind(4, report.offsetFor(event.id))
                .bind(5, futureIds.count(event.id) ? 1 : 0).run();
        }
        heldReports.write(db);
        writeReport(db, device, report, now);
    };
    try {
        // The hub's "sent" receipts and member resolutions commit with the
        // messages and visits they answer.
        std::vector<Event> withReceipts = taken;
        for (Event& receipt : sentReceipts(taken, now)) withReceipts.push_back(std::move(receipt));
        for (Event& resolution : memberResolutions(taken, now)) withReceipts.push_back(std::move(resolution));
        for (Event& resolution : lateResolutions(taken, linkedSince, now)) withReceipts.push_back(std::move(resolution));
        // A batch the hub held already (resent after a lost acknowledgement)
        // leaves only reports: committed without waiting for the disk, as held
        // reports are. Lost to a power cut, a report is written again at the
        // next sync; in WAL mode the next commit that does wait flushes the log
        // up to itself, this one included, so nothing acknowledged is ever lost.
        std::optional<CommitWithoutWaitingForDisk> reportOnly;
        if (withReceipts.empty() && staleEpoch.empty()) reportOnly.emplace(store_.db());
        const std::vector<ApplyOutcome> applied = store_.applyReceived(withReceipts, now, recordArrival);
        heldReports.committed();
        reportOnly.reset();
        figuresVisits_.dropIfRewritten(store_.db());  // a batch may forget members (personal_data.cpp)
        // `taken` keeps the batch's order: what it left out was there already.
        std::vector<ApplyOutcome> outcomes;
        std::size_t next = 0;
        for (const Event& event : events) {
            const bool wasTaken = next < taken.size() && taken[next].id == event.id;
            outcomes.push_back(wasTaken ? applied[next++] : ApplyOutcome::AlreadyPresent);
        }
        return outcomes;
    } catch (const EventConflictError& e) {
        logConflict(e.eventId(), device.deviceId, batch, now);
        throw;
    }
}

// The kiosk's list replaces the last one: what it dropped disappears.
void SqliteHubStorage::saveSetAside(Database& db, const std::string& deviceId, const DeviceReport& report, TimeMs now) {
    db.prepare("DELETE FROM hub_set_aside WHERE device_id = ?1").bind(1, deviceId).run();
    for (const SetAsideReport& entry : report.setAside) {
        db.prepare("INSERT OR REPLACE INTO hub_set_aside(device_id, event_id, kind, reason, at, reported_at) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, deviceId).bind(2, entry.eventId).bind(3, entry.kind).bind(4, entry.reason)
            .bind(5, entry.at + report.clockOffsetMs).bind(6, now).run();
    }
}

void SqliteHubStorage::logConflict(const std::string& eventId, const std::string& deviceId,
                                   const std::vector<Event>& batch, TimeMs now) {
    const auto it = std::find_if(batch.begin(), batch.end(), [&](const Event& e) { return e.id == eventId; });
    store_.db()
        .prepare("INSERT INTO hub_conflicts(event_id, device_id, at, content) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, eventId)
        .bind(2, deviceId)
        .bind(3, now)
        .bind(4, it == batch.end() ? std::string() : conflictRecord(*it))
        .run();
}

ChangesPage SqliteHubStorage::changesAfter(std::int64_t cursor, std::size_t limit, const std::vector<std::string>& kinds) {
    const auto reader = readers_.lease();
    // One snapshot: an import-network run by another process cannot slip events
    // in between the page and the log's end.
    const ReadTransaction snapshot(reader.db());
    const std::int64_t end = reader->lastSeq();
    ChangesPage page;
    page.events = reader->eventsAfter(cursor, limit + 1, kinds);
    page.logEnd = end;
    page.more = page.events.size() > limit;
    if (page.more) {
        page.events.pop_back();
        page.cursor = page.events.back().seq;
    } else {
        page.cursor = std::max(cursor, end);
    }
    return page;
}

std::int64_t SqliteHubStorage::eventCount() {
    const auto reader = readers_.lease();
    return reader->eventCount();
}

std::optional<std::string> SqliteHubStorage::siteOfVisit(const std::string& visitId) {
    const auto reader = readers_.lease();
    return cowork::siteOfVisit(reader.db(), visitId);
}

std::optional<std::string> SqliteHubStorage::siteOfPlace(const std::string& placeId) {
    const auto reader = readers_.lease();
    return cowork::siteOfPlace(reader.db(), placeId);
}

std::optional<std::string> SqliteHubStorage::siteOfMessage(const std::string& messageId) {
    const auto reader = readers_.lease();
    return cowork::siteOfMessage(reader.db(), messageId);
}

std::optional<std::string> SqliteHubStorage::memberIdWithCode(const std::string& code) {
    const auto reader = readers_.lease();
    const auto member = findMemberByCode(reader.db(), code);
    return member ? std::optional<std::string>(member->id) : std::nullopt;
}

std::optional<std::string> SqliteHubStorage::registrationOfMember(const std::string& memberId) {
    const auto reader = readers_.lease();
    Statement& row = reader.db().prepare("SELECT event_id FROM members WHERE id = ?1");
    row.bind(1, memberId);
    if (!row.step()) return std::nullopt;
    std::string eventId = row.columnText(0);
    row.reset();
    return eventId;
}

}  // namespace cowork::hub
