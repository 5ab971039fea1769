#include "tls/hub_identity.hpp"

#include <algorithm>
#include <filesystem>

#include "tls/certificate_names.hpp"
#include "tls/pem_files.hpp"

namespace cowork::hub {
namespace {

namespace fs = std::filesystem;

// Adds `name` unless already there; true when added.
bool addName(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) != names.end()) return false;
    names.push_back(name);
    return true;
}

std::vector<std::string> wantedNames(const std::vector<std::string>& hostnames) {
    std::vector<std::string> wanted = defaultSubjectAltNames();
    for (const std::string& hostname : hostnames) addName(wanted, subjectAltNameFor(hostname));
    return wanted;
}

}  // namespace

SelfSignedIdentity ensureSelfSignedIdentity(const std::string& dataDir, const std::vector<std::string>& hostnames) {
    const fs::path dir = fs::path(dataDir) / "tls";
    const TlsFiles files{(dir / "cert.pem").string(), (dir / "key.pem").string()};
    const std::vector<std::string> wanted = wantedNames(hostnames);
    ensureBackupKey(dataDir);
    if (!fs::exists(files.certificatePath) || !fs::exists(files.keyPath)) {
        const Key key = newKey();
        const Certificate certificate = selfSign(key, wanted);
        writeKey(key, files.keyPath);
        writeCertificate(certificate, files.certificatePath);
        return {files, {}, false};
    }
    // Names are added, never taken away: a kiosk that reaches the hub by an
    // older name keeps working.
    const Certificate current = readCertificate(files.certificatePath);
    std::vector<std::string> names = subjectAltNamesOf(current.get());
    std::vector<std::string> added;
    for (const std::string& name : wanted) {
        if (addName(names, name)) added.push_back(name);
    }
    const Key key = readKey(files.keyPath);
    const bool keyChanged = !certifies(current, key);
    if (added.empty() && !keyChanged) return {files, {}, false};
    // key.pem's key: the one the kiosks pinned.
    writeCertificate(selfSign(key, names), files.certificatePath);
    return {files, added, keyChanged};
}

TlsFiles ensureSelfSignedIdentity(const std::string& dataDir) { return ensureSelfSignedIdentity(dataDir, {}).files; }

std::string ensureBackupKey(const std::string& dataDir) {
    const fs::path dir = fs::path(dataDir) / "tls";
    fs::create_directories(dir);
    const std::string backup = (dir / "backup-key.pem").string();
    if (!fs::exists(backup)) writeKey(newKey(), backup);
    return backup;
}

void issueCertificate(const std::string& keyPath, const std::vector<std::string>& names, const std::string& certificatePath) {
    writeCertificate(selfSign(readKey(keyPath), names), certificatePath);
}

std::string publicKeyPinOfCertificate(const std::string& certificatePath) {
    return pinOf(X509_get0_pubkey(readCertificate(certificatePath).get()));
}

std::string publicKeyPinOfKey(const std::string& keyPath) { return pinOf(readKey(keyPath).get()); }

std::vector<std::string> certificateSubjectAltNames(const std::string& certificatePath) {
    return subjectAltNamesOf(readCertificate(certificatePath).get());
}

std::vector<std::string> hubKeyPins(const std::string& dataDir, const TlsFiles& files) {
    std::vector<std::string> pins{publicKeyPinOfCertificate(files.certificatePath)};
    const fs::path backup = fs::path(dataDir) / "tls" / "backup-key.pem";
    if (fs::exists(backup)) {
        const std::string backupPin = publicKeyPinOfKey(backup.string());
        if (backupPin != pins.front()) pins.push_back(backupPin);
    }
    return pins;
}

}  // namespace cowork::hub
