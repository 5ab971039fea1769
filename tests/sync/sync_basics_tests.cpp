// Sync as a kiosk lives it, against a real hub over TLS: enrollment and trust,
// what the network view learns, refused events, clock skew.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "domain/member_code.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

TEST_CASE("a kiosk enrolled by pin pulls its network and pushes its check-ins", "[sync]") {
    RunningHub hub;
    TestKiosk kiosk;
    const auto enrolled = kiosk.enroll(hub, "fleurie-boulangerie");
    REQUIRE(enrolled.ok());
    CHECK(enrolled.siteId == "fleurie-boulangerie");
    CHECK(kiosk.store().meta("kiosk.site_id") == "fleurie-boulangerie");
    CHECK(loadEnrollment(kiosk.store())->pins.size() == 2);  // current and backup key

    REQUIRE(kiosk.sync().ok());
    CHECK(kiosk.count("SELECT count(*) FROM sites") == hub.count("SELECT count(*) FROM sites"));
    CHECK(kiosk.count("SELECT count(*) FROM site_availability") == hub.count("SELECT count(*) FROM sites"));
    kiosk.checkIn();
    kiosk.checkIn(false);
    REQUIRE(kiosk.sync().ok());
    CHECK(kiosk.store().outboxDepth() == 0);
    CHECK(hub.count("SELECT count(*) FROM visits") == 2);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE ended_at IS NULL") == 1);
    const SyncHealth health = loadSyncHealth(kiosk.store());
    CHECK(health.lastSuccessAt.has_value());
    CHECK(health.lastError.empty());
}

