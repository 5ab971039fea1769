// Nothing lost, nothing counted twice: through a proxy that cuts, delays and
// withholds replies, with the kiosk process killed, with the hub restarted.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "fault_proxy.hpp"
#include "future_certificate.hpp"
#include "hub_on_disk.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;
using cowork::testing::Fault;
using cowork::testing::FaultPlan;
using cowork::testing::FaultProxy;

TEST_CASE("1,000 check-ins over 3 kiosks through a faulty network reach the hub exactly once", "[sync][faults]") {
    RunningHub hub;
    FaultProxy proxy("127.0.0.1", hub.port(), FaultPlan::always(Fault::Pass));
    std::vector<std::unique_ptr<TestKiosk>> kiosks;
    for (const char* site : {"fleurie-boulangerie", "villie-morgon-bar", "cercie-cafe"}) {
        kiosks.push_back(std::make_unique<TestKiosk>(site));
        REQUIRE(kiosks.back()->enroll(hub, site).ok());
        kiosks.back()->reachHubAt(proxy.port());
        REQUIRE(kiosks.back()->sync().ok());
    }
    FaultPlan faulty = FaultPlan::random(20261126, {{Fault::Pass, 3},
                                                    {Fault::Delay, 1},
                                                    {Fault::DropMidRequest, 2},
                                                    {Fault::TruncateResponse, 2},
                                                    {Fault::ResetAfterReply, 3},
                                                    {Fault::Refuse, 1}});
    faulty.delayMs = 50;
    proxy.setPlan(faulty);
    int failures = 0;
    for (int i = 0; i < 1000; ++i) {
        TestKiosk& kiosk = *kiosks[static_cast<std::size_t>(i % 3)];
        kiosk.checkIn();
        if (i % 25 == 24 && !kiosk.sync(40).ok()) ++failures;
    }
    proxy.setPlan(FaultPlan::always(Fault::Pass));
    for (auto& kiosk : kiosks) kiosk->syncUntilEmpty();

    INFO("failed syncs " << failures << ", withheld replies " << proxy.applied(Fault::ResetAfterReply));
    CHECK(proxy.applied(Fault::ResetAfterReply) > 0);  // the hard case really happened
    CHECK(failures > 0);
    CHECK(hub.count("SELECT count(*) FROM visits") == 1000);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE ended_at IS NULL") == 0);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.started'") == 1000);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.ended'") == 1000);
}

namespace {

// Runs the driver and kills it after `killAfterMs`; returns the visits it said it recorded.
std::vector<std::string> runDriverAndKill(const std::string& store, int killAfterMs) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        execl(SYNC_KIOSK_DRIVER, SYNC_KIOSK_DRIVER, store.c_str(), "1000", "3", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    usleep(static_cast<useconds_t>(killAfterMs) * 1000);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    close(out[0]);
    std::vector<std::string> recorded;
    std::istringstream lines(text);
    for (std::string word, id; lines >> word;) {
        if (word == "recorded" && lines >> id) recorded.push_back(id);
    }
    return recorded;
}

}  // namespace

TEST_CASE("a kiosk killed at random points in 10 cycles loses nothing and doubles nothing", "[sync][faults]") {
    RunningHub hub;
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());
    std::mt19937 random(7);
    std::set<std::string> promised;
    for (int cycle = 0; cycle < 10; ++cycle) {
        const int killAfter = std::uniform_int_distribution<int>(30, 400)(random);
        for (const std::string& id : runDriverAndKill(kiosk.path(), killAfter)) promised.insert(id);
    }
    kiosk.syncUntilEmpty();

    INFO(promised.size() << " check-ins reported committed before the kills");
    CHECK(promised.size() > 20);
    CHECK(kiosk.count("PRAGMA integrity_check") == 0);  // "ok" reads as 0
    const std::int64_t onKiosk = kiosk.count("SELECT count(*) FROM events WHERE kind = 'visit.started'");
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.started'") == onKiosk);
    CHECK(hub.count("SELECT count(*) FROM visits") == onKiosk);
    for (const std::string& id : promised) {
        CHECK(hub.count("SELECT count(*) FROM visits WHERE id = '" + id + "'") == 1);
    }
}

