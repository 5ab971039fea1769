#pragma once
// What one connection may cost the hub, and how long each step may take. A peer
// slower than a deadline is dropped: on the internet, a connection that holds
// its socket open without finishing is an attack or a broken link, and either
// way it must not hold anything a kiosk needs.
#include <chrono>
#include <cstddef>

#include "sync/protocol.hpp"

namespace cowork::hub {

struct ConnectionLimits {
    // From accept to the end of the TLS handshake.
    std::chrono::milliseconds handshake{std::chrono::seconds(10)};
    // From the first byte of a request (or the handshake, for the first one) to its last header.
    std::chrono::milliseconds headers{std::chrono::seconds(10)};
    // From the last header to the last byte of the body: a 1 MiB batch over a slow village line fits.
    std::chrono::milliseconds body{std::chrono::seconds(30)};
    // A kept-alive connection waiting for its next request. A kiosk syncs every
    // 30 s: longer than that, so that it keeps its connection between syncs.
    std::chrono::milliseconds idle{std::chrono::seconds(75)};
    // Sending one answer (the console's largest exports included).
    std::chrono::milliseconds write{std::chrono::seconds(30)};
    // Open connections from one client address (trusted proxies excepted). A
    // village shop's router puts its kiosk and its customers' browsers behind one.
    int perAddress = 64;
    // New connections a second from one client address (trusted proxies
    // excepted), in bursts of up to 4 × perAddress: a kiosk opens one when its
    // kept connection closed, a browser a few per page.
    double newPerAddressPerSecond = 20;
    // Open connections in all; 0: as many as the process's file limit leaves room for.
    int total = 0;
    std::size_t headerBytes = 16 * 1024;
    std::size_t headerFields = 100;
    std::size_t bodyBytes = kMaxSyncBodyBytes;
};

}  // namespace cowork::hub
