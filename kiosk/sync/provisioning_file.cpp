#include "sync/provisioning_file.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "sync/shopkeeper_pin.hpp"

namespace cowork::kiosk {
namespace {

constexpr const char* kConsumedKey = "enrollment.provisioning_taken";  // the fingerprint of the file taken in

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// Hashed as soon as read: the PIN itself is never kept, and the file goes.
std::string shopkeeperPinHash(const std::string& pin, int line) {
    if (!isAcceptablePin(pin)) {
        throw std::runtime_error("ligne " + std::to_string(line) + " : shopkeeper_pin : de 6 à 12 chiffres, rien d'autre");
    }
    return hashPin(pin);
}

}  // namespace

std::vector<std::filesystem::path> provisioningCandidates(const std::filesystem::path& dataDir) {
    return {dataDir / kProvisioningFileName, std::filesystem::path("/boot/firmware") / kProvisioningFileName,
            std::filesystem::path("/boot") / kProvisioningFileName};
}

PendingEnrollment parseProvisioning(const std::string& text) {
    PendingEnrollment pending;
    // Notepad on Windows starts its files with a byte-order mark.
    std::istringstream lines(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        const auto equals = line.find('=');
        if (equals == std::string::npos) throw std::runtime_error("ligne " + std::to_string(number) + " : attendu clé=valeur");
        const std::string key = trim(line.substr(0, equals));
        const std::string value = trim(line.substr(equals + 1));
        if (key == "url") pending.hubUrl = value;
        else if (key == "code") pending.code = value;
        else if (key == "pin") pending.pin = value;
        else if (key == "shopkeeper_pin") pending.shopkeeperPinHash = shopkeeperPinHash(value, number);
        else throw std::runtime_error("ligne " + std::to_string(number) + " : clé inconnue « " + key + " » (url, code, pin, shopkeeper_pin)");
    }
    if (pending.hubUrl.rfind("https://", 0) != 0) throw std::runtime_error("url manquante ou sans https://");
    if (pending.code.empty()) throw std::runtime_error("code manquant");
    if (!pending.pin.empty() && !looksLikePin(pending.pin)) throw std::runtime_error("pin illisible (attendu sha256//…)");
    return pending;
}

std::optional<std::filesystem::path> takeProvisioningFile(Store& store, const std::vector<std::filesystem::path>& candidates) {
    for (const auto& path : candidates) {
        std::error_code missing;
        if (!std::filesystem::is_regular_file(path, missing)) continue;
        std::ifstream file(path);
        std::stringstream text;
        text << file.rdbuf();
        // A boot partition the kiosk may not write to keeps the file: take it in once only.
        const std::string fingerprint = std::to_string(std::hash<std::string>{}(text.str()));
        if (store.meta(kConsumedKey) == fingerprint) continue;
        // Enrolled, it is taken only once the hub no longer knows this kiosk (a
        // restored backup): the new code brings it back under its id.
        if (loadEnrollment(store) && loadSyncHealth(store).lastError != problemKey(SyncProblem::NotRecognised)) {
            spdlog::warn("fichier d'inscription {} ignoré : ce kiosque est déjà inscrit", path.string());
            store.setMeta(kConsumedKey, fingerprint);
            continue;
        }
        try {
            savePendingEnrollment(store, parseProvisioning(text.str()));
        } catch (const std::exception& e) {
            // Left in place so that whoever wrote it can read why and fix it.
            spdlog::error("fichier d'inscription {} illisible : {}", path.string(), e.what());
            continue;
        }
        store.setMeta(kConsumedKey, fingerprint);
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        if (ignored) spdlog::warn("fichier d'inscription {} lu mais impossible à supprimer : {}", path.string(), ignored.message());
        return path;
    }
    return std::nullopt;
}

}  // namespace cowork::kiosk
