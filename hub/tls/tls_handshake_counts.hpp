#pragma once
// The TLS handshakes the hub completed, full and resumed, as /metrics lines:
// whether reconnecting kiosks really resume (tls_policy.cpp's session tickets)
// shows in production, and a full handshake costs a signature a resumed one does not.
#include <string>

#include <openssl/ssl.h>

namespace cowork::hub {

struct TlsHandshakeCounts {
    long full = 0;
    long resumed = 0;
};

TlsHandshakeCounts tlsHandshakeCounts(SSL_CTX& context);

// cowork_hub_tls_handshakes_total{kind="full"|"resumed"}, Prometheus text format.
std::string tlsHandshakeMetrics(const TlsHandshakeCounts& counts);

}  // namespace cowork::hub
