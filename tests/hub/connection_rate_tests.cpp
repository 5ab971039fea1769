// The rate of new connections per address, through a real hub (the per-address
// counting itself: connection_admission_tests.cpp).
#include <catch2/catch.hpp>

#include <regex>

#include "hub_test_support.hpp"
#include "raw_peer.hpp"

using namespace std::chrono_literals;
using cowork::hub::ServerOptions;
using cowork::hub::testing::RawPeer;
using cowork::hub::testing::RunningHub;

TEST_CASE("a client opening connections faster than allowed is closed at the door and counted", "[hub][transport]") {
    RunningHub hub({}, [](ServerOptions& options) {
        options.limits.perAddress = 2;
        options.limits.newPerAddressPerSecond = 0.01;  // in bursts of 4 × 2; none back within the test, however slow
    });
    for (int i = 0; i < 8; ++i) {
        RawPeer peer(hub.port(), "127.0.0.3");
        REQUIRE_NOTHROW(peer.handshake());  // then hangs up
    }
    RawPeer tooSoon(hub.port(), "127.0.0.3");
    CHECK(tooSoon.closedWithin(2s));
    RawPeer other(hub.port(), "127.0.0.4");  // another address has its own allowance
    CHECK_NOTHROW(other.handshake());

    const std::string metrics = hub.get("/metrics").body;
    std::smatch refused;
    REQUIRE(std::regex_search(metrics, refused, std::regex(R"(cowork_hub_connections_refused_total\{reason="rate"\} (\d+))")));
    CHECK(refused[1] == "1");
}