TEST_CASE("two kiosks of different sites see each other's free places after one sync each, a quarter of a second apart", "[sync]") {
    RunningHub hub;
    TestKiosk fleurie("fleurie"), villie("villie");
    REQUIRE(fleurie.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(villie.enroll(hub, "villie-morgon-bar").ok());
    // Fleurie needs its places before it can check anyone in: its first sync.
    REQUIRE(fleurie.sync().ok());
    fleurie.checkIn(false);
    REQUIRE(fleurie.sync().ok());
    // The hub counts every site's free places again a quarter of a second after
    // a check-in moved its log (kAvailabilityReuseMs), not at each sync.
    hub.clockShiftMs += cowork::hub::kAvailabilityReuseMs;
    REQUIRE(villie.sync().ok());
    villie.checkIn(false);
    REQUIRE(villie.sync().ok());
    hub.clockShiftMs += cowork::hub::kAvailabilityReuseMs;
    REQUIRE(fleurie.sync().ok());

    const auto free = [](TestKiosk& k, const char* site) {
        return k.count(std::string("SELECT free_places FROM site_availability WHERE site_id = '") + site + "'");
    };
    CHECK(free(villie, "fleurie-boulangerie") == 1);  // 2 places, 1 taken
    CHECK(free(fleurie, "villie-morgon-bar") == 2);   // 3 places, 1 taken
}

TEST_CASE("a wrong pin or an untrusted certificate sends nothing, the enrollment code included", "[sync][trust]") {
    RunningHub hub;
    const std::string otherKeysPin = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    TestKiosk kiosk;
    SECTION("enrollment with a wrong pin") {
        const auto result = kiosk.enroll(hub, "fleurie-boulangerie", otherKeysPin);
        CHECK(result.problem == kiosk::SyncProblem::UnexpectedKey);
        CHECK(kiosk::lastEnrollmentProblem(kiosk.store()) == "sync.problem.unexpected_key");
        CHECK(hub.count("SELECT count(*) FROM hub_devices") == 0);
    }
    SECTION("enrollment with no pin, on a hub no authority vouches for") {
        const hub::EnrollmentCode code = hub.storage().createEnrollmentCode("fleurie-boulangerie", systemNowMs());
        const auto result = kiosk.enrollWith({hubUrl(hub.port()), code.code, ""});
        CHECK(result.problem == kiosk::SyncProblem::UntrustedCertificate);
        CHECK(std::string(kiosk::problemFrench(result.problem)).find("cowork-hub pin") != std::string::npos);
        CHECK(hub.count("SELECT count(*) FROM hub_devices") == 0);
        // The code never left: it still enrolls, once the pin is given.
        CHECK(kiosk.enrollWith({hubUrl(hub.port()), code.code, pinOfCertificateFile(hub.certificatePath())}).ok());
    }
    SECTION("a sync to a hub whose key is not pinned") {
        REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
        REQUIRE(kiosk.sync().ok());
        kiosk.checkIn();
        kiosk.store().setMeta("sync.pins", Json(std::vector<std::string>{otherKeysPin}).dump());
        const auto result = kiosk.sync();
        CHECK(result.problem == kiosk::SyncProblem::UnexpectedKey);
        CHECK(kiosk.store().outboxDepth() == 2);
        CHECK(hub.count("SELECT count(*) FROM visits") == 0);
        CHECK(loadSyncHealth(kiosk.store()).lastError == "sync.problem.unexpected_key");
    }
}

TEST_CASE("a kiosk clock 6 hours off still gives visits dated right on the hub", "[sync][clock]") {
    for (const TimeMs skew : {6 * kHourMs, -6 * kHourMs}) {
        RunningHub hub;
        TestKiosk kiosk;
        REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
        REQUIRE(kiosk.sync().ok());
        kiosk.clockSkewMs = skew;
        kiosk.checkIn();
        kiosk.checkIn(false);
        REQUIRE(kiosk.sync().ok());
        const TimeMs now = systemNowMs();
        // Dated as the statistics date them: the device clock corrected by its offset.
        const std::int64_t worst = hub.count(
            "SELECT max(abs(v.started_at + r.clock_offset_ms - " + std::to_string(now) + ")) "
            "FROM visits v JOIN hub_received r ON r.event_id = v.start_event");
        INFO("skew " << skew << " ms");
        CHECK(worst < 10'000);
        CHECK(hub.count("SELECT count(*) FROM visits") == 2);
        // The kiosk now knows how far off it is.
        const auto offset = hubClockOffset(kiosk.store(), "test-boot");
        REQUIRE(offset.has_value());
        CHECK(std::abs(*offset + skew) < 10'000);
    }
}

TEST_CASE("an event the hub refuses is set aside and the rest of the queue goes on", "[sync]") {
    RunningHub hub;
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());
    kiosk.checkIn();
    const TimeMs now = kiosk.now();
    Store& store = kiosk.store();
    const Event bad = store.makeEvent(VisitStarted{newUuid7(now), "fleurie-boulangerie", "fleurie-boulangerie/grenier", std::nullopt, now}, now);
    store.recordLocal({bad}, now);
    kiosk.checkIn();

    const auto result = kiosk.sync();
    REQUIRE(result.ok());
    CHECK(result.setAside == 1);
    CHECK(store.outboxDepth() == 0);
    CHECK(hub.count("SELECT count(*) FROM visits") == 2);
    CHECK(kiosk.count("SELECT count(*) FROM set_aside WHERE event_id = '" + bad.id + "'") == 1);
    CHECK(store.findEvent(bad.id).has_value());  // kept, not lost
    CHECK(loadSyncHealth(store).setAside == 1);
    // Reported at the next sync for the coordinator.
    CHECK(nextSyncRequest(store, now, 10, "t").setAside.at(0).eventId == bad.id);

    // The coordinator adds the place; the shopkeeper sends the visit again.
    hub.logInAsCoordinator();
    REQUIRE(hub.admin("PUT", "/api/v1/admin/sites/fleurie-boulangerie/places/grenier", R"({"label": "Grenier"})").status == 200);
    CHECK(requeueSetAside(store, kiosk.now()) == 1);
    REQUIRE(kiosk.sync().ok());
    CHECK(hub.count("SELECT count(*) FROM visits") == 3);
    CHECK(loadSyncHealth(store).setAside == 0);
}

TEST_CASE("a code typed offline at another site is resolved by the hub at the next sync", "[sync][provisional]") {
    RunningHub hub;
    TestKiosk fleurie("fleurie"), villie("villie");
    REQUIRE(fleurie.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(villie.enroll(hub, "villie-morgon-bar").ok());
    REQUIRE(villie.sync().ok());  // Villié has its places, then goes offline

    // Zoé signs up at Fleurie.
    Member zoe = cowork::testing::sampleMember(newUuid7(systemNowMs()), "");
    zoe.code = std::string("K7M4X") + memberCodeCheckCharacter("K7M4X");
    Store& f = fleurie.store();
    f.recordLocal({f.makeEvent(MemberRegistered{zoe}, fleurie.now())}, fleurie.now());
    REQUIRE(fleurie.sync().ok());

    // Next day at Villié, which has not heard of her yet: a provisional check-in.
    Store& v = villie.store();
    REQUIRE_FALSE(findInMemberDirectory(v.db(), zoe.code));
    const std::string visit = newUuid7(villie.now());
    v.recordLocal({v.makeEvent(VisitStarted{visit, "villie-morgon-bar", villie.firstPlace(), std::nullopt, villie.now(), zoe.code},
                               villie.now())},
                  villie.now());
    REQUIRE(villie.sync().ok());

    CHECK(villie.count("SELECT count(*) FROM visits WHERE id = '" + visit + "' AND member_id = '" + zoe.id + "'") == 1);
    CHECK(villie.count("SELECT count(*) FROM visit_resolutions WHERE visit_id = '" + visit + "'") == 1);
    CHECK(findInMemberDirectory(v.db(), zoe.code)->firstName == "Zoé");
    CHECK(hub.count("SELECT count(*) FROM visits WHERE id = '" + visit + "' AND member_id = '" + zoe.id + "'") == 1);
    // Fleurie's kiosk does not hear about Villié's visits.
    REQUIRE(fleurie.sync().ok());
    CHECK(fleurie.count("SELECT count(*) FROM visit_resolutions") == 0);
}

TEST_CASE("visits made while the kiosk's clock was an hour behind are dated right after the clock is fixed", "[sync][clock]") {
    // A Pi back from a power cut, fake-hwclock an hour behind, offline; then NTP
    // sets its clock, then it syncs: only its monotonic clock knows when.
    RunningHub hub;
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());
    kiosk.clockSkewMs = -kHourMs;
    kiosk.checkIn();
    const TimeMs madeAt = systemNowMs();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    kiosk.clockSkewMs = 0;
    REQUIRE(kiosk.sync().ok());
    const std::int64_t dated = hub.count(
        "SELECT v.started_at + r.clock_offset_ms FROM visits v JOIN hub_received r ON r.event_id = v.start_event");
    CHECK(std::abs(dated - madeAt) < 1000);
}