TEST_CASE("a hub restarted in the middle of syncs loses nothing and doubles nothing", "[sync][faults]") {
    HubOnDisk hub;
    TestKiosk kiosk;
    hub.enroll(kiosk, "fleurie-boulangerie");
    std::mt19937 random(11);
    for (int restart = 0; restart < 4; ++restart) {
        for (int i = 0; i < 30; ++i) kiosk.checkIn();
        // Kill the hub while the kiosk is pushing.
        std::thread killer([&] {
            usleep(static_cast<useconds_t>(std::uniform_int_distribution<int>(0, 60)(random)) * 1000);
            hub.process->stop(restart % 2 ? SIGKILL : SIGTERM);
        });
        kiosk.sync(5);
        killer.join();
        hub.start();
    }
    kiosk.syncUntilEmpty();
    hub.process->stop(SIGTERM);
    CHECK(hub.count("SELECT count(*) FROM visits") == 120);
    CHECK(hub.count("SELECT count(DISTINCT id) FROM visits") == 120);
    CHECK(kiosk.count("SELECT count(*) FROM events WHERE kind = 'visit.started'") == 120);
}

TEST_CASE("a hub restored from yesterday's backup gets back what kiosks had sent since", "[sync][faults][epoch]") {
    HubOnDisk hub;
    TestKiosk kiosk;
    hub.enroll(kiosk, "fleurie-boulangerie");
    for (int i = 0; i < 10; ++i) kiosk.checkIn();
    kiosk.syncUntilEmpty();
    const std::string backup = hub.dir.file("sauvegarde.db");
    REQUIRE(cowork::hub::testing::runHubCommand({"backup", "--data", hub.data, "--to", backup}) == 0);
    for (int i = 0; i < 10; ++i) kiosk.checkIn();
    kiosk.syncUntilEmpty();

    // The hub's disk dies; yesterday's backup comes back in its place.
    hub.process->stop(SIGTERM);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(hub.data + "/hub.db" + suffix);
    std::filesystem::copy_file(backup, hub.data + "/hub.db");
    hub.start();

    const auto result = kiosk.sync();
    REQUIRE(result.ok());
    CHECK(result.epochChanged);
    CHECK(result.requeued == 40);  // its 20 visits, each started and ended
    kiosk.syncUntilEmpty();
    hub.process->stop(SIGTERM);
    CHECK(hub.count("SELECT count(*) FROM visits") == 20);
    CHECK(hub.count("SELECT count(ended_at) FROM visits") == 20);
}

