// A kiosk keeps its HTTPS connection to the hub between syncs (no TLS handshake
// per sync), and losing that connection costs it nothing: not when the hub
// restarts under it, not when a NAT or reverse proxy resets it once idle. On
// a dead kept connection libcurl opens a new one by itself (it sees the end of
// the stream before reusing it, or retries once a request sent on it got no
// byte back). Failing that, the kiosk's worker would sync again after its
// backoff (1 s, then ×1.6): the tests below allow that one retry, and check
// apart that it was not needed.
#include <catch2/catch.hpp>

#include <csignal>
#include <string>
#include <thread>

#include "fault_proxy.hpp"
#include "hub_on_disk.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;
using cowork::testing::Fault;
using cowork::testing::FaultPlan;
using cowork::testing::FaultProxy;
using namespace std::chrono_literals;

namespace {

// The kiosk's sync as its worker does it: once, and once more after a failure
// (the worker's next round). Returns how many rounds it took; fails the test if two did not do.
int syncAsTheWorker(TestKiosk& kiosk) {
    kiosk::SyncRoundResult result = kiosk.sync();
    if (result.ok()) return 1;
    UNSCOPED_INFO("first round after the connection was lost: " << kiosk::problemFrench(result.problem) << " ("
                                                                 << result.detail << ")");
    result = kiosk.sync();
    INFO("second round: " << kiosk::problemFrench(result.problem) << " (" << result.detail << ")");
    REQUIRE(result.ok());
    return 2;
}

std::int64_t visitsStarted(TestKiosk& kiosk) {
    return kiosk.count("SELECT count(*) FROM events WHERE kind = 'visit.started'");
}

}  // namespace

TEST_CASE("a kiosk syncing several times in a row keeps one connection to the hub", "[sync][keepalive]") {
    RunningHub hub;
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());
    REQUIRE(kiosk.connectionsOpened() == 1);
    // Each reading of /metrics is a full handshake of its own, counted in its own answer.
    const long fullBefore = hub.tlsHandshakesCounted("full");
    const long resumedBefore = hub.tlsHandshakesCounted("resumed");

    for (int i = 0; i < 5; ++i) {
        kiosk.checkIn();
        const auto result = kiosk.sync();
        INFO("sync " << i << ": " << kiosk::problemFrench(result.problem) << " " << result.detail);
        REQUIRE(result.ok());
    }
    CHECK(kiosk.store().outboxDepth() == 0);
    CHECK(kiosk.connectionsOpened() == 1);  // seen from the kiosk: no new connection
    // Seen from the hub: no handshake but the readings' own (three after the first).
    CHECK(hub.tlsHandshakesCounted("resumed") == resumedBefore);
    CHECK(hub.tlsHandshakesCounted("full") == fullBefore + 3);
    CHECK(hub.count("SELECT count(*) FROM visits") == 5);
}

TEST_CASE("a kiosk keeping its connection syncs again after the hub restarts, every event stored once", "[sync][keepalive][restart]") {
    const int signal = GENERATE(SIGTERM, SIGKILL);
    CAPTURE(signal);
    HubOnDisk hub;
    TestKiosk kiosk;
    hub.enroll(kiosk, "fleurie-boulangerie");  // enrolls, then syncs once
    for (int i = 0; i < 3; ++i) {
        kiosk.checkIn();
        REQUIRE(kiosk.sync().ok());
    }
    REQUIRE(kiosk.connectionsOpened() == 1);  // the connection the restart is to break is really kept

    for (int i = 0; i < 4; ++i) kiosk.checkIn();  // waiting in the outbox while the hub is away
    hub.process->stop(signal);
    hub.start();  // same data, same port
    for (int i = 0; i < 2; ++i) kiosk.checkIn();
    const int rounds = syncAsTheWorker(kiosk);
    CHECK(rounds == 1);  // libcurl saw the old connection end and opened another by itself
    CHECK(kiosk.store().outboxDepth() == 0);
    CHECK(kiosk.connectionsOpened() == 2);

    // And the new connection is kept in turn.
    kiosk.checkIn();
    REQUIRE(kiosk.sync().ok());
    CHECK(kiosk.connectionsOpened() == 2);

    hub.process->stop(SIGTERM);
    REQUIRE(visitsStarted(kiosk) == 10);
    CHECK(hub.count("SELECT count(*) FROM visits") == 10);
    CHECK(hub.count("SELECT count(DISTINCT id) FROM visits") == 10);
    CHECK(hub.count("SELECT count(ended_at) FROM visits") == 10);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.started'") == 10);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.ended'") == 10);
}

TEST_CASE("a kiosk whose kept connection a proxy resets once idle syncs on, nothing lost or doubled", "[sync][keepalive][faults]") {
    // A reverse proxy resets as its idle timeout runs out; a NAT that forgot the
    // connection resets only the kiosk's next request, which libcurl then sends again.
    const bool resetOnNextByte = GENERATE(false, true);
    CAPTURE(resetOnNextByte);
    RunningHub hub;
    FaultPlan plan = FaultPlan::always(Fault::ResetWhenIdle);
    plan.idleMs = 300;
    plan.resetOnNextByte = resetOnNextByte;
    FaultProxy proxy("127.0.0.1", hub.port(), plan);
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    kiosk.reachHubAt(proxy.port());
    kiosk.keepConnectionThroughProxy();
    REQUIRE(kiosk.sync().ok());  // the network's places, through the proxy

    int rounds = 0;
    constexpr int kIdleSpells = 3;
    for (int spell = 0; spell < kIdleSpells; ++spell) {
        CAPTURE(spell);
        // Two syncs close together: one connection through the proxy.
        for (int i = 0; i < 2; ++i) {
            kiosk.checkIn();
            REQUIRE(kiosk.sync().ok());
        }
        REQUIRE(kiosk.connectionsOpened() == static_cast<std::uint64_t>(spell + 1));
        std::this_thread::sleep_for(600ms);  // the proxy's idle time runs out
        if (!resetOnNextByte) REQUIRE(proxy.applied(Fault::ResetWhenIdle) == static_cast<std::size_t>(spell + 1));
        kiosk.checkIn();
        rounds += syncAsTheWorker(kiosk);
        CHECK(proxy.applied(Fault::ResetWhenIdle) == static_cast<std::size_t>(spell + 1));
        CHECK(kiosk.store().outboxDepth() == 0);
    }
    INFO("rounds for the " << kIdleSpells << " syncs after a reset: " << rounds);
    CHECK(rounds == kIdleSpells);  // each one succeeded at once
    CHECK(kiosk.connectionsOpened() == kIdleSpells + 1);
    CHECK(proxy.connections() == kIdleSpells + 1);

    REQUIRE(visitsStarted(kiosk) == 3 * kIdleSpells);
    CHECK(hub.count("SELECT count(*) FROM visits") == 3 * kIdleSpells);
    CHECK(hub.count("SELECT count(ended_at) FROM visits") == 3 * kIdleSpells);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.started'") == 3 * kIdleSpells);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.ended'") == 3 * kIdleSpells);
}
