#include "storage/hub_backup.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "store/sqlite_db.hpp"

namespace cowork::hub {
namespace {

namespace fs = std::filesystem;

void refuseExisting(const std::string& target) {
    if (fs::exists(target)) {
        throw std::runtime_error("« " + target + " » existe déjà : une sauvegarde n’en écrase jamais une autre, choisissez un autre nom");
    }
}

void markForNewEpoch(const std::string& copyPath) {
    Database copy(copyPath);
    copy.prepare("INSERT INTO meta(key, value) VALUES(?1, '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, kEpochRotationMark)
        .run();
    if (!copy.integrityOk()) throw std::runtime_error("la copie « " + copyPath + " » est endommagée : disque plein ou défectueux ?");
    // One file, without a write-ahead log beside it, to be carried anywhere.
    copy.exec("PRAGMA journal_mode=DELETE");
}

}  // namespace

void backupHubDatabase(const std::string& databasePath, const std::string& target) {
    if (!fs::exists(databasePath)) {
        throw std::runtime_error("aucune donnée de hub à sauvegarder : « " + databasePath + " » n’existe pas (vérifiez --data)");
    }
    refuseExisting(target);
    const std::string partial = target + ".partielle";
    fs::remove(partial);  // left by an interrupted backup
    try {
        Database source(databasePath);
        source.prepare("VACUUM INTO ?1").bind(1, partial).run();
    } catch (const StoreError& e) {
        fs::remove(partial);
        throw std::runtime_error("impossible d’écrire « " + partial + " » (dossier absent, droits, disque plein ?) : " + e.what());
    }
    try {
        markForNewEpoch(partial);
        refuseExisting(target);
        fs::rename(partial, target);
    } catch (...) {
        fs::remove(partial);
        throw;
    }
}

namespace {

std::string scheduledBackupName(TimeMs now) {
    const std::time_t seconds = static_cast<std::time_t>(now / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char name[40];
    std::strftime(name, sizeof name, "hub-%Y-%m-%dT%H%M%SZ.db", &utc);
    return name;
}

}  // namespace

TimeMs scheduledBackupTime(const std::string& fileName) {
    std::tm utc{};
    char tail[8] = {};
    if (fileName.size() != std::string("hub-2026-12-01T031500Z.db").size() ||
        std::sscanf(fileName.c_str(), "hub-%4d-%2d-%2dT%2d%2d%2dZ%7s", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                    &utc.tm_min, &utc.tm_sec, tail) != 7 ||
        std::string(tail) != ".db") {
        return -1;
    }
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return static_cast<TimeMs>(timegm(&utc)) * 1000;
}

ScheduledBackup backupIntoFolder(const std::string& databasePath, const std::string& folder, TimeMs now, TimeMs keepFrom) {
    ScheduledBackup result;
    fs::create_directories(folder);
    result.written = (fs::path(folder) / scheduledBackupName(now)).string();
    backupHubDatabase(databasePath, result.written);
    // Only once the new copy exists: a failed backup deletes nothing.
    for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
        const TimeMs madeAt = scheduledBackupTime(entry.path().filename().string());
        if (madeAt < 0 || madeAt >= keepFrom || entry.path() == fs::path(result.written)) continue;
        fs::remove(entry.path());
        result.deleted.push_back(entry.path().string());
    }
    std::sort(result.deleted.begin(), result.deleted.end());
    return result;
}

}  // namespace cowork::hub
