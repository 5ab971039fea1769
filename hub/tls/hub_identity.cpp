#include "tls/hub_identity.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sodium.h>

#include "tls/certificate_names.hpp"

namespace cowork::hub {
namespace {

namespace fs = std::filesystem;

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

File openFile(const std::string& path, const char* mode) {
    File file(std::fopen(path.c_str(), mode));
    if (!file) throw std::runtime_error("impossible d'ouvrir « " + path + " »");
    return file;
}

Key newKey() {
    Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    if (!key) throw std::runtime_error("impossible de créer une clé TLS");
    return key;
}

void writeKey(const Key& key, const std::string& path) {
    File file = openFile(path, "wx");  // never overwrite a key
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    if (!PEM_write_PrivateKey(file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
        throw std::runtime_error("impossible d'écrire la clé « " + path + " »");
    }
}

Key readKey(const std::string& path) {
    File file = openFile(path, "r");
    Key key(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!key) throw std::runtime_error("clé illisible : " + path);
    return key;
}

Certificate readCertificate(const std::string& path) {
    File file = openFile(path, "r");
    Certificate certificate(PEM_read_X509(file.get(), nullptr, nullptr, nullptr), X509_free);
    if (!certificate) throw std::runtime_error("certificat illisible : " + path);
    return certificate;
}

// Replaced in one rename: a crash never leaves half a certificate.
void writeCertificate(const Certificate& certificate, const std::string& path) {
    const std::string partial = path + ".partiel";
    {
        File out = openFile(partial, "w");
        if (!PEM_write_X509(out.get(), certificate.get())) throw std::runtime_error("impossible d'écrire le certificat « " + partial + " »");
        if (std::fflush(out.get()) != 0) throw std::runtime_error("impossible d'écrire le certificat « " + partial + " »");
    }
    fs::rename(partial, path);
}

void addNames(X509* certificate, const std::vector<std::string>& entries) {
    std::string list;
    for (const std::string& entry : entries) list += (list.empty() ? "" : ",") + entry;
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* names = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, list.c_str());
    if (!names) throw std::runtime_error("noms du certificat refusés par OpenSSL : " + list);
    X509_add_ext(certificate, names, -1);
    X509_EXTENSION_free(names);
}

Certificate selfSign(const Key& key, const std::vector<std::string>& names) {
    Certificate certificate(X509_new(), X509_free);
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), static_cast<long>(randombytes_random() & 0x7fffffff));
    // Valid from a day back: a kiosk whose clock lags a little still accepts it.
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -24L * 3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("cowork-hub"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    addNames(certificate.get(), names);
    if (!X509_sign(certificate.get(), key.get(), EVP_sha256())) throw std::runtime_error("impossible de signer le certificat");
    return certificate;
}

// Adds `name` unless already there; true when added.
bool addName(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) != names.end()) return false;
    names.push_back(name);
    return true;
}

std::string pinOf(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0) throw std::runtime_error("clé publique illisible");
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, der, static_cast<unsigned long long>(length));
    OPENSSL_free(der);
    char base64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(base64, sizeof base64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
    return std::string("sha256//") + base64;
}

}  // namespace

SelfSignedIdentity ensureSelfSignedIdentity(const std::string& dataDir, const std::vector<std::string>& hostnames) {
    const fs::path dir = fs::path(dataDir) / "tls";
    fs::create_directories(dir);
    const TlsFiles files{(dir / "cert.pem").string(), (dir / "key.pem").string()};
    if (!fs::exists(dir / "backup-key.pem")) writeKey(newKey(), (dir / "backup-key.pem").string());
    std::vector<std::string> wanted = defaultSubjectAltNames();
    for (const std::string& hostname : hostnames) addName(wanted, subjectAltNameFor(hostname));
    if (!fs::exists(files.certificatePath) || !fs::exists(files.keyPath)) {
        const Key key = newKey();
        const Certificate certificate = selfSign(key, wanted);
        writeKey(key, files.keyPath);
        writeCertificate(certificate, files.certificatePath);
        return {files, {}};
    }
    // Names are added, never taken away: a kiosk that reaches the hub by an
    // older name keeps working.
    std::vector<std::string> names = subjectAltNamesOf(readCertificate(files.certificatePath).get());
    std::vector<std::string> added;
    for (const std::string& name : wanted) {
        if (addName(names, name)) added.push_back(name);
    }
    if (added.empty()) return {files, {}};
    // The same key: the kiosks' pins stay valid.
    writeCertificate(selfSign(readKey(files.keyPath), names), files.certificatePath);
    return {files, added};
}

TlsFiles ensureSelfSignedIdentity(const std::string& dataDir) { return ensureSelfSignedIdentity(dataDir, {}).files; }

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
