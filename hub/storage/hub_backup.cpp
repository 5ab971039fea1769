#include "storage/hub_backup.hpp"

#include <filesystem>
#include <stdexcept>

#include "store/sqlite_db.hpp"

namespace cowork::hub {
namespace {

namespace fs = std::filesystem;

void refuseExisting(const std::string& target) {
    if (fs::exists(target)) {
        throw std::runtime_error("« " + target + " » existe déjà : une sauvegarde n'en écrase jamais une autre, choisissez un autre nom");
    }
}

void markForNewEpoch(const std::string& copyPath) {
    Database copy(copyPath);
    copy.prepare("INSERT INTO meta(key, value) VALUES(?1, '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, kEpochRotationMark)
        .run();
    if (!copy.integrityOk()) throw std::runtime_error("la copie « " + copyPath + " » est endommagée : disque plein ou défectueux ?");
    // One file, without a write-ahead log beside it, to be carried anywhere.
    copy.exec("PRAGMA journal_mode=DELETE");
}

}  // namespace

void backupHubDatabase(const std::string& databasePath, const std::string& target) {
    if (!fs::exists(databasePath)) {
        throw std::runtime_error("aucune donnée de hub à sauvegarder : « " + databasePath + " » n'existe pas (vérifiez --data)");
    }
    refuseExisting(target);
    const std::string partial = target + ".partielle";
    fs::remove(partial);  // left by an interrupted backup
    try {
        Database source(databasePath);
        source.prepare("VACUUM INTO ?1").bind(1, partial).run();
    } catch (const StoreError& e) {
        fs::remove(partial);
        throw std::runtime_error("impossible d'écrire « " + partial + " » (dossier absent, droits, disque plein ?) : " + e.what());
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

}  // namespace cowork::hub
