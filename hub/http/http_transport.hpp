#pragma once
// The hub's HTTP(S) transport, event-driven on Boost.Asio: an open connection
// is a socket, an OpenSSL session and a few hundred bytes of state, and holds no
// thread. One or two threads wait on every socket at once; a request, once read
// whole, is answered on a small pool of threads, the kiosks' apart from the
// console's so that a slow export never delays a sync.
//
// Every step has a deadline (connection_limits.hpp): a peer too slow at the TLS
// handshake, the headers or the body is dropped and counted (connection_metrics.hpp).
// Connections are kept alive between requests, so a kiosk's libcurl reuses its
// connection from one sync to the next and pays no handshake.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <openssl/ssl.h>

#include "http/connection_limits.hpp"
#include "http/connection_metrics.hpp"

namespace httplib {
struct Request;
struct Response;
}

namespace cowork::hub {

enum class Lane { Kiosk, Console };

struct TransportOptions {
    std::string host = "0.0.0.0";
    int port = 8443;  // 0: any free port
    ConnectionLimits limits;
    int ioThreads = 2;
    int kioskThreads = 4;
    int consoleThreads = 2;
    std::vector<std::string> uncappedAddresses;  // trusted proxies
};

struct RequestHandlers {
    // Fills the response whole; must not throw.
    std::function<void(httplib::Request&, httplib::Response&)> answer;
    // The answer to a request refused before it reached a route (400, 413, 431).
    std::function<void(int status, httplib::Response&)> refuse;
    // Which pool answers a request, from its path.
    std::function<Lane(const std::string& path)> laneOf;
};

class HttpTransport {
public:
    // `tls` null: plain HTTP (behind a TLS proxy). The context must outlive the transport.
    HttpTransport(TransportOptions options, SSL_CTX* tls, ConnectionMetrics& metrics, RequestHandlers handlers);
    ~HttpTransport();

    // Binds and listens; throws with a clear message when it cannot.
    void bind();
    int port() const;
    // Serves until stop(); requests being answered finish and are sent first.
    void run();
    // From any thread, any number of times, before or during run().
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cowork::hub
