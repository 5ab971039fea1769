#pragma once
// The hub's OpenSSL server context: its certificate chain and key, under the
// TLS policy of tls_policy.hpp.
#include <memory>

#include <openssl/ssl.h>

#include "tls/hub_identity.hpp"

namespace cowork::hub {

struct SslContextFree {
    void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using ServerTlsContext = std::unique_ptr<SSL_CTX, SslContextFree>;

// Throws std::runtime_error naming the files when they cannot be used.
ServerTlsContext makeServerTlsContext(const TlsFiles& files);

}  // namespace cowork::hub
