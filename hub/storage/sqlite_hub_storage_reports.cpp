#include <spdlog/spdlog.h>

#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {

SqliteHubStorage::~SqliteHubStorage() { writeHeldReports(); }

// A kiosk syncing twice within the second (its follow-ups) keeps its latest
// report and its first sync's time, for the sync slots.
void SqliteHubStorage::holdReport(const AuthenticatedDevice& device, const DeviceReport& report, TimeMs now) {
    std::lock_guard lock(reportsMutex_);
    const auto held = heldReports_.find(device.deviceId);
    const TimeMs firstSyncAt = held == heldReports_.end() ? now : std::min(held->second.firstSyncAt, now);
    heldReports_[device.deviceId] = HeldReport{device, report, firstSyncAt, now};
    TimeMs& siteSeen = heldLastSeenBySite_[device.siteId];
    siteSeen = std::max(siteSeen, now);
}

void SqliteHubStorage::writeHeldReports() { lockWithReportsWritten(); }

// Without waiting for the disk, as the syncs that brought them (the pragma
// cannot change inside a transaction: set before, reset after). A failure (a
// full disk) keeps them held, tried again a second later, and lets the read go
// on with what the file says: the console's kiosk list must not fail with it.
// Lost only if the hub stops meanwhile; each kiosk sends its report again at
// its next sync.
std::unique_lock<std::mutex> SqliteHubStorage::lockWithReportsWritten() {
    std::unique_lock lock(mutex_);
    try {
        TakenReports taken(*this);
        if (taken.empty()) return lock;
        const CommitWithoutWaitingForDisk reportsOnly(store_.db());
        Transaction transaction(store_.db());
        taken.write(store_.db());
        transaction.commit();
        taken.committed();
    } catch (const std::exception& e) {
        spdlog::error("event=reports_not_written error=\"{}\"", e.what());
    }
    return lock;
}

void SqliteHubStorage::writeReport(Database& db, const AuthenticatedDevice& device, const DeviceReport& report, TimeMs now) {
    db.prepare("UPDATE hub_devices SET last_seen = ?1, app_version = ?2, outbox_depth = ?3, clock_offset_ms = ?4, "
               "update_needed = ?6 WHERE device_id = ?5")
        .bind(1, now).bind(2, report.appVersion).bind(3, report.outboxDepth).bind(4, report.clockOffsetMs)
        .bind(5, device.deviceId).bind(6, report.updateNeeded ? 1 : 0).run();
    saveSetAside(db, device.deviceId, report, now);
    recordSyncSlot(db, device.deviceId, device.siteId, now);
}

SqliteHubStorage::TakenReports::TakenReports(SqliteHubStorage& storage) : storage_(storage), everyKiosk_(true) {
    std::lock_guard lock(storage_.reportsMutex_);
    reports_.swap(storage_.heldReports_);
}

SqliteHubStorage::TakenReports::TakenReports(SqliteHubStorage& storage, const std::string& deviceId) : storage_(storage) {
    std::lock_guard lock(storage_.reportsMutex_);
    if (auto held = storage_.heldReports_.extract(deviceId)) reports_.insert(std::move(held));
}

// Not committed: back where they were, unless a newer report of the same kiosk
// came meanwhile, which wins (keeping the earlier sync's slot).
SqliteHubStorage::TakenReports::~TakenReports() {
    if (committed_ || reports_.empty()) return;
    std::lock_guard lock(storage_.reportsMutex_);
    for (auto& [deviceId, held] : reports_) {
        const auto [kept, inserted] = storage_.heldReports_.try_emplace(deviceId, held);
        if (!inserted) kept->second.firstSyncAt = std::min(kept->second.firstSyncAt, held.firstSyncAt);
        TimeMs& siteSeen = storage_.heldLastSeenBySite_[held.device.siteId];
        siteSeen = std::max(siteSeen, kept->second.lastSyncAt);
    }
}

// The sites' last word kept in memory until the file has it (availability
// then reads it there), so that it never goes back meanwhile.
void SqliteHubStorage::TakenReports::committed() {
    committed_ = true;
    if (!everyKiosk_) return;
    std::lock_guard lock(storage_.reportsMutex_);
    storage_.heldLastSeenBySite_.clear();
    for (const auto& [deviceId, held] : storage_.heldReports_) {
        TimeMs& siteSeen = storage_.heldLastSeenBySite_[held.device.siteId];
        siteSeen = std::max(siteSeen, held.lastSyncAt);
    }
}

void SqliteHubStorage::TakenReports::write(Database& db) const {
    for (const auto& [deviceId, held] : reports_) {
        storage_.writeReport(db, held.device, held.report, held.lastSyncAt);
        if (held.firstSyncAt != held.lastSyncAt) recordSyncSlot(db, held.device.deviceId, held.device.siteId, held.firstSyncAt);
    }
}

}  // namespace cowork::hub
