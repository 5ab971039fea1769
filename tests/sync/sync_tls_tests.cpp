// The kiosk's real client (kiosk/sync/hub_https.cpp, libcurl) against the hub's
// TLS policy (hub/tls/tls_policy.cpp): it agrees a handshake, keeps its
// connection from one sync to the next, and resumes the session instead of a
// full handshake when it must connect again.
#include <catch2/catch.hpp>

#include <thread>

#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

TEST_CASE("a kiosk keeps its connection between syncs, and resumes its TLS session once the hub closed it", "[sync][tls]") {
    RunningHub hub({}, [](hub::ServerOptions& options) { options.limits.idle = std::chrono::milliseconds(800); });
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());  // its first connection: a full handshake
    // Each reading of /metrics is a full handshake of its own, counted in its own
    // answer: `full` grows by one per reading after this one if no sync paid one.
    const long fullBefore = hub.tlsHandshakesCounted("full");
    const long resumedBefore = hub.tlsHandshakesCounted("resumed");
    kiosk.checkIn();
    REQUIRE(kiosk.sync().ok());
    REQUIRE(kiosk.sync().ok());
    CHECK(hub.tlsHandshakesCounted("resumed") == resumedBefore);
    CHECK(hub.tlsHandshakesCounted("full") == fullBefore + 3);  // three readings: the syncs kept their connection

    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the hub closes the idle connection
    REQUIRE(kiosk.sync().ok());
    CHECK(hub.tlsHandshakesCounted("resumed") == resumedBefore + 1);
    CHECK(hub.tlsHandshakesCounted("full") == fullBefore + 5);  // readings only
    CHECK(hub.count("SELECT count(*) FROM visits") == 1);
}
