#pragma once
// The hub's TLS identity. With no certificate given, the hub makes a self-signed
// one in its data directory on first start, plus a backup key kept offline-ready:
// kiosks pin both public keys at enrollment, so the hub can move to the backup
// key without any kiosk being updated.
#include <string>
#include <vector>

namespace cowork::hub {

struct TlsFiles {
    std::string certificatePath;
    std::string keyPath;
};

// DIR/tls/{cert.pem,key.pem,backup-key.pem}, created when missing (keys 0600).
TlsFiles ensureSelfSignedIdentity(const std::string& dataDir);

// "sha256//BASE64" of the DER SubjectPublicKeyInfo, the form CURLOPT_PINNEDPUBLICKEY takes.
std::string publicKeyPinOfCertificate(const std::string& certificatePath);
std::string publicKeyPinOfKey(const std::string& keyPath);

// The pins a kiosk should trust: the current certificate's key, then the backup
// key if the data directory has one.
std::vector<std::string> hubKeyPins(const std::string& dataDir, const TlsFiles& files);

}  // namespace cowork::hub
