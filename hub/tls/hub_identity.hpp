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

struct SelfSignedIdentity {
    TlsFiles files;
    // Names the certificate lacked: it was issued again, with the same key.
    std::vector<std::string> namesAdded;
    // The certificate was not key.pem's (a key change cut short): issued again for key.pem.
    bool reissuedForKey = false;
};

// DIR/tls/{cert.pem,key.pem,backup-key.pem}, created when missing (keys 0600).
// The certificate names localhost, 127.0.0.1, ::1 and each of `hostnames` (DNS
// names or IP addresses); one lacking a name is issued again with the same key,
// so that the kiosks' pins stay valid. key.pem decides, the certificate
// follows: one made for another key is issued again for key.pem, with its
// names (see key_rotation.cpp). Throws std::invalid_argument for a hostname
// that is neither.
SelfSignedIdentity ensureSelfSignedIdentity(const std::string& dataDir, const std::vector<std::string>& hostnames);
TlsFiles ensureSelfSignedIdentity(const std::string& dataDir);  // no names added

// DIR/tls/backup-key.pem, created when missing: also for a hub serving its own
// certificate files, so that its kiosks pin a key to move to.
std::string ensureBackupKey(const std::string& dataDir);

// Issues a self-signed certificate for the key in `keyPath`, naming `names`.
void issueCertificate(const std::string& keyPath, const std::vector<std::string>& names, const std::string& certificatePath);

// "sha256//BASE64" of the DER SubjectPublicKeyInfo, the form CURLOPT_PINNEDPUBLICKEY takes.
std::string publicKeyPinOfCertificate(const std::string& certificatePath);
std::string publicKeyPinOfKey(const std::string& keyPath);

// "DNS:localhost", "IP:127.0.0.1"… as in certificate_names.hpp.
std::vector<std::string> certificateSubjectAltNames(const std::string& certificatePath);

// The pins a kiosk should trust: the current certificate's key, then the backup
// key if the data directory has one.
std::vector<std::string> hubKeyPins(const std::string& dataDir, const TlsFiles& files);

}  // namespace cowork::hub
