#include "sync/hub_trust.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>

namespace cowork::kiosk {
namespace {

int trustIndex() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

// Errors a pinned key answers for: who signed the certificate, and when it is
// valid (a device clock in 1970 makes every certificate "not yet valid").
bool pinCanVouchFor(int error) {
    switch (error) {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return true;
    default:
        return false;
    }
}

int verifyWithPins(int preverified, X509_STORE_CTX* store) {
    if (preverified == 1) return 1;
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* trust = ssl ? static_cast<HubTrust*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), trustIndex())) : nullptr;
    if (!trust || trust->pins.empty() || !pinCanVouchFor(X509_STORE_CTX_get_error(store))) return 0;
    const std::string pin = publicKeyPin(X509_STORE_CTX_get0_cert(store));
    if (std::find(trust->pins.begin(), trust->pins.end(), pin) == trust->pins.end()) {
        trust->pinMismatch = true;
        return 0;
    }
    // Accepted: the verdict kept for the connection must say so too.
    X509_STORE_CTX_set_error(store, X509_V_OK);
    return 1;
}

}  // namespace

std::string publicKeyPin(X509* certificate) {
    if (!certificate) return "";
    unsigned char* der = nullptr;
    const int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(certificate), &der);
    if (length <= 0) return "";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    EVP_Digest(der, static_cast<std::size_t>(length), digest, &digestLength, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    unsigned char base64[4 * EVP_MAX_MD_SIZE / 3 + 4];
    const int encoded = EVP_EncodeBlock(base64, digest, static_cast<int>(digestLength));
    return "sha256//" + std::string(reinterpret_cast<char*>(base64), static_cast<std::size_t>(encoded));
}

std::string curlPinList(const std::vector<std::string>& pins) {
    std::string list;
    for (const std::string& pin : pins) list += (list.empty() ? "" : ";") + pin;
    return list;
}

void installPinnedVerification(SSL_CTX* context, HubTrust* trust) {
    SSL_CTX_set_ex_data(context, trustIndex(), trust);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, verifyWithPins);
}

}  // namespace cowork::kiosk
