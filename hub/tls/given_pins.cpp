#include "tls/given_pins.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

#include "tls/hub_identity.hpp"
#include "tls/pem_files.hpp"

namespace cowork::hub {
namespace {

namespace fs = std::filesystem;

fs::path givenPinsPath(const std::string& dataDir) { return fs::path(dataDir) / "tls" / "given-pins"; }

std::string joined(const std::vector<std::string>& pins) {
    std::string text;
    for (const std::string& pin : pins) text += (text.empty() ? "" : ", ") + pin;
    return text;
}

}  // namespace

std::vector<std::string> givenPins(const std::string& dataDir) {
    std::vector<std::string> pins;
    std::ifstream in(givenPinsPath(dataDir));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("sha256//", 0) == 0) pins.push_back(line);
    }
    return pins;
}

void recordGivenPins(const std::string& dataDir, const std::vector<std::string>& pins) {
    if (pins == givenPins(dataDir)) return;
    const fs::path path = givenPinsPath(dataDir);
    fs::create_directories(path.parent_path());
    const fs::path partial = path.string() + ".partiel";
    {
        std::ofstream out(partial, std::ios::trunc);
        for (const std::string& pin : pins) out << pin << "\n";
        out.flush();
        if (!out) throw std::runtime_error("impossible d’écrire « " + partial.string() + " » (disque plein ?)");
    }
    // On disk before the rename, the rename on disk before the kiosks get the pins.
    if (FILE* file = std::fopen(partial.c_str(), "r")) {
        fsync(fileno(file));
        std::fclose(file);
    }
    fs::rename(partial, path);
    syncDirectory(path.parent_path().string());
}

void checkCertificateKeyIsPinned(const std::string& dataDir, const std::string& certificatePath, bool kiosksEnrolled) {
    const std::vector<std::string> pinned = givenPins(dataDir);
    if (pinned.empty() || !kiosksEnrolled) return;
    const std::string pin = publicKeyPinOfCertificate(certificatePath);
    if (std::find(pinned.begin(), pinned.end(), pin) != pinned.end()) return;
    const std::string backup = (fs::path(dataDir) / "tls" / "backup-key.pem").string();
    throw std::runtime_error(
        "le certificat « " + certificatePath + " » est fait pour une clé que les kiosques ne connaissent pas (" + pin +
        ") : ils ont épinglé " + joined(pinned) + " et refuseraient le hub. Faites réémettre le certificat pour la clé "
        "actuelle (certbot renew --reuse-key, ou « certbot certonly --reuse-key » au premier certificat), ou pour la clé "
        "de secours " + backup + " (certbot certonly --csr), ou remettez le certificat précédent. Pour changer de clé "
        "exprès, révoquez chaque kiosque puis enrôlez-le de nouveau (voir deploy.md, « Changer la clé du hub »)");
}

}  // namespace cowork::hub
