#pragma once
// One hostile connection of hub_attack: it connects from its source address,
// does the TLS handshake (except idle TCP), then sends nothing, or drips its
// slow request one byte at a time, while it watches for the hub closing it.
#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>

#include "attack.hpp"

namespace cowork::bench::attack {

class HostileConnection : public std::enable_shared_from_this<HostileConnection> {
public:
    HostileConnection(Attack& attack, Kind kind, asio::ip::address_v4 source);
    void start();

private:
    using error_code = boost::system::error_code;
    void onConnected(const error_code& error);
    void onHandshake(const error_code& error);
    void becomeOpen();
    void watch();
    void drip();
    void fail(const std::string& why);
    void lost();
    void close();
    asio::ip::tcp::socket& socket();

    Attack& attack_;
    Kind kind_;
    asio::ip::address_v4 source_;
    asio::ip::tcp::socket tcp_;
    std::optional<asio::ssl::stream<asio::ip::tcp::socket>> tls_;
    asio::steady_timer timer_;  // the open deadline, then the drip
    std::array<char, 256> readBuffer_{};
    char dripByte_ = 0;
    std::size_t dripped_ = 0;
    bool open_ = false;
    bool over_ = false;
    bool timedOut_ = false;
    bool answered_ = false;
    std::chrono::steady_clock::time_point openedAt_;
};

}  // namespace cowork::bench::attack
