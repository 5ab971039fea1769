#pragma once
// The hub's TLS policy, in one place: which protocol versions and cipher
// suites it accepts, and how a reconnecting client resumes its session.
// tls_policy.cpp says why each choice; docs/deploy.md says it to admins.
#include <openssl/ssl.h>

namespace cowork::hub {

// TLS 1.2 suites the hub offers: ECDHE key exchange with an AEAD cipher only,
// for ECDSA keys (the hub's own P-256 certificate) and RSA keys (a bought or
// Let's Encrypt certificate given with --tls-cert).
inline constexpr const char* kTls12CipherSuites =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// TLS 1.3 suites (all AEAD by design of the protocol).
inline constexpr const char* kTls13CipherSuites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

// How long a session may be resumed after its full handshake, in seconds.
inline constexpr long kSessionLifetimeSeconds = 3600;

// Sets the policy on the server's context. Throws std::runtime_error when
// OpenSSL refuses a setting (an OpenSSL built without one of the suites).
void applyHubTlsPolicy(SSL_CTX& context);

}  // namespace cowork::hub
