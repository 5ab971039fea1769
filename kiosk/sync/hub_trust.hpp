#pragma once
// How a kiosk decides it is talking to its hub. Certificate verification is
// always on: a chain signed by a system authority passes as usual. With pins
// (from enrollment, or given with the enrollment code) the pinned key is the
// trust anchor: a self-signed certificate, or one "not yet valid" because a Pi
// booted in 1970, passes only if its key is one of the pins. libcurl checks the
// pins again itself (CURLOPT_PINNEDPUBLICKEY) before anything is sent.
#include <string>
#include <vector>

typedef struct x509_st X509;
typedef struct ssl_ctx_st SSL_CTX;

namespace cowork::kiosk {

struct HubTrust {
    std::vector<std::string> pins;  // "sha256//BASE64" of the SubjectPublicKeyInfo; empty: authorities only
    bool pinMismatch = false;       // set during a handshake whose key matched no pin
};

// "sha256//…" for a certificate's public key (what `cowork-hub pin` prints).
std::string publicKeyPin(X509* certificate);
// The pins joined the way CURLOPT_PINNEDPUBLICKEY takes them.
std::string curlPinList(const std::vector<std::string>& pins);
// Installs the verification above on a connection's SSL_CTX (called by libcurl).
void installPinnedVerification(SSL_CTX* context, HubTrust* trust);

}  // namespace cowork::kiosk
