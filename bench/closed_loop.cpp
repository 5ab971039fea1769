#include "closed_loop.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace cowork::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using SteadyClock = std::chrono::steady_clock;
using Stream = beast::ssl_stream<beast::tcp_stream>;

constexpr EventMix kNoEvents = {1, 0, 0, 0};
constexpr int kMaxFollowUps = 20;

struct SessionFree {
    void operator()(SSL_SESSION* session) const { SSL_SESSION_free(session); }
};

class ClosedLoopConnection : public std::enable_shared_from_this<ClosedLoopConnection> {
public:
    ClosedLoopConnection(asio::io_context& io, asio::ssl::context& tls, const LoadOptions& o, Fleet& fleet, std::size_t first,
                         SteadyClock::time_point end, Tally& tally)
        : io_(io), tls_(tls), o_(o), fleet_(fleet), first_(first), kiosk_(first), end_(end), tally_(tally),
          server_(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(o.port)) {}

    void start() { connect(); }

private:
    void connect() {
        if (SteadyClock::now() >= end_) return;
        // A sync that needs a connection waits for it: timed from here.
        if (round_ == 0) sentAt_ = SteadyClock::now();
        timedFromConnect_ = true;
        stream_.emplace(io_, tls_);
        buffer_.clear();
        SSL* ssl = stream_->native_handle();
        if (session_) SSL_set_session(ssl, session_.get());
        stream_->set_verify_mode(asio::ssl::verify_peer);
        stream_->set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
        beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(o_.timeoutS));
        beast::get_lowest_layer(*stream_).async_connect(server_, [self = shared_from_this()](beast::error_code ec) {
            self->connected(ec);
        });
    }

    void connected(beast::error_code connectError) {
        if (connectError) return fail(connectError, "connect");
        stream_->next_layer().socket().set_option(asio::ip::tcp::no_delay(true));  // else ~40 ms a request (Nagle)
        stream_->async_handshake(asio::ssl::stream_base::client, [self = shared_from_this()](beast::error_code ec) {
            self->handshaken(ec);
        });
    }

    void handshaken(beast::error_code ec) {
        if (ec) return fail(ec, "handshake");
        ++tally_.handshakes;
        if (SSL_session_reused(stream_->native_handle())) ++tally_.resumed;
        send();
    }

    void send() {
        if (SteadyClock::now() >= end_) return;
        SimKiosk& kiosk = fleet_.kiosks[kiosk_];
        batch_ = makeBatch(kiosk, round_ == 0 ? o_.mix : kNoEvents);
        if (round_ == 0 && !timedFromConnect_) sentAt_ = SteadyClock::now();
        timedFromConnect_ = false;
        request_ = {http::verb::post, "/api/v1/sync", 11};
        request_.set(http::field::host, "127.0.0.1:" + std::to_string(o_.port));
        request_.set(http::field::authorization, "Bearer " + kiosk.token);
        request_.set(http::field::content_type, "application/json");
        request_.keep_alive(!o_.closeAfterSync);
        request_.body() = batch_.body;
        request_.prepare_payload();
        beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(o_.timeoutS));
        http::async_write(*stream_, request_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->written(ec);
        });
    }

    void written(beast::error_code writeError) {
        if (writeError) return fail(writeError, "write");
        response_.emplace();
        response_->body_limit(16 * 1024 * 1024);
        http::async_read(*stream_, buffer_, *response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail(ec, "read");
            self->received();
        });
    }

    void received() {
        const auto& response = response_->get();
        if (response.result_int() != 200) return fail({}, std::to_string(response.result_int()) + " " + response.body().substr(0, 200));
        tally_.events += batch_.eventCount;
        tally_.responseBytes += response.body().size();
        bool more = false;
        if (!o_.staticTarget) {
            try {
                const SyncReplyHead head = readSyncReplyHead(response.body());
                acceptReply(fleet_.kiosks[kiosk_], batch_, head);
                more = head.more;
            } catch (const std::exception& e) {
                return fail({}, e.what());
            }
        }
        if (more && ++round_ < kMaxFollowUps) {
            ++tally_.followUps;
        } else {
            const double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - sentAt_).count();
            tally_.latenciesMs.push_back(ms);
            if (ms > 1000) tally_.waited.insert(kiosk_);
            nextKiosk();
        }
        if (o_.closeAfterSync || !response.keep_alive()) return reconnect();
        send();
    }

    // Its own kiosks only (k ≡ first mod connections), so that no kiosk is
    // ever in two syncs at once.
    void nextKiosk() {
        round_ = 0;
        kiosk_ += static_cast<std::size_t>(o_.connections);
        if (kiosk_ >= fleet_.kiosks.size()) kiosk_ = first_;
    }

    // The server closes after "Connection: close": the session is kept for the
    // next connection, marked as properly ended so that OpenSSL lets it resume.
    void reconnect() {
        SSL* ssl = stream_->native_handle();
        SSL_set_shutdown(ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
        if (SSL_SESSION* session = SSL_get1_session(ssl)) session_.reset(session);
        beast::error_code ignored;
        beast::get_lowest_layer(*stream_).socket().close(ignored);
        connect();
    }

    void fail(beast::error_code ec, const std::string& what) {
        if (SteadyClock::now() >= end_) return;  // cut short by the end of the run
        ++tally_.failures;
        tally_.waited.insert(kiosk_);
        if (tally_.firstError.empty()) tally_.firstError = what + (ec ? ": " + ec.message() : std::string());
        nextKiosk();
        session_.reset();
        beast::error_code ignored;
        beast::get_lowest_layer(*stream_).socket().close(ignored);
        connect();
    }

    asio::io_context& io_;
    asio::ssl::context& tls_;
    const LoadOptions& o_;
    Fleet& fleet_;
    std::size_t first_;
    std::size_t kiosk_;
    SteadyClock::time_point end_;
    Tally& tally_;
    asio::ip::tcp::endpoint server_;
    std::optional<Stream> stream_;
    std::unique_ptr<SSL_SESSION, SessionFree> session_;
    beast::flat_buffer buffer_;
    SyncBatch batch_;
    int round_ = 0;
    SteadyClock::time_point sentAt_;
    bool timedFromConnect_ = false;
    http::request<http::string_body> request_;
    std::optional<http::response_parser<http::string_body>> response_;
};

}  // namespace

