// SqliteHubStorage: the epoch, which names the history log positions belong to.
#include "storage/hub_backup.hpp"
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {
namespace {

constexpr const char* kEpochKey = "epoch";

}  // namespace

std::string SqliteHubStorage::epoch() {
    const auto reader = readers_.lease();
    return *reader->meta(kEpochKey);
}

std::string SqliteHubStorage::startNewEpoch(TimeMs now) {
    std::lock_guard lock(mutex_);
    const std::string epoch = newUuid7(now);
    store_.setMeta(kEpochKey, epoch);
    return epoch;
}

std::string SqliteHubStorage::replaceEpoch(const std::string& stale, TimeMs now) {
    std::lock_guard lock(mutex_);
    // In a transaction: another process (new-epoch) may write the same key.
    Transaction transaction(store_.db());
    const std::string epoch = renewEpoch(stale, now);
    transaction.commit();
    return epoch;
}

std::string SqliteHubStorage::renewEpoch(const std::string& stale, TimeMs now) {
    std::string epoch = *store_.meta(kEpochKey);
    if (epoch == stale) {
        epoch = newUuid7(now);
        store_.setMeta(kEpochKey, epoch);
    }
    return epoch;
}

std::optional<std::string> SqliteHubStorage::startEpochIfRestored(TimeMs now) {
    std::lock_guard lock(mutex_);
    Transaction transaction(store_.db());
    if (!store_.meta(kEpochRotationMark)) return std::nullopt;
    const std::string epoch = newUuid7(now);
    store_.setMeta(kEpochKey, epoch);
    // The backup knows the revocations made before it, not those made since.
    store_.db().prepare("UPDATE hub_devices SET unvouched_since = ?1 WHERE revoked_at IS NULL").bind(1, now).run();
    store_.db().prepare("DELETE FROM meta WHERE key = ?1").bind(1, kEpochRotationMark).run();
    transaction.commit();
    return epoch;
}

std::int64_t SqliteHubStorage::logEnd() {
    const auto reader = readers_.lease();
    // AUTOINCREMENT's high-water mark: retention deleting the last events does not
    // lower it, so it cannot pass for a restored file.
    Statement& row = reader.db().prepare(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0), "
        "(SELECT coalesce(max(seq), 0) FROM events))");
    row.step();
    const std::int64_t end = row.columnInt(0);
    row.reset();
    return end;
}

}  // namespace cowork::hub
