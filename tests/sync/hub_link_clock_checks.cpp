// The kiosk's clock as the app keeps it (HubLink: this device's clock plus the
// hub's offset, the sync worker measuring it) against a real hub over TLS.
// Built with the kiosk app only (HubLink is the app's).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>

#include "app/hub_link.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;
using namespace std::chrono_literals;
using cowork::kiosk::HubLink;

TEST_CASE("a first sync of several pages sets the kiosk's clock to the hub's, whatever its own clock read", "[sync][clock]") {
    RunningHub hub;
    // More changes than one page holds: a new kiosk's first sync takes several exchanges.
    std::vector<EventPayload> overrides;
    for (int i = 0; i < 1100; ++i) overrides.push_back(SiteOverrideSet{"fleurie-boulangerie", SiteOverride::None, std::to_string(i)});
    hub.storage().recordHubEvents(overrides, systemNowMs());

    const TimeMs start = systemNowMs();
    const struct {
        const char* what;
        TimeMs deviceMinusTrue;
    } clocks[] = {{"booted in 1970", 60'000 - start}, {"a week behind", -7 * kDayMs}, {"a year ahead", 365 * kDayMs}};
    for (const auto& wrong : clocks) {
        INFO("device clock " << wrong.what);
        TestKiosk kiosk(wrong.what);
        REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
        cowork::testing::TempDir dataDir;
        const TimeMs skew = wrong.deviceMinusTrue;
        HubLink link(kiosk.store(), kiosk.path(), dataDir.file(""), [skew] { return systemNowMs() + skew; });
        std::atomic<int> rounds{0};
        link.start([&rounds] { ++rounds; });
        REQUIRE(eventually([&] { return rounds >= 1; }, 30s));
        link.stop();

        const kiosk::Clock kioskClock = link.clock();
        CHECK(kiosk.store().outboxDepth() == 0);
        CHECK(kiosk.count("SELECT count(*) FROM sites") == hub.count("SELECT count(*) FROM sites"));
        CHECK(std::llabs(kioskClock() - systemNowMs()) < 1000);
        // Home says "à jour" when the last success is under 2 minutes old by the kiosk's clock.
        const SyncHealth health = loadSyncHealth(kiosk.store());
        REQUIRE(health.lastSuccessAt.has_value());
        CHECK(health.lastError.empty());
        CHECK(kioskClock() - *health.lastSuccessAt >= 0);
        CHECK(kioskClock() - *health.lastSuccessAt < 2 * kMinuteMs);
    }
}
