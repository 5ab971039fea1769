#include "tls/hub_identity.hpp"

#include <filesystem>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sodium.h>

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

void addNames(X509* certificate) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* names =
        X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    X509_add_ext(certificate, names, -1);
    X509_EXTENSION_free(names);
}

Certificate selfSign(const Key& key) {
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
    addNames(certificate.get());
    if (!X509_sign(certificate.get(), key.get(), EVP_sha256())) throw std::runtime_error("impossible de signer le certificat");
    return certificate;
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

TlsFiles ensureSelfSignedIdentity(const std::string& dataDir) {
    const fs::path dir = fs::path(dataDir) / "tls";
    fs::create_directories(dir);
    const TlsFiles files{(dir / "cert.pem").string(), (dir / "key.pem").string()};
    if (!fs::exists(dir / "backup-key.pem")) writeKey(newKey(), (dir / "backup-key.pem").string());
    if (fs::exists(files.certificatePath) && fs::exists(files.keyPath)) return files;
    const Key key = newKey();
    const Certificate certificate = selfSign(key);
    writeKey(key, files.keyPath);
    File out = openFile(files.certificatePath, "w");
    if (!PEM_write_X509(out.get(), certificate.get())) throw std::runtime_error("impossible d'écrire le certificat");
    return files;
}

std::string publicKeyPinOfCertificate(const std::string& certificatePath) {
    File file = openFile(certificatePath, "r");
    Certificate certificate(PEM_read_X509(file.get(), nullptr, nullptr, nullptr), X509_free);
    if (!certificate) throw std::runtime_error("certificat illisible : " + certificatePath);
    return pinOf(X509_get0_pubkey(certificate.get()));
}

std::string publicKeyPinOfKey(const std::string& keyPath) {
    File file = openFile(keyPath, "r");
    Key key(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!key) throw std::runtime_error("clé illisible : " + keyPath);
    return pinOf(key.get());
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
