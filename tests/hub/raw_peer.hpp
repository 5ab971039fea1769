#pragma once
// A client as rough as an attacker: a bare TCP socket from a chosen loopback
// address, optionally with TLS, that sends exactly the bytes it is told to and
// can tell when the server closed on it.
#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/ssl.h>

namespace cowork::hub::testing {

class RawPeer {
public:
    RawPeer(int port, const std::string& from = "127.0.0.1") {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        inet_pton(AF_INET, from.c_str(), &local.sin_addr);
        sockaddr_in hub{};
        hub.sin_family = AF_INET;
        hub.sin_port = htons(static_cast<uint16_t>(port));
        inet_pton(AF_INET, "127.0.0.1", &hub.sin_addr);
        const int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
            ::connect(fd_, reinterpret_cast<sockaddr*>(&hub), sizeof hub) != 0) {
            ::close(fd_);
            throw std::runtime_error("connexion impossible depuis " + from);
        }
    }
    ~RawPeer() {
        if (ssl_) SSL_free(ssl_);
        if (context_) SSL_CTX_free(context_);
        ::close(fd_);
    }
    RawPeer(const RawPeer&) = delete;
    RawPeer& operator=(const RawPeer&) = delete;

    // A TLS handshake that trusts any certificate: the attacker's side, not a kiosk's.
    void handshake() {
        context_ = SSL_CTX_new(TLS_client_method());
        ssl_ = SSL_new(context_);
        SSL_set_fd(ssl_, fd_);
        if (SSL_connect(ssl_) != 1) throw std::runtime_error("poignée de main TLS refusée");
    }

    void send(const std::string& bytes) {
        if (ssl_) {
            SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()));
        } else {
            ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        }
    }

    // Bytes on the socket itself, past TLS (a record's start, say).
    void sendRaw(const std::string& bytes) { ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

    // Plain TCP: sends up to `total` bytes as fast as the server takes them, and
    // says how many went before it closed (or `total` if it never did).
    std::size_t sendUntilClosed(std::size_t total) {
        const std::string chunk(64 * 1024, 'x');
        std::size_t sent = 0;
        while (sent < total) {
            const ssize_t n = ::send(fd_, chunk.data(), std::min(chunk.size(), total - sent), MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        return sent;
    }

    // What the server sends within `wait`, until it closes or goes quiet for 200 ms.
    std::string receive(std::chrono::milliseconds wait = std::chrono::seconds(5)) {
        std::string got;
        const auto until = std::chrono::steady_clock::now() + wait;
        while (std::chrono::steady_clock::now() < until) {
            if (!readable(got.empty() ? remainingMs(until) : 200)) break;
            char buffer[4096];
            const int n = ssl_ ? SSL_read(ssl_, buffer, sizeof buffer) : static_cast<int>(::recv(fd_, buffer, sizeof buffer, 0));
            if (n <= 0) break;
            got.append(buffer, static_cast<std::size_t>(n));
        }
        return got;
    }

    // True when the server closed the connection (EOF or reset) within `wait`.
    bool closedWithin(std::chrono::milliseconds wait) {
        const auto until = std::chrono::steady_clock::now() + wait;
        while (std::chrono::steady_clock::now() < until) {
            if (!readable(remainingMs(until))) return false;
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);  // raw bytes: TLS alerts count as data
            if (n <= 0) return true;
        }
        return false;
    }

private:
    bool readable(int ms) {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, ms) > 0;
    }
    static int remainingMs(std::chrono::steady_clock::time_point until) {
        return static_cast<int>(
            std::max<long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count()));
    }

    int fd_ = -1;
    SSL_CTX* context_ = nullptr;
    SSL* ssl_ = nullptr;
};

}  // namespace cowork::hub::testing