namespace {

// The coordinator's list of kiosks, through the hub's API with a session.
Json devicesListed(HubOnDisk& hub) {
    REQUIRE(cowork::hub::testing::runHubCommand({"add-coordinator", "--data", hub.data, "--email", "coord@ccsb.example"}, nullptr,
                                                "un mot de passe solide") == 0);
    const auto login = hub.client.make()->Post("/api/v1/login", R"({"email": "coord@ccsb.example", "password": "un mot de passe solide"})",
                                               "application/json");
    REQUIRE(login);
    REQUIRE(login->status == 200);
    const std::string cookie = login->get_header_value("Set-Cookie");
    const auto listing = hub.client.make()->Get("/api/v1/admin/devices", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
    REQUIRE(listing);
    REQUIRE(listing->status == 200);
    return parseJson(listing->body)["devices"];
}

Json deviceListed(const Json& devices, const std::string& deviceId) {
    for (const Json& device : devices) {
        if (device["id"] == deviceId) return device;
    }
    FAIL("device not listed: " << deviceId);
    return {};
}

std::string readText(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("after a restore, a kiosk enrolled since the backup gets back in with its events, and one revoked since is flagged", "[sync][faults][epoch][restore]") {
    HubOnDisk hub;
    TestKiosk k1("k1"), k2("k2"), k3("k3");
    hub.enroll(k1, "fleurie-boulangerie");
    hub.enroll(k3, "villie-morgon-bar");
    const std::string backup = hub.dir.file("sauvegarde.db");
    REQUIRE(cowork::hub::testing::runHubCommand({"backup", "--data", hub.data, "--to", backup}) == 0);

    // After the backup: K2 is enrolled and syncs some visits, keeps others unsent; K3 is revoked.
    hub.enroll(k2, "beaujeu-tiers-lieu");
    for (int i = 0; i < 5; ++i) k2.checkIn();
    k2.syncUntilEmpty();
    for (int i = 0; i < 3; ++i) k2.checkIn();
    const std::string k2Id = k2.store().deviceId();
    REQUIRE(cowork::hub::testing::runHubCommand({"revoke-device", "--data", hub.data, "--device", k3.store().deviceId()}) == 0);
    REQUIRE_FALSE(k3.sync().ok());

    hub.process->stop(SIGTERM);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(hub.data + "/hub.db" + suffix);
    std::filesystem::copy_file(backup, hub.data + "/hub.db");
    hub.start();

    // The restored hub does not know K2: refused, and K2 keeps every event it holds.
    CHECK(k2.sync().problem == kiosk::SyncProblem::NotRecognised);
    CHECK(k2.store().outboxDepth() == 6);
    std::string code;
    REQUIRE(cowork::hub::testing::runHubCommand({"enroll-code", "--data", hub.data, "--site", "beaujeu-tiers-lieu"}, &code) == 0);
    code.erase(code.find_last_not_of('\n') + 1);
    const auto again = k2.enrollWith({hubUrl(hub.port), code, pinOfCertificateFile(hub.certificate)});
    CHECK(again.ok());
    CHECK(k2.store().deviceId() == k2Id);
    k2.syncUntilEmpty();
    CHECK(hub.count("SELECT count(*) FROM visits WHERE site_id = 'beaujeu-tiers-lieu'") == 8);
    CHECK(hub.count("SELECT count(ended_at) FROM visits WHERE site_id = 'beaujeu-tiers-lieu'") == 8);
    CHECK(hub.count("SELECT count(*) FROM hub_received WHERE device_id = '" + k2Id + "'") == 16);

    // K3's revocation was lost with the live file: the hub says it cannot vouch for K3.
    const Json devices = devicesListed(hub);
    CHECK(deviceListed(devices, k3.store().deviceId())["unvouched"] == true);
    CHECK(deviceListed(devices, k2Id)["unvouched"] == false);
    CHECK(readText(hub.data + "/hub.log").find("event=device_unvouched device=" + k3.store().deviceId()) != std::string::npos);

    // Revoked again before serving: K3 is refused and no longer flagged.
    hub.process->stop(SIGTERM);
    REQUIRE(cowork::hub::testing::runHubCommand({"revoke-device", "--data", hub.data, "--device", k3.store().deviceId()}) == 0);
    hub.start();
    CHECK(k3.sync().problem == kiosk::SyncProblem::NotRecognised);
    CHECK(deviceListed(devicesListed(hub), k3.store().deviceId())["unvouched"] == false);
    hub.process->stop(SIGTERM);
}

TEST_CASE("a kiosk whose clock is behind the certificate's validity still syncs on its pinned key", "[sync][clock][trust]") {
    // A certificate valid from tomorrow: for the kiosk, the same as its clock being in the past.
    cowork::testing::TempDir keys;
    const std::string cert = keys.file("cert.pem"), key = keys.file("key.pem");
    writeCertificateValidFrom(key, cert, 24 * 3600);
    HubOnDisk hub(std::make_pair(cert, key));

    TestKiosk pinned;
    hub.enroll(pinned, "fleurie-boulangerie");  // enrollment and a first sync, by the pin
    pinned.checkIn();
    REQUIRE(pinned.sync().ok());
    CHECK(hub.count("SELECT count(*) FROM visits") == 1);

    // Without the pin nothing vouches for it: refused before the code is sent.
    std::string code;
    REQUIRE(cowork::hub::testing::runHubCommand({"enroll-code", "--data", hub.data, "--site", "villie-morgon-bar"}, &code) == 0);
    code.erase(code.find_last_not_of('\n') + 1);
    TestKiosk unpinned("unpinned");
    CHECK(unpinned.enrollWith({hubUrl(hub.port), code, ""}).problem ==
          kiosk::SyncProblem::UntrustedCertificate);
    hub.process->stop(SIGTERM);
    CHECK(hub.count("SELECT count(*) FROM hub_devices") == 1);
}

TEST_CASE("a hub moved to its backup key keeps its kiosks syncing, and they learn the next backup", "[sync][trust][rotation]") {
    HubOnDisk hub;
    TestKiosk kiosk;
    hub.enroll(kiosk, "fleurie-boulangerie");
    const auto enrolledPins = loadEnrollment(kiosk.store())->pins;
    REQUIRE(enrolledPins.size() == 2);
    for (int move = 0; move < 2; ++move) {
        hub.process->stop(SIGTERM);
        REQUIRE(cowork::hub::testing::runHubCommand({"rotate-key", "--data", hub.data}) == 0);
        hub.start();
        kiosk.checkIn();
        const auto result = kiosk.sync();
        INFO("move " << move << ": " << kiosk::problemFrench(result.problem) << " " << result.detail);
        REQUIRE(result.ok());
        const auto pins = loadEnrollment(kiosk.store())->pins;
        CHECK(pins.front() == pinOfCertificateFile(hub.certificate));
        CHECK(pins.size() == 2);
    }
    CHECK(loadEnrollment(kiosk.store())->pins != enrolledPins);
    CHECK(hub.count("SELECT count(*) FROM visits") == 2);
}
