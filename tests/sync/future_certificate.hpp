#pragma once
// A key and a self-signed certificate for 127.0.0.1 whose validity starts in
// the future: to a TLS client this looks exactly like its own clock being
// behind (a Raspberry Pi booted in 1970), without touching the test machine's clock.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace cowork::sync_testing {

inline void writeCertificateValidFrom(const std::string& keyPath, const std::string& certificatePath, long secondsFromNow) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* certificate = X509_new();
    if (!key || !certificate) throw std::runtime_error("openssl: cannot make a key");
    X509_set_version(certificate, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), 7);
    X509_gmtime_adj(X509_getm_notBefore(certificate), secondsFromNow);
    X509_gmtime_adj(X509_getm_notAfter(certificate), secondsFromNow + 365L * 24 * 3600);
    X509_set_pubkey(certificate, key);
    X509_NAME* name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("cowork-hub"), -1, -1, 0);
    X509_set_issuer_name(certificate, name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* names = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "IP:127.0.0.1");
    X509_add_ext(certificate, names, -1);
    X509_EXTENSION_free(names);
    X509_sign(certificate, key, EVP_sha256());
    FILE* keyFile = std::fopen(keyPath.c_str(), "w");
    FILE* certificateFile = std::fopen(certificatePath.c_str(), "w");
    if (!keyFile || !certificateFile) throw std::runtime_error("cannot write " + keyPath);
    PEM_write_PrivateKey(keyFile, key, nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_X509(certificateFile, certificate);
    std::fclose(keyFile);
    std::fclose(certificateFile);
    X509_free(certificate);
    EVP_PKEY_free(key);
}

}  // namespace cowork::sync_testing
