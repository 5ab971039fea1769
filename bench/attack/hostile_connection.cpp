#include "hostile_connection.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>

namespace cowork::bench::attack {

namespace {

using Seconds = std::chrono::duration<double>;

std::chrono::steady_clock::duration after(double seconds) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(Seconds(seconds));
}

bool usesTls(Kind kind) { return kind != Kind::IdleTcp; }

}  // namespace

HostileConnection::HostileConnection(Attack& attack, Kind kind, asio::ip::address_v4 source)
   : attack_(attack), kind_(kind), source_(source), tcp_(attack.io()), timer_(attack.io()) {}

asio::ip::tcp::socket& HostileConnection::socket() { return tls_ ? tls_->next_layer() : tcp_; }

void HostileConnection::start() {
    error_code error;
    tcp_.open(asio::ip::tcp::v4(), error);
    // From its own loopback address, so that a per-address cap sees many clients.
    if (!error) tcp_.bind({source_, 0}, error);
    if (error) return fail("socket/bind " + source_.to_string() + "\u202F: " + error.message());
    timer_.expires_after(after(attack_.options().openTimeoutS));
    timer_.async_wait([self = shared_from_this()](const error_code& e) {
        if (e || self->open_ || self->over_) return;
        self->timedOut_ = true;
        self->close();  // the pending connect or handshake then fails
    });
    tcp_.async_connect(attack_.target(), [self = shared_from_this()](const error_code& e) { self->onConnected(e); });
}

void HostileConnection::onConnected(const error_code& error) {
    if (over_) return;
    if (error) return fail(timedOut_ ? "connexion\u202F: délai dépassé" : "connexion\u202F: " + error.message());
    if (!usesTls(kind_)) return becomeOpen();
    tls_.emplace(std::move(tcp_), attack_.tls());
    tls_->set_verify_mode(asio::ssl::verify_peer);
    tls_->set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
    tls_->async_handshake(asio::ssl::stream_base::client,
                          [self = shared_from_this()](const error_code& e) { self->onHandshake(e); });
}

void HostileConnection::onHandshake(const error_code& error) {
    if (over_) return;
    if (error) return fail(timedOut_ ? "poignée de main TLS\u202F: délai dépassé" : "poignée de main TLS\u202F: " + error.message());
    becomeOpen();
}

void HostileConnection::becomeOpen() {
    timer_.cancel();
    open_ = true;
    openedAt_ = std::chrono::steady_clock::now();
    attack_.onOpen(kind_);
    watch();
    if (kind_ == Kind::SlowBody || (kind_ == Kind::IdleTls && !attack_.requestHead(kind_).empty())) {
        asio::async_write(*tls_, asio::buffer(attack_.requestHead(kind_)),
                          [self = shared_from_this()](const error_code& e, std::size_t) {
                              if (e) return self->lost();
                              if (self->kind_ == Kind::SlowBody) self->drip();
                          });
    } else if (kind_ == Kind::Slowloris) {
        drip();
    }
}

// Reads whatever the hub sends (an HTTP error, a TLS alert) until it closes.
void HostileConnection::watch() {
    auto onRead = [self = shared_from_this()](const error_code& e, std::size_t) {
        if (self->over_) return;
        if (e) return self->lost();
        if (self->kind_ != Kind::IdleTls || !self->attack_.options().idleAfterRequest) self->answered_ = true;
        self->watch();
    };
    if (tls_) {
        tls_->async_read_some(asio::buffer(readBuffer_), onRead);
    } else {
        tcp_.async_read_some(asio::buffer(readBuffer_), onRead);
    }
}

void HostileConnection::drip() {
    if (over_) return;
    if (kind_ == Kind::SlowBody && dripped_ >= static_cast<std::size_t>(attack_.options().bodyLength)) return;
    timer_.expires_after(after(attack_.options().dripS));
    timer_.async_wait([self = shared_from_this()](const error_code& e) {
        if (e || self->over_) return;
        self->dripByte_ = self->attack_.dripByte(self->kind_, self->dripped_++);
        asio::async_write(*self->tls_, asio::buffer(&self->dripByte_, 1), [self](const error_code& w, std::size_t) {
            if (self->over_) return;
            if (w) return self->lost();
            self->drip();
        });
    });
}

void HostileConnection::fail(const std::string& why) {
    if (over_) return;
    over_ = true;
    close();
    attack_.onRefused(kind_, why);
}

void HostileConnection::lost() {
    if (over_) return;
    over_ = true;
    close();
    attack_.onDropped(kind_, Seconds(std::chrono::steady_clock::now() - openedAt_).count(), answered_);
}

void HostileConnection::close() {
    error_code ignored;
    timer_.cancel();
    socket().close(ignored);
}

}  // namespace cowork::bench::attack
