#pragma once
// The hostile load of hub_attack on one Asio event loop: it opens the wanted
// connections of each kind (a few at a time), spread round-robin over the source
// addresses, counts what the hub does to them, reopens the lost ones if asked,
// prints a status line every 5 s and the RESULT line at the end.
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "attack_tally.hpp"

namespace cowork::bench::attack {

namespace asio = boost::asio;

struct AttackOptions {
    int port = 0;
    std::string caCert;
    std::array<int, 4> wanted{};  // by Kind
    std::vector<asio::ip::address_v4> sources;
    double durationS = 60;
    bool reconnect = false;
    bool idleAfterRequest = false;  // idle TLS: one GET /healthz first, as a kiosk between two syncs
    double dripS = 1;          // slowloris and slow bodies: one byte this often
    double openTimeoutS = 10;  // connect + TLS handshake, else refused
    int opening = 64;          // connections of one kind being opened at once
    int bodyLength = 100000;   // the slow bodies' Content-Length
    std::string token;         // Authorization: Bearer of the slow requests
};

class Attack {
public:
    Attack(asio::io_context& io, const AttackOptions& options);
    void start();

    // For the connections.
    asio::io_context& io() { return io_; }
    asio::ssl::context& tls() { return tls_; }
    const AttackOptions& options() const { return options_; }
    asio::ip::tcp::endpoint target() const;
    // What a connection sends once open: a slow request's head before its drip,
    // an idle kiosk's one request (--idle-after-request), or nothing.
    const std::string& requestHead(Kind kind) const;
    char dripByte(Kind kind, std::size_t index) const;  // the index-th byte dripped after the head
    bool running() const { return running_; }
    void onOpen(Kind kind);
    void onRefused(Kind kind, const std::string& why);
    void onDropped(Kind kind, double livedS, bool answered);

private:
    void launch(Kind kind);
    void pump();
    void again(Kind kind);
    void tick();
    void finish();

    asio::io_context& io_;
    AttackOptions options_;
    asio::ssl::context tls_;
    Tally tally_;
    // By kind, so that handshakes the hub leaves waiting do not hold up idle TCP.
    std::array<int, 4> queued_{};
    std::array<int, 4> inFlight_{};
    std::size_t nextSource_ = 0;
    std::string slowlorisHead_;
    std::string slowBodyHead_;
    std::string idleRequest_;
    asio::steady_timer status_;
    asio::steady_timer end_;
    asio::signal_set signals_;
    bool running_ = true;
};

}  // namespace cowork::bench::attack
