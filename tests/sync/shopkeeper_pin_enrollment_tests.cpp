// The shopkeeper's PIN set by the installer at enrollment (issue 9, item 11):
// in the provisioning file or on the command line, never typed by a walk-in.
// Real hub over TLS, real kiosk stores; the PIN reaches the hub by sync.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "security/secrets.hpp"
#include "store/kiosk_reads.hpp"
#include "sync/provisioning_file.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";

// Whether any device setting holds this text (a PIN must never be kept in clear).
bool metaHolds(Store& store, const std::string& text) {
    Statement& row = store.db().prepare("SELECT count(*) FROM meta WHERE instr(value, ?1) > 0");
    row.bind(1, text);
    row.step();
    const bool found = row.columnInt(0) > 0;
    row.reset();
    return found;
}

// A second kiosk for the same site, enrolled later: what it gets is what the hub holds.
std::optional<std::string> pinHashTheHubGives(RunningHub& hub) {
    TestKiosk replacement("replacement");
    REQUIRE(replacement.enroll(hub, kSite).ok());
    REQUIRE(replacement.sync().ok());
    return loadShopkeeperPinHash(replacement.store().db(), kSite);
}

}  // namespace

TEST_CASE("a shopkeeper PIN in the provisioning file becomes the site's PIN, here and on the hub", "[sync][provisioning][pin]") {
    RunningHub hub;
    TestKiosk kiosk;
    cowork::testing::TempDir dir;
    const auto file = dir.path() / kiosk::kProvisioningFileName;
    const hub::EnrollmentCode code = hub.storage().createEnrollmentCode(kSite, systemNowMs());
    std::ofstream(file) << "url=" << hubUrl(hub.port()) << "\ncode=" << code.code << "\npin="
                        << pinOfCertificateFile(hub.certificatePath()) << "\nshopkeeper_pin=482915\n";
    REQUIRE(kiosk::takeProvisioningFile(kiosk.store(), {file}) == file);
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK_FALSE(metaHolds(kiosk.store(), "482915"));  // kept hashed until enrollment

    REQUIRE(kiosk::enrollPending(kiosk.store(), testTimeouts(), "Comptoir de test", kiosk.now()).ok());
    const auto here = loadShopkeeperPinHash(kiosk.store().db(), kSite);
    REQUIRE(here);
    CHECK(hub::verifyPassword(*here, "482915"));
    kiosk.syncUntilEmpty();
    const auto atHub = pinHashTheHubGives(hub);
    REQUIRE(atHub);
    CHECK(hub::verifyPassword(*atHub, "482915"));
}

TEST_CASE("a provisioning file's shopkeeper PIN must be 6 to 12 digits", "[sync][provisioning][pin]") {
    for (const char* pin : {"1234", "12345a", "1234567890123"}) {
        INFO(pin);
        try {
            kiosk::parseProvisioning(std::string("url=https://hub.ccsb.example\ncode=X\nshopkeeper_pin=") + pin);
            FAIL("accepted");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()).find("shopkeeper_pin : de 6 à 12 chiffres") != std::string::npos);
        }
    }
}

#ifdef COWORK_KIOSK_BINARY
namespace {

// `cowork-kiosk --enroll … --shopkeeper-pin-stdin` with `typed` on its standard
// input, as an installer runs it; returns its exit status and what it printed.
int enrollWithTheBinary(RunningHub& hub, const cowork::testing::TempDir& dir, const std::string& typed, std::string& output) {
    const hub::EnrollmentCode code = hub.storage().createEnrollmentCode(kSite, systemNowMs());
    const std::string command = std::string(COWORK_KIOSK_BINARY) + " --data " + dir.path().string() + " --enroll " +
                                hubUrl(hub.port()) + " " + code.code + " --pin " +
                                pinOfCertificateFile(hub.certificatePath()) + " --shopkeeper-pin-stdin > " +
                                dir.file("out.txt") + " 2>&1";
    FILE* input = popen(command.c_str(), "w");
    if (!input) return -1;
    std::fputs(typed.c_str(), input);
    const int status = pclose(input);
    std::ifstream said(dir.file("out.txt"));
    output.assign(std::istreambuf_iterator<char>(said), std::istreambuf_iterator<char>());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("cowork-kiosk --enroll reads the shopkeeper PIN on standard input and gives it to the hub", "[sync][pin][cli]") {
    RunningHub hub;
    cowork::testing::TempDir dir;
    std::string output;
    const int status = enrollWithTheBinary(hub, dir, "482915\n", output);
    INFO(output);
    REQUIRE(status == 0);
    Store store(dir.file("kiosk.db"));
    const auto here = loadShopkeeperPinHash(store.db(), kSite);
    REQUIRE(here);
    CHECK(hub::verifyPassword(*here, "482915"));
    CHECK_FALSE(metaHolds(store, "482915"));
}

TEST_CASE("cowork-kiosk --enroll refuses a shopkeeper PIN too short before it spends the code", "[sync][pin][cli]") {
    RunningHub hub;
    cowork::testing::TempDir dir;
    std::string output;
    CHECK(enrollWithTheBinary(hub, dir, "1234\n", output) == 2);
    CHECK(output.find("de 6 à 12 chiffres") != std::string::npos);
    CHECK(hub.count("SELECT count(*) FROM hub_devices") == 0);
}
#endif
