#include "tls/pem_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sodium.h>

namespace cowork::hub {
namespace {

namespace fs = std::filesystem;

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

File openFile(const std::string& path, const char* mode) {
    File file(std::fopen(path.c_str(), mode));
    if (!file) throw std::runtime_error("impossible d’ouvrir « " + path + " »");
    return file;
}

// fclose() alone leaves the bytes in the page cache: a power cut after the
// rename that follows could leave an empty key where the kiosks expect one.
void flushToDisk(FILE* file, const std::string& path) {
    if (std::fflush(file) != 0 || ::fsync(fileno(file)) != 0) throw std::runtime_error("impossible d’écrire « " + path + " »");
}

void addNames(X509* certificate, const std::vector<std::string>& entries) {
    std::string list;
    for (const std::string& entry : entries) list += (list.empty() ? "" : ",") + entry;
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* names = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, list.c_str());
    if (!names) throw std::runtime_error("noms du certificat refusés par OpenSSL : " + list);
    X509_add_ext(certificate, names, -1);
    X509_EXTENSION_free(names);
}

}  // namespace

Key newKey() {
    Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    if (!key) throw std::runtime_error("impossible de créer une clé TLS");
    return key;
}

Key readKey(const std::string& path) {
    File file = openFile(path, "r");
    Key key(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!key) throw std::runtime_error("clé illisible : " + path);
    return key;
}

Certificate readCertificate(const std::string& path) {
    File file = openFile(path, "r");
    Certificate certificate(PEM_read_X509(file.get(), nullptr, nullptr, nullptr), X509_free);
    if (!certificate) throw std::runtime_error("certificat illisible : " + path);
    return certificate;
}

void writeKey(const Key& key, const std::string& path) {
    File file = openFile(path, "wx");  // never overwrite a key
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    if (!PEM_write_PrivateKey(file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
        throw std::runtime_error("impossible d’écrire la clé « " + path + " »");
    }
    flushToDisk(file.get(), path);
}

void writeCertificate(const Certificate& certificate, const std::string& path) {
    const std::string partial = path + ".partiel";
    {
        File out = openFile(partial, "w");
        if (!PEM_write_X509(out.get(), certificate.get())) {
            throw std::runtime_error("impossible d’écrire le certificat « " + partial + " »");
        }
        flushToDisk(out.get(), partial);
    }
    fs::rename(partial, path);
}

void syncDirectory(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) throw std::runtime_error("impossible d’ouvrir le dossier « " + path + " »");
    const int status = ::fsync(fd);
    ::close(fd);
    if (status != 0) throw std::runtime_error("impossible d’écrire le dossier « " + path + " » sur le disque");
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

bool certifies(const Certificate& certificate, const Key& key) {
    return EVP_PKEY_eq(X509_get0_pubkey(certificate.get()), key.get()) == 1;
}

std::string pinOf(const EVP_PKEY* key) {
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

}  // namespace cowork::hub
