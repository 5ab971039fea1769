#include "tls/tls_policy.hpp"

#include <stdexcept>
#include <string>

namespace cowork::hub {
namespace {

void require(long result, const std::string& what) {
    if (result != 1) throw std::runtime_error("politique TLS refusée par OpenSSL : " + what);
}

}  // namespace

void applyHubTlsPolicy(SSL_CTX& context) {
    // Nothing below TLS 1.2: TLS 1.0 and 1.1 have only CBC suites open to
    // padding-oracle attacks (BEAST, LUCKY13) or RC4, and a MD5/SHA-1
    // handshake hash. Every kiosk (libcurl + OpenSSL 3) and every browser
    // that runs the console speaks TLS 1.3.
    require(SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION), "TLS 1.2 au moins");
    require(SSL_CTX_set_max_proto_version(&context, 0), "jusqu’à TLS 1.3");

    // TLS 1.2: ECDHE only, so that a stolen key does not decrypt recorded
    // traffic (no RSA key exchange, no static DH); AEAD only (AES-GCM,
    // ChaCha20-Poly1305 for machines without AES instructions), so no CBC
    // suite and no SHA-1 MAC (LUCKY13 and the other padding oracles).
    require(SSL_CTX_set_cipher_list(&context, kTls12CipherSuites), kTls12CipherSuites);
    require(SSL_CTX_set_ciphersuites(&context, kTls13CipherSuites), kTls13CipherSuites);
    // Curves for ECDHE: X25519 first (fast, safe by construction), then P-256,
    // which every TLS client has. Not P-384: its exchange costs the hub 20 times
    // X25519's (0.73 ms an operation, `openssl speed ecdhp384`), and a client
    // replaying one ClientHello that offers only it would make each connection
    // cost ~1.4 ms of the cores that answer kiosks.
    require(SSL_CTX_set1_groups_list(&context, "X25519:P-256"), "groupes X25519:P-256");

    // Every suite left is strong: the client's order may stand (one without
    // AES instructions rightly prefers ChaCha20).
    SSL_CTX_clear_options(&context, SSL_OP_CIPHER_SERVER_PREFERENCE);
    // No compression (CRIME), no renegotiation: a client could ask for one
    // handshake after another on one connection, a cheap way to burn our CPU.
    SSL_CTX_set_options(&context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);

    // Session tickets: a kiosk that reconnects (every sync today) resumes
    // instead of paying a full handshake and its signature. Stateless tickets
    // rather than only the server's session cache: a ticket holds however the
    // connection ended (OpenSSL drops from its cache the session of a
    // connection closed without close_notify) and costs the hub no memory per
    // client. The ticket keys are OpenSSL's, random per context: in memory
    // only, new at each start. In TLS 1.3 a resumption still runs an ECDHE
    // exchange (OpenSSL ignores psk_ke without SSL_OP_ALLOW_NO_DHE_KEX, kept
    // off below), so it keeps forward secrecy. In TLS 1.2 it does not: the ticket key, read from
    // the hub's memory, would open the sessions ticketed since the last start.
    // Accepted: kiosks and browsers speak TLS 1.3, and the key is never on disk.
    SSL_CTX_clear_options(&context, SSL_OP_NO_TICKET | SSL_OP_ALLOW_NO_DHE_KEX);
    SSL_CTX_set_session_cache_mode(&context, SSL_SESS_CACHE_SERVER);
    static constexpr unsigned char kSessionContext[] = "cowork-hub";
    require(SSL_CTX_set_session_id_context(&context, kSessionContext, sizeof kSessionContext - 1), "contexte de session");
    // A kiosk syncs every 30 s: an hour covers any pause but a long outage.
    SSL_CTX_set_timeout(&context, kSessionLifetimeSeconds);
}

}  // namespace cowork::hub
