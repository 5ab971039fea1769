#pragma once
// One client connection of the transport (http_transport.hpp), as a small state
// machine run on its own strand: handshake, then requests one after another,
// each read, answered on a pool thread and written back. The socket is
// non-blocking and OpenSSL reads and writes it directly; Asio only says when it
// is ready. (Asio's own TLS stream keeps two 17 KB buffers per connection for
// its whole life; this way an idle connection keeps none: see the memory figures
// in bench/README.md.)
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <openssl/ssl.h>

#include "http/connection_limits.hpp"
#include "http/connection_metrics.hpp"
#include "http/http_transport.hpp"

namespace cowork::hub {

class HttpConnection;

// What every connection shares; owned by the transport, which outlives them all.
struct ConnectionContext {
    const ConnectionLimits& limits;
    SSL_CTX* tls;  // null: plain HTTP
    ConnectionMetrics& metrics;
    const RequestHandlers& handlers;
    boost::asio::thread_pool& kioskPool;
    boost::asio::thread_pool& consolePool;
    // Set by stop() at once, before any connection hears of it: an answer made
    // after stop() was called says "Connection: close".
    const std::atomic<bool>& transportStopping;
    // Called from the connection's destructor.
    std::function<void(HttpConnection*, const std::string& address)> closed;
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
public:
    HttpConnection(boost::asio::ip::tcp::socket socket, std::string address, int port, ConnectionContext& context);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    void startOnItsStrand();
    // The hub is stopping: close now unless a request is being answered, and
    // after its answer otherwise. Posts itself on the connection's strand.
    void closeWhenIdle();

private:
    enum class Stage { Handshake, Idle, Headers, Body, Handling, Writing, Draining, Closed };
    enum class Io { Done, WaitRead, WaitWrite, End };
    using Step = void (HttpConnection::*)();

    void start();
    void continueHandshake();
    void beginRequest();
    void continueReading();
    bool parseBuffered();  // false once the request is complete or refused
    bool headersAccepted();
    void startAnswering();
    void startWriting(std::string bytes, bool keepAlive);
    void continueWriting();
    void finishAnswer();
    void refuse(int status);
    void close();
    void closeGracefully();
    void drain();

    Io readAvailable();
    Io sslWaitOrEnd(int result) const;
    Io writePending();
    bool sendInterim(const std::string& bytes);
    void waitFor(Io readiness, Step next);
    void enter(Stage stage, std::chrono::milliseconds deadline);
    void enter(Stage stage);  // no deadline
    void deadlinePassed();

    boost::asio::ip::tcp::socket socket_;
    boost::asio::steady_timer deadline_;
    std::uint64_t deadlineGeneration_ = 0;  // a timer that fired for an older step is ignored
    const std::string address_;
    const int port_;
    ConnectionContext& context_;
    SSL* ssl_ = nullptr;
    Stage stage_ = Stage::Handshake;
    bool firstRequest_ = true;
    bool keepAlive_ = true;
    std::atomic<bool> stopping_{false};  // read on a pool thread too, to say "Connection: close"
    boost::beast::flat_buffer in_;  // bytes read and not yet parsed; empty and freed while idle
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    std::string out_;
    std::size_t written_ = 0;
    std::size_t headerFields_ = 0;  // the request's, when its headers were complete
    std::size_t drained_ = 0;  // read and dropped after the last answer, across wake-ups (kDrainBytes)
};

}  // namespace cowork::hub
