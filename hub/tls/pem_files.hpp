#pragma once
// Keys and certificates of the hub's TLS identity, read and written as PEM
// files. Written files reach the disk (fsync) before anything points to them:
// the identity must survive a power cut, the kiosks' pins depend on its keys.
#include <memory>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace cowork::hub {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

Key newKey();  // P-256
Key readKey(const std::string& path);
Certificate readCertificate(const std::string& path);

// A new file only (never overwrites a key), 0600 before any byte is written.
void writeKey(const Key& key, const std::string& path);
// Written beside as PATH.partiel, then renamed: never half a certificate.
void writeCertificate(const Certificate& certificate, const std::string& path);
// So that renames made in a directory survive a power cut.
void syncDirectory(const std::string& path);

// Self-signed for `key`, naming `names` ("DNS:…", "IP:…"), valid ten years.
Certificate selfSign(const Key& key, const std::vector<std::string>& names);
bool certifies(const Certificate& certificate, const Key& key);

// "sha256//BASE64" of the DER SubjectPublicKeyInfo, the form CURLOPT_PINNEDPUBLICKEY takes.
std::string pinOf(const EVP_PKEY* key);

}  // namespace cowork::hub
