#include "attack.hpp"

#include <csignal>
#include <cstdio>
#include <memory>

#include <openssl/ssl.h>

#include "hostile_connection.hpp"

namespace cowork::bench::attack {

namespace {

constexpr auto kStatusEvery = std::chrono::seconds(5);
constexpr auto kReopenAfter = std::chrono::seconds(1);

std::size_t index(Kind kind) { return static_cast<std::size_t>(kind); }

std::string slowHead(int port, const std::string& token, int contentLength) {
    return "POST /api/v1/sync HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
           "\r\nUser-Agent: cowork-kiosk\r\nAccept: application/json\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(contentLength) + "\r\n";
}

asio::ssl::context clientContext(const std::string& caCert) {
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.load_verify_file(caCert);
    // An idle TLS connection should cost the attacker little: OpenSSL frees its
    // record buffers between reads.
    SSL_CTX_set_mode(tls.native_handle(), SSL_MODE_RELEASE_BUFFERS);
    return tls;
}

}  // namespace

Attack::Attack(asio::io_context& io, const AttackOptions& options)
   : io_(io),
      options_(options),
      tls_(clientContext(options.caCert)),
      // The slowloris head lacks the blank line that ends the headers (it never
      // comes); the slow body's has it, its body then drips.
      slowlorisHead_(slowHead(options.port, options.token, 2)),
      slowBodyHead_(slowHead(options.port, options.token, options.bodyLength) + "\r\n"),
      idleRequest_("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(options.port) + "\r\n\r\n"),
      status_(io),
      end_(io),
      signals_(io, SIGINT, SIGTERM) {
    for (Kind kind: kKinds) tally_[kind].wanted = options_.wanted[static_cast<std::size_t>(kind)];
}

asio::ip::tcp::endpoint Attack::target() const {
    return {asio::ip::make_address_v4("127.0.0.1"), static_cast<unsigned short>(options_.port)};
}

const std::string& Attack::requestHead(Kind kind) const {
    static const std::string nothing;
    switch (kind) {
        case Kind::SlowBody: return slowBodyHead_;
        case Kind::Slowloris: return slowlorisHead_;
        case Kind::IdleTls: return options_.idleAfterRequest ? idleRequest_ : nothing;
        case Kind::IdleTcp: return nothing;
    }
    return nothing;
}

char Attack::dripByte(Kind kind, std::size_t index) const {
    if (kind == Kind::SlowBody) return index == 0 ? '[' : ' ';
    if (index < slowlorisHead_.size()) return slowlorisHead_[index];
    static const std::string filler = "X-Attente: 1\r\n";  // more headers, never the end of them
    return filler[(index - slowlorisHead_.size()) % filler.size()];
}

void Attack::start() {
    for (Kind kind : kKinds) queued_[index(kind)] = tally_[kind].wanted;
    pump();
    tick();
    end_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(options_.durationS)));
    end_.async_wait([this](const boost::system::error_code& e) {
        if (!e) finish();
    });
    signals_.async_wait([this](const boost::system::error_code& e, int) {
        if (!e) finish();
    });
}

void Attack::launch(Kind kind) {
    const auto& source = options_.sources[nextSource_++ % options_.sources.size()];
    ++inFlight_[index(kind)];
    std::make_shared<HostileConnection>(*this, kind, source)->start();
}

void Attack::pump() {
    // Kind by kind in turn, so that every kind is under way from the first seconds.
    for (bool any = true; running_ && any;) {
        any = false;
        for (Kind kind : kKinds) {
            const std::size_t k = index(kind);
            if (inFlight_[k] < options_.opening && queued_[k] > 0) {
                --queued_[k];
                launch(kind);
                any = true;
            }
        }
    }
}

void Attack::again(Kind kind) {
    if (!running_ || !options_.reconnect) return;
    auto timer = std::make_shared<asio::steady_timer>(io_, kReopenAfter);
    timer->async_wait([this, timer, kind](const boost::system::error_code& e) {
        if (e || !running_) return;
        ++queued_[index(kind)];
        pump();
    });
}

void Attack::onOpen(Kind kind) {
    ++tally_[kind].opened;
    ++tally_[kind].open;
    --inFlight_[index(kind)];
    pump();
}

void Attack::onRefused(Kind kind, const std::string& why) {
    tally_.recordRefusal(kind, why);
    --inFlight_[index(kind)];
    pump();
    again(kind);
}

void Attack::onDropped(Kind kind, double livedS, bool answered) {
    --tally_[kind].open;
    tally_.recordDrop(kind, livedS, answered);
    again(kind);
}

void Attack::tick() {
    status_.expires_after(kStatusEvery);
    status_.async_wait([this](const boost::system::error_code& e) {
        if (e || !running_) return;
        std::printf("%s\n", tally_.statusLine().c_str());
        std::fflush(stdout);
        tick();
    });
}

void Attack::finish() {
    if (!running_) return;
    running_ = false;
    std::printf("%s\n", tally_.statusLine().c_str());
    for (Kind kind: kKinds) {
        if (!tally_[kind].firstRefusal.empty()) {
            std::printf("première refusée (%s)\u202F: %s\n", keyOf(kind), tally_[kind].firstRefusal.c_str());
        }
    }
    std::printf("%s\n", tally_.resultLine(static_cast<int>(options_.sources.size())).c_str());
    std::fflush(stdout);
    io_.stop();
}

}  // namespace cowork::bench::attack
