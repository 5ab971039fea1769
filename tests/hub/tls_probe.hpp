#pragma once
// A TLS client that offers exactly what a test asks (a protocol range, a list
// of TLS 1.2 suites, a session to resume) and reports what was agreed; and a
// server that accepts anything OpenSSL can speak, to show that a refusal by
// the hub is the hub's and not the client's.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace cowork::hub::testing {

using SslContext = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;
using SslSession = std::unique_ptr<SSL_SESSION, decltype(&SSL_SESSION_free)>;

struct TlsOffer {
    TlsOffer(int lowest = TLS1_2_VERSION, int highest = TLS1_3_VERSION, std::string suites = "ALL", std::string curves = "")
        : minVersion(lowest), maxVersion(highest), tls12Suites(std::move(suites)), groups(std::move(curves)) {}
    int minVersion;
    int maxVersion;
    std::string tls12Suites;
    std::string groups;  // key-exchange groups offered; empty: OpenSSL's default
};

struct TlsOutcome {
    bool completed = false;
    std::string version;  // "TLSv1.3"…
    std::string suite;    // OpenSSL's name: "ECDHE-ECDSA-AES128-GCM-SHA256"…
    bool resumed = false;
    std::string answer;   // what GET /healthz got, when the handshake completed
    SslSession session{nullptr, SSL_SESSION_free};  // to resume with
};

inline int connectToLoopback(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        close(fd);
        throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + " failed");
    }
    return fd;
}

// Security level 0: the client really offers TLS 1.1 or CBC suites when told to.
inline SslContext permissiveContext(const SSL_METHOD* method) {
    SslContext context(SSL_CTX_new(method), SSL_CTX_free);
    SSL_CTX_set_security_level(context.get(), 0);
    return context;
}

// One connection to 127.0.0.1:port offering `offer`, the server's certificate
// checked against `caFile`; once agreed, GET /healthz, then the session kept.
inline TlsOutcome tlsHandshake(int port, const std::string& caFile, const TlsOffer& offer, SSL_SESSION* resumeWith = nullptr) {
    SslContext context = permissiveContext(TLS_client_method());
    if (SSL_CTX_set_min_proto_version(context.get(), offer.minVersion) != 1 ||
        SSL_CTX_set_max_proto_version(context.get(), offer.maxVersion) != 1 ||
        SSL_CTX_set_cipher_list(context.get(), (offer.tls12Suites + ":@SECLEVEL=0").c_str()) != 1 ||
        SSL_CTX_load_verify_locations(context.get(), caFile.c_str(), nullptr) != 1 ||
        (!offer.groups.empty() && SSL_CTX_set1_groups_list(context.get(), offer.groups.c_str()) != 1)) {
        throw std::runtime_error("client offer refused by OpenSSL itself");
    }
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);
    const int fd = connectToLoopback(port);
    SSL* ssl = SSL_new(context.get());
    SSL_set_fd(ssl, fd);
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), "127.0.0.1");
    if (resumeWith) SSL_set_session(ssl, resumeWith);
    TlsOutcome outcome;
    if (SSL_connect(ssl) == 1) {
        outcome.completed = true;
        outcome.version = SSL_get_version(ssl);
        outcome.suite = SSL_get_cipher_name(ssl);
        outcome.resumed = SSL_session_reused(ssl) == 1;
        // TLS 1.3 tickets come after the handshake: read an answer before keeping the session.
        const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        SSL_write(ssl, request.data(), static_cast<int>(request.size()));
        char buffer[4096];
        for (int n; (n = SSL_read(ssl, buffer, sizeof buffer)) > 0;) outcome.answer.append(buffer, static_cast<std::size_t>(n));
        outcome.session.reset(SSL_get1_session(ssl));
        SSL_shutdown(ssl);
    }
    ERR_clear_error();
    SSL_free(ssl);
    close(fd);
    return outcome;
}

// Accepts one connection with any protocol and suite OpenSSL has, using the
// given certificate, and says whether the handshake completed.
class AnythingGoesServer {
public:
    AnythingGoesServer(const std::string& certificatePath, const std::string& keyPath)
        : context_(permissiveContext(TLS_server_method())) {
        SSL_CTX_set_min_proto_version(context_.get(), TLS1_VERSION);
        SSL_CTX_set_cipher_list(context_.get(), "ALL:@SECLEVEL=0");
        if (SSL_CTX_use_certificate_chain_file(context_.get(), certificatePath.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(context_.get(), keyPath.c_str(), SSL_FILETYPE_PEM) != 1) {
            throw std::runtime_error("test server: certificate or key unreadable");
        }
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
        listen(listener_, 1);
        socklen_t length = sizeof address;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { acceptOne(); });
    }
    ~AnythingGoesServer() {
        shutdown(listener_, SHUT_RDWR);
        thread_.join();
        close(listener_);
    }
    int port() const { return port_; }
    // Whether the one connection's handshake completed (waits for it).
    bool accepted() {
        thread_.join();
        thread_ = std::thread([] {});
        return accepted_;
    }

private:
    void acceptOne() {
        const int fd = accept(listener_, nullptr, nullptr);
        if (fd < 0) return;
        SSL* ssl = SSL_new(context_.get());
        SSL_set_fd(ssl, fd);
        accepted_ = SSL_accept(ssl) == 1;
        if (accepted_) {
            char request[512];
            SSL_read(ssl, request, sizeof request);  // the client's request, before closing under it
            SSL_shutdown(ssl);
        }
        ERR_clear_error();
        SSL_free(ssl);
        close(fd);
    }

    SslContext context_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> accepted_{false};
    std::thread thread_;
};

}  // namespace cowork::hub::testing
