// The sync worker's timing as a kiosk lives it, and a coordinator's changes
// reaching a kiosk's store at its next sync.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include <sodium.h>

#include "fault_proxy.hpp"
#include "store/kiosk_reads.hpp"
#include "store/site_reads.hpp"
#include "sync/retry_backoff.hpp"
#include "sync/sync_worker.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;
using namespace std::chrono_literals;
using cowork::testing::Fault;
using cowork::testing::FaultPlan;
using cowork::testing::FaultProxy;

namespace {

kiosk::SyncWorkerSettings settingsFor(TestKiosk& kiosk, std::atomic<int>& wakes) {
    kiosk::SyncWorkerSettings settings;
    settings.storePath = kiosk.path();
    settings.interval = 60s;  // longer than any test: what happens sooner is the worker's doing
    settings.debounce = 200ms;
    settings.timeouts = testTimeouts();
    settings.round.bootId = "test-boot";
    settings.deviceClock = [] { return systemNowMs(); };
    settings.storeChanged = [&wakes] { ++wakes; };
    settings.backoffSeed = 3;
    return settings;
}

}  // namespace

TEST_CASE("the retry delay starts at 1 s, grows ×1.6 with ±20 % jitter and stops at 5 minutes", "[sync][backoff]") {
    kiosk::RetryBackoff backoff(42);
    double base = 1000;
    for (int i = 0; i < 20; ++i) {
        const TimeMs delay = backoff.nextDelayMs();
        INFO("failure " << i + 1);
        const double capped = std::min(base, 300'000.0);
        CHECK(delay >= static_cast<TimeMs>(capped * 0.8) - 1);
        CHECK(delay <= static_cast<TimeMs>(std::min(capped * 1.2, 300'000.0)) + 1);
        base *= 1.6;
    }
    CHECK(backoff.nextDelayMs() <= 300'000);
    backoff.reset();
    CHECK(backoff.nextDelayMs() <= 1'200);
    // Two kiosks failing together do not retry in step.
    kiosk::RetryBackoff a(1), b(2);
    CHECK(a.nextDelayMs() != b.nextDelayMs());
}

TEST_CASE("the worker syncs at start, soon after a local change, and retries a failure on its own", "[sync][worker]") {
    RunningHub hub;
    FaultProxy proxy("127.0.0.1", hub.port(), FaultPlan::always(Fault::Pass));
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    kiosk.reachHubAt(proxy.port());
    std::atomic<int> wakes{0};
    kiosk::SyncWorker worker(settingsFor(kiosk, wakes));

    // At start: the network arrives and the screen is told.
    REQUIRE(eventually([&] { return worker.roundsDone() >= 1; }, 10s));
    CHECK(wakes >= 1);
    CHECK(kiosk.count("SELECT count(*) FROM sites") > 0);

    // A check-in, then a nudge (what the app does after any write): pushed within the debounce.
    kiosk.checkIn();
    worker.nudge();
    CHECK(eventually([&] { return hub.count("SELECT count(*) FROM visits") == 1; }, 5s));

    // The hub unreachable: with no further local write, the worker keeps trying by itself.
    proxy.setPlan(FaultPlan::always(Fault::Refuse));
    kiosk.checkIn();
    worker.nudge();
    const int before = worker.roundsDone();
    CHECK(eventually([&] { return worker.roundsDone() >= before + 3; }, 10s));  // 1 s, 1.6 s, 2.6 s…
    CHECK(loadSyncHealth(kiosk.store()).lastError == "sync.problem.unreachable");
    CHECK(hub.count("SELECT count(*) FROM visits") == 1);

    // Back online: the next retry delivers it, with no touch at the counter.
    proxy.setPlan(FaultPlan::always(Fault::Pass));
    CHECK(eventually([&] { return hub.count("SELECT count(*) FROM visits") == 2; }, 15s));
    CHECK(eventually([&] { return loadSyncHealth(kiosk.store()).lastError.empty(); }, 5s));
    worker.stop();
}

TEST_CASE("a coordinator's changes reach the kiosk's store at its next sync, without a restart", "[sync][remote]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());

    Json site = hub.listedSite("fleurie-boulangerie");
    site["hours"]["weekly"]["mon"] = "07:00-12:00";
    site["animator"]["name"] = "Camille R.";
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/fleurie-boulangerie", site.dump()).status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/override", R"({"value": "closed", "reason": "Inventaire"})").status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/places/fenetre/service",
                      R"({"in_service": false, "reason": "Chaise cassée"})").status == 200);
    REQUIRE(hub.admin("POST", "/api/v1/admin/announcements",
                      R"({"text": "Atelier numérique jeudi", "valid_from": "2020-01-01", "valid_until": "2099-12-31"})").status == 201);
    REQUIRE(hub.admin("POST", "/api/v1/admin/sites/fleurie-boulangerie/shopkeeper-pin", R"({"pin": "482913"})").status == 200);

    REQUIRE(kiosk.sync().ok());
    Database& db = kiosk.store().db();
    const auto changed = loadSite(db, "fleurie-boulangerie");
    REQUIRE(changed);
    CHECK(changed->animator.name == "Camille R.");
    CHECK(changed->hours.weekly[0] == DayRanges{{420, 720}});
    CHECK(loadSiteOverride(db, "fleurie-boulangerie").value == SiteOverride::ClosedNow);
    CHECK(kiosk.count("SELECT in_service FROM place_service WHERE place_id = 'fleurie-boulangerie/fenetre'") == 0);
    const auto announcements = loadCurrentAnnouncements(db, "fleurie-boulangerie", toParisLocal(systemNowMs()).date);
    REQUIRE(announcements.size() == 1);
    CHECK(announcements[0].text == "Atelier numérique jeudi");
    const auto pin = loadShopkeeperPinHash(db, "fleurie-boulangerie");
    REQUIRE(pin);
    CHECK(crypto_pwhash_str_verify(pin->c_str(), "482913", 6) == 0);
}
