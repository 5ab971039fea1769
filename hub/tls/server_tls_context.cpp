#include "tls/server_tls_context.hpp"

#include <stdexcept>

#include "tls/tls_policy.hpp"

namespace cowork::hub {

ServerTlsContext makeServerTlsContext(const TlsFiles& files) {
    ServerTlsContext context(SSL_CTX_new(TLS_server_method()));
    if (!context) throw std::runtime_error("OpenSSL indisponible");
    if (SSL_CTX_use_certificate_chain_file(context.get(), files.certificatePath.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(context.get(), files.keyPath.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(context.get()) != 1) {
        throw std::runtime_error("certificat ou clé TLS illisible (" + files.certificatePath + ", " + files.keyPath + ")");
    }
    applyHubTlsPolicy(*context);
    return context;
}

}  // namespace cowork::hub
