#include "tls/key_rotation.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "domain/paris_time.hpp"
#include "events/entity_codec.hpp"
#include "tls/hub_identity.hpp"
#include "tls/pem_files.hpp"

namespace cowork::hub {
namespace {

namespace fs = std::filesystem;

struct TlsDirectory {
    explicit TlsDirectory(const std::string& dataDir) : dir(fs::path(dataDir) / "tls") {}
    fs::path dir;
    fs::path certificate = dir / "cert.pem";
    fs::path key = dir / "key.pem";
    fs::path backup = dir / "backup-key.pem";
    // The new files until committed.
    fs::path newCertificate = dir / "cert.pem.rotation";
    fs::path newBackup = dir / "backup-key.pem.rotation";
};

// What a rotation cut short before its first rename left: never read by the hub.
void removeLeftovers(const TlsDirectory& tls) {
    for (const fs::path& path : {tls.newCertificate, tls.newBackup, fs::path(tls.newCertificate.string() + ".partiel")}) {
        fs::remove(path);
    }
}

// A second name for the current key, made before any rename: the key is never
// without a name. A name left by a rotation cut short is used again.
std::string keepRetiredKey(const TlsDirectory& tls, TimeMs now) {
    std::string stem = (tls.dir / "retired-key-").string();
    stem += formatLocalDate(toParisLocal(now).date);
    for (int n = 1;; ++n) {
        std::string candidate = stem;
        if (n > 1) {  // another move the same day
            candidate += '-';
            candidate += std::to_string(n);
        }
        candidate += ".pem";
        if (!fs::exists(candidate)) {
            fs::create_hard_link(tls.key, candidate);
            return candidate;
        }
        if (fs::equivalent(candidate, tls.key)) return candidate;
    }
}

void requireBackupKey(const TlsDirectory& tls) {
    if (fs::exists(tls.backup)) return;
    const std::string backup = tls.backup.string();
    throw std::runtime_error("pas de clé de secours (" + backup +
                             ") : aucune clé que les kiosques connaissent vers laquelle passer. Démarrez le hub (serve) : il en "
                             "crée une, que les kiosques apprennent à leur synchronisation suivante ; relancez rotate-key quand "
                             "tous se sont synchronisés");
}

// Stopped after its first rename (see commitKeyRotation), a rotation is
// finished, not started again: no kiosk knows the new backup key yet.
std::optional<KeyRotation> interruptedRotation(const TlsDirectory& tls) {
    if (fs::exists(tls.backup) || !fs::exists(tls.newBackup)) return std::nullopt;
    KeyRotation rotation;
    rotation.resumed = true;
    if (fs::exists(tls.newCertificate)) rotation.renames.emplace_back(tls.newCertificate.string(), tls.certificate.string());
    rotation.renames.emplace_back(tls.newBackup.string(), tls.backup.string());
    rotation.currentPin = publicKeyPinOfKey(tls.key.string());
    rotation.backupPin = publicKeyPinOfKey(tls.newBackup.string());
    return rotation;
}

}  // namespace

bool hasSelfSignedIdentity(const std::string& dataDir) {
    const TlsDirectory tls(dataDir);
    return fs::exists(tls.certificate) && fs::exists(tls.key);
}

KeyRotation prepareKeyRotation(const std::string& dataDir, TimeMs now) {
    const TlsDirectory tls(dataDir);
    const std::string dir = tls.dir.string();
    if (!hasSelfSignedIdentity(dataDir)) throw std::runtime_error("aucun certificat autosigné dans " + dir);
    requireBackupKey(tls);
    ensureSelfSignedIdentity(dataDir);  // a certificate left for another key by a rotation cut short
    const std::string backupPin = publicKeyPinOfKey(tls.backup.string());
    if (backupPin == publicKeyPinOfKey(tls.key.string())) {
        const std::string backup = tls.backup.string();
        throw std::runtime_error("la clé de secours est la clé actuelle : " + backup + " doit être une autre clé");
    }
    removeLeftovers(tls);
    // Same names as now: every kiosk reaches the hub by the name it used.
    issueCertificate(tls.backup.string(), certificateSubjectAltNames(tls.certificate.string()), tls.newCertificate.string());
    writeKey(newKey(), tls.newBackup.string());
    KeyRotation rotation;
    rotation.retiredKeyPath = keepRetiredKey(tls, now);
    syncDirectory(dir);
    rotation.currentPin = backupPin;
    rotation.backupPin = publicKeyPinOfKey(tls.newBackup.string());
    rotation.renames = {{tls.backup.string(), tls.key.string()},
                        {tls.newCertificate.string(), tls.certificate.string()},
                        {tls.newBackup.string(), tls.backup.string()}};
    return rotation;
}

// The order keeps the hub startable whenever it stops:
// 1. backup-key.pem → key.pem is the move itself. Before it nothing the hub
//    reads has changed. After it key.pem is a key every kiosk pinned, and the
//    old key already has its retired-key name.
// 2. cert.pem follows. Stopped between 1 and 2, cert.pem still certifies the
//    old key: serve (like pin and enroll-code) issues it again for key.pem with
//    the same names before loading it (ensureSelfSignedIdentity), so the pair it
//    serves always matches, with the pin the kiosks hold.
// 3. The new backup key last. Stopped before it, backup-key.pem is missing and
//    serve makes another one: no kiosk knew this one yet.
// Stopped after 1 or 2, rotate-key run again does what is left of this very
// rotation (interruptedRotation) rather than moving once more.
void commitKeyRotation(const std::string& dataDir, const KeyRotation& rotation) {
    for (const auto& [from, to] : rotation.renames) fs::rename(from, to);
    syncDirectory((fs::path(dataDir) / "tls").string());
}

KeyRotation rotateSelfSignedKey(const std::string& dataDir, TimeMs now) {
    const TlsDirectory tls(dataDir);
    if (auto resumed = hasSelfSignedIdentity(dataDir) ? interruptedRotation(tls) : std::nullopt) {
        commitKeyRotation(dataDir, *resumed);
        return *resumed;
    }
    KeyRotation rotation = prepareKeyRotation(dataDir, now);
    commitKeyRotation(dataDir, rotation);
    return rotation;
}

}  // namespace cowork::hub
