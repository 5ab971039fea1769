// /etc/cowork-hub/hub.conf (here --config FILE) through the real binary: the
// Debian package's admin commands find the data directory there, serve takes
// every option from it, the command line wins, a typo is refused. And the
// daily timer's backups: copies older than the link period go.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "hub_process.hpp"
#include "storage/hub_backup.hpp"
#include "tls/hub_identity.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

namespace fs = std::filesystem;

std::string writeConfig(const cowork::testing::TempDir& dir, const std::string& text) {
    const std::string path = dir.file("hub.conf");
    std::ofstream(path) << text;
    return path;
}

std::string firstLine(std::string text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("hub.conf gives the admin commands their data directory, and the command line wins", "[hub][config][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    const std::string other = dir.file("other");
    const std::string config = writeConfig(dir, "# comme /etc/cowork-hub/hub.conf\ndata = \"" + data + "\"\nlisten = \"127.0.0.1:8443\"\n");

    std::string pin;
    REQUIRE(runHubCommand({"--config", config, "pin"}, &pin) == 0);
    CHECK(firstLine(pin) == publicKeyPinOfCertificate(data + "/tls/cert.pem"));

    REQUIRE(runHubCommand({"--config", config, "import-network", kDemoNetwork}) == 0);
    std::string code;
    CHECK(runHubCommand({"--config", config, "enroll-code", "--site", "fleurie-boulangerie"}, &code) == 0);
    CHECK(fs::exists(data + "/hub.db"));

    std::string otherPin;
    REQUIRE(runHubCommand({"--config", config, "pin", "--data", other}, &otherPin) == 0);
    CHECK(fs::exists(other + "/tls/cert.pem"));
    CHECK(firstLine(otherPin) == publicKeyPinOfCertificate(other + "/tls/cert.pem"));
    CHECK(otherPin != pin);
}

TEST_CASE("a key no command knows is refused, naming it, and nothing is created", "[hub][config][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    const std::string config = writeConfig(dir, "data = \"" + data + "\"\nlisten-port = 443\n");
    std::string errors;
    CHECK(runHubCommandKeepingErrors({"--config", config, "pin"}, nullptr, &errors) != 0);
    CHECK(errors.find("clé inconnue dans le fichier de configuration : « listen-port »") != std::string::npos);
    CHECK_FALSE(fs::exists(data));
}

TEST_CASE("serve takes its names and its address from hub.conf", "[hub][config][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    const int port = freePort();
    const std::string config = writeConfig(dir, "data = \"" + data + "\"\nlisten = \"127.0.0.1:" + std::to_string(port) +
                                                    "\"\nhostname = [\"hub.ccsb.example\", \"192.0.2.7\"]\nthreads = 4\n");
    // What it logged and the certificate it made tell the options it took.
    const std::string errors = serveBrieflyFromConfig(config);
    CHECK(errors.find("event=listening address=127.0.0.1:" + std::to_string(port) + " tls=on threads=4") != std::string::npos);
    const auto names = certificateSubjectAltNames(data + "/tls/cert.pem");
    CHECK(std::find(names.begin(), names.end(), "DNS:hub.ccsb.example") != names.end());
    CHECK(std::find(names.begin(), names.end(), "IP:192.0.2.7") != names.end());
}

TEST_CASE("run by root on the service's data directory, an admin command creates files the service owns", "[hub][config][cli]") {
    if (geteuid() != 0) {
        WARN("not root: the switch to the data directory's owner is not tested");
        return;
    }
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    fs::create_directories(data);
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    REQUIRE(chown(data.c_str(), 65534, 65534) == 0);  // nobody, as cowork-hub owns /var/lib/cowork-hub
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    REQUIRE(runHubCommand({"pin", "--data", data}) == 0);
    for (const std::string file : {"/hub.db", "/tls/key.pem", "/tls/backup-key.pem", "/tls/cert.pem"}) {
        struct stat info {};
        REQUIRE(stat((data + file).c_str(), &info) == 0);
        CHECK(info.st_uid == 65534);
        CHECK(info.st_gid == 65534);
    }
}

TEST_CASE("a scheduled backup deletes the copies older than the link period, and nothing else", "[hub][backup]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    const std::string folder = dir.file("sauvegardes");
    fs::create_directories(folder);
    const TimeMs now = scheduledBackupTime("hub-2026-12-01T031500Z.db");
    REQUIRE(now > 0);
    CHECK(scheduledBackupTime("hub-2026-12-01T031500Z.db.partielle") == -1);
    CHECK(scheduledBackupTime("hub.db") == -1);
    for (const char* name : {"hub-2026-08-31T031500Z.db", "hub-2026-09-02T031500Z.db", "hub-2026-11-30T031500Z.db",
                             "hub-avant-migration.db", "notes.txt"}) {
        std::ofstream(folder + "/" + name) << "x";
    }
    const TimeMs keepFrom = scheduledBackupTime("hub-2026-09-01T031500Z.db");
    const ScheduledBackup made = backupIntoFolder(data + "/hub.db", folder, now, keepFrom);
    CHECK(made.written == folder + "/hub-2026-12-01T031500Z.db");
    CHECK(fs::file_size(made.written) > 1000);
    CHECK(made.deleted == std::vector<std::string>{folder + "/hub-2026-08-31T031500Z.db"});
    for (const char* kept : {"hub-2026-09-02T031500Z.db", "hub-2026-11-30T031500Z.db", "hub-avant-migration.db", "notes.txt"}) {
        CHECK(fs::exists(folder + "/" + kept));
    }
    // A second backup in the same second would overwrite: refused, and nothing deleted.
    std::ofstream(folder + "/hub-2026-01-01T000000Z.db") << "x";
    CHECK_THROWS(backupIntoFolder(data + "/hub.db", folder, now, keepFrom));
    CHECK(fs::exists(folder + "/hub-2026-01-01T000000Z.db"));
}

TEST_CASE("backup --into keeps the copies of the coordinator's link period", "[hub][backup][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    const std::string folder = dir.file("sauvegardes");
    fs::create_directories(folder);
    std::ofstream(folder + "/hub-2001-01-01T000000Z.db") << "x";  // far older than 3 months
    REQUIRE(runHubCommand({"backup", "--data", data, "--into", folder}) == 0);
    CHECK_FALSE(fs::exists(folder + "/hub-2001-01-01T000000Z.db"));
    int copies = 0;
    for (const auto& entry : fs::directory_iterator(folder)) copies += scheduledBackupTime(entry.path().filename().string()) > 0;
    CHECK(copies == 1);
    CHECK(runHubCommand({"backup", "--data", data}) != 0);  // neither --to nor --into
}
