// The kiosk's real client (kiosk/sync/hub_https.cpp, libcurl) against the hub's
// TLS policy (hub/tls/tls_policy.cpp): it agrees a handshake, and its syncs
// after the first resume the session instead of a full handshake.
#include <catch2/catch.hpp>

#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

TEST_CASE("a kiosk's syncs after the first resume the hub's TLS session", "[sync][tls]") {
    RunningHub hub;
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());  // its first connection: a full handshake
    // Each reading of /metrics is a full handshake of its own: 4 readings, so
    // `full` grows by 3 between the first and the last if no sync paid one.
    const long fullBefore = hub.tlsHandshakesCounted("full");
    const long resumedBefore = hub.tlsHandshakesCounted("resumed");
    // The hub closes the connection after each sync: each one is a new connection.
    kiosk.checkIn();
    REQUIRE(kiosk.sync().ok());
    REQUIRE(kiosk.sync().ok());
    CHECK(hub.tlsHandshakesCounted("resumed") >= resumedBefore + 2);
    CHECK(hub.tlsHandshakesCounted("full") == fullBefore + 3);
    CHECK(hub.count("SELECT count(*) FROM visits") == 1);
}
