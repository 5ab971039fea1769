#include "tls/tls_handshake_counts.hpp"

namespace cowork::hub {

TlsHandshakeCounts tlsHandshakeCounts(SSL_CTX& context) {
    // OpenSSL counts every completed server handshake, and among them those
    // that resumed a session (by ticket or by session cache).
    const long completed = SSL_CTX_sess_accept_good(&context);
    const long resumed = SSL_CTX_sess_hits(&context);
    return {completed - resumed, resumed};
}

std::string tlsHandshakeMetrics(const TlsHandshakeCounts& counts) {
    return "# HELP cowork_hub_tls_handshakes_total TLS handshakes completed, full or resuming a session.\n"
           "# TYPE cowork_hub_tls_handshakes_total counter\n"
           "cowork_hub_tls_handshakes_total{kind=\"full\"} " +
           std::to_string(counts.full) + "\ncowork_hub_tls_handshakes_total{kind=\"resumed\"} " + std::to_string(counts.resumed) +
           "\n";
}

}  // namespace cowork::hub
