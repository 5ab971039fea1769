// Enrollment as an installer meets it: the provisioning file and a second enrollment.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include "sync/provisioning_file.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

namespace {

const std::string kPin = "sha256//" + std::string(43, 'A') + "=";

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("a provisioning file is read once, kept as a pending enrollment and deleted", "[sync][provisioning]") {
    cowork::testing::TempDir dir;
    TestKiosk kiosk;
    const auto file = dir.path() / kiosk::kProvisioningFileName;
    // As Notepad saves it: a byte-order mark and CRLF line ends.
    write(file, "\xEF\xBB\xBF# cowork\r\nurl=https://hub.ccsb.example:8443\r\ncode = 7KQ2-MX4P\r\npin=" + kPin + "\r\n");
    REQUIRE(kiosk::takeProvisioningFile(kiosk.store(), {dir.path() / "absent.txt", file}) == file);
    CHECK_FALSE(std::filesystem::exists(file));
    const auto pending = kiosk::loadPendingEnrollment(kiosk.store());
    REQUIRE(pending);
    CHECK(pending->hubUrl == "https://hub.ccsb.example:8443");
    CHECK(pending->code == "7KQ2-MX4P");
    CHECK(pending->pin == kPin);
}

TEST_CASE("a provisioning file that cannot be deleted is not taken in again", "[sync][provisioning]") {
    cowork::testing::TempDir dir;
    TestKiosk kiosk;
    const auto boot = dir.path() / "boot";
    std::filesystem::create_directories(boot);
    const auto file = boot / kiosk::kProvisioningFileName;
    write(file, "url=https://hub.ccsb.example:8443\ncode=7KQ2-MX4P\n");
    chmod(boot.c_str(), 0555);  // a boot partition the kiosk's user may not write to
    const bool readOnly = access(boot.c_str(), W_OK) != 0;  // root writes anyway
    CHECK(kiosk::takeProvisioningFile(kiosk.store(), {file}).has_value());
    kiosk::savePendingEnrollment(kiosk.store(), {"https://hub.ccsb.example:8443", "", ""});  // the code was used up
    if (readOnly) CHECK(std::filesystem::exists(file));
    chmod(boot.c_str(), 0755);
    write(file, "url=https://hub.ccsb.example:8443\ncode=7KQ2-MX4P\n");  // still there (or there again): the same file
    CHECK_FALSE(kiosk::takeProvisioningFile(kiosk.store(), {file}).has_value());
    CHECK_FALSE(kiosk::loadPendingEnrollment(kiosk.store()).has_value());
}

TEST_CASE("a provisioning file with a mistake is left in place and says where", "[sync][provisioning]") {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"url=http://hub.ccsb.example\ncode=X", "https://"},
        {"url=https://hub.ccsb.example\n", "code"},
        {"url=https://hub.ccsb.example\ncode=X\npin=md5//abc", "pin"},
        {"url=https://hub.ccsb.example\ncode=X\nport=8443", "ligne 3"},
        {"url https://hub.ccsb.example", "ligne 1"},
    };
    for (const auto& [text, said] : bad) {
        INFO(text);
        try {
            kiosk::parseProvisioning(text);
            FAIL("accepted");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()).find(said) != std::string::npos);
        }
    }
    cowork::testing::TempDir dir;
    TestKiosk kiosk;
    const auto file = dir.path() / kiosk::kProvisioningFileName;
    write(file, bad[0].first);
    CHECK_FALSE(kiosk::takeProvisioningFile(kiosk.store(), {file}).has_value());
    CHECK(std::filesystem::exists(file));
}

TEST_CASE("a kiosk holding check-ins under another identity is not enrolled, and the code is not spent", "[sync]") {
    RunningHub hub;
    TestKiosk kiosk;
    kiosk.store().recordLocal({kiosk.store().makeEvent(MessageSent{{newUuid7(systemNowMs()), "fleurie-boulangerie", "Zoé", "",
                                                                    "bonjour", systemNowMs(), DeliveryState::Pending}},
                                                       systemNowMs())},
                              systemNowMs());
    const hub::EnrollmentCode code = hub.storage().createEnrollmentCode("fleurie-boulangerie", systemNowMs());
    CHECK(kiosk.enrollWith({hubUrl(hub.port()), code.code, pinOfCertificateFile(hub.certificatePath())}).problem == kiosk::SyncProblem::StoreInUse);
    CHECK(hub.count("SELECT count(*) FROM hub_devices") == 0);
    TestKiosk fresh("fresh");
    CHECK(fresh.enrollWith({hubUrl(hub.port()), code.code, pinOfCertificateFile(hub.certificatePath())}).ok());
}

TEST_CASE("a kiosk enrolled by its sync worker's connection makes its next events under the hub's id", "[sync]") {
    RunningHub hub;
    TestKiosk kiosk;
    Store screen(kiosk.path());  // the screen's connection, opened before enrollment
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());
    const Event made = screen.makeEvent(VisitStarted{newUuid7(systemNowMs()), "fleurie-boulangerie", kiosk.firstPlace(),
                                                     std::nullopt, systemNowMs()},
                                        systemNowMs());
    screen.recordLocal({made}, systemNowMs());
    CHECK(made.origin == kiosk.store().deviceId());
    const auto result = kiosk.sync();
    CHECK(result.ok());
    CHECK(result.setAside == 0);
    CHECK(hub.count("SELECT count(*) FROM visits") == 1);
}

TEST_CASE("a refusal that is not the event's fault sets nothing aside", "[sync]") {
    RunningHub hub;
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    REQUIRE(kiosk.sync().ok());
    kiosk.checkIn();
    // An event claiming another device's origin: the hub answers 403 on events[i].origin.
    Event forged = kiosk.store().makeEvent(VisitEnded{newUuid7(systemNowMs()), systemNowMs(), VisitEnd::ByMember}, systemNowMs());
    forged.origin = "01a00000-0000-7000-8000-000000000000";
    kiosk.store().recordLocal({forged}, systemNowMs());
    const auto result = kiosk.sync();
    CHECK_FALSE(result.ok());
    CHECK(result.setAside == 0);
    CHECK(kiosk.store().outboxDepth() == 3);
    CHECK(loadSyncHealth(kiosk.store()).lastError == "sync.problem.refused");
}