// Each client thread runs its own event loop over its own connections
// (c ≡ t mod threads) and tally: no lock between them, and kiosks stay with
// their connection. One thread alone was the ceiling's bottleneck: with a new
// TLS connection per request it was busy the whole run against nginx, and
// the server under test waited for it while a core sat idle.
Tally runClosedLoop(const LoadOptions& o, Fleet& fleet) {
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.load_verify_file(o.caCert);
    const auto end = SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(o.durationS));
    // No more connections than kiosks: each has kiosks of its own.
    const std::size_t connections = std::min(static_cast<std::size_t>(o.connections), fleet.kiosks.size());
    const std::size_t threadCount = std::clamp<std::size_t>(static_cast<std::size_t>(o.clientThreads), 1, connections);
    std::vector<Tally> tallies(threadCount);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < threadCount; ++t) {
        threads.emplace_back([&, t] {
            asio::io_context io(1);  // last: its pending handlers hold the connections, which use the above
            for (std::size_t c = t; c < connections; c += threadCount) {
                std::make_shared<ClosedLoopConnection>(io, tls, o, fleet, c, end, tallies[t])->start();
            }
            // Answers still on their way at the end are not counted; the sockets close with io.
            io.run_until(end);
        });
    }
    for (std::thread& thread : threads) thread.join();
    Tally total;
    for (Tally& tally : tallies) total.merge(std::move(tally));
    return total;
}

}  // namespace cowork::bench
