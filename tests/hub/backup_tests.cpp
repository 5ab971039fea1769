// `cowork-hub backup` and `new-epoch`, through the real binary: a hub restored
// from a backup must make the kiosks push again what it lost.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hub_process.hpp"
#include "storage/hub_backup.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

namespace fs = std::filesystem;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::int64_t countIn(const std::string& databasePath, const std::string& sql) {
    Database db(databasePath);
    Statement& row = db.prepare(sql);
    row.step();
    return row.columnInt(0);
}

SyncResponse syncAt(const HubClient& client, const std::string& token, const SyncRequest& request) {
    const auto reply = client.make()->Post("/api/v1/sync", {{"Authorization", "Bearer " + token}}, toJson(request).dump(),
                                           "application/json");
    REQUIRE(reply);
    REQUIRE(reply->status == 200);
    return decodeSyncResponse(reply->body);
}

SyncRequest checkInRequest(const EnrollResponse& device) {
    const TimeMs now = systemNowMs();
    SyncRequest request;
    request.deviceClockMs = now;
    request.appVersion = "0.1.0";
    HybridLogicalClock clock;
    request.events.push_back({newUuid7(now), device.deviceId, clock.tick(now),
                              VisitStarted{newUuid7(now), "fleurie-boulangerie", "fleurie-boulangerie/fenetre", std::nullopt, now}});
    return request;
}

// A hub's data directory with the demo network and one enrolled Fleurie kiosk.
EnrollResponse enrollOn(const std::string& data, const HubClient& client) {
    std::string code;
    REQUIRE(runHubCommand({"enroll-code", "--data", data, "--site", "fleurie-boulangerie"}, &code) == 0);
    code.erase(code.find_last_not_of('\n') + 1);
    const auto enrolled = client.make()->Post("/api/v1/enroll", toJson(EnrollRequest{code, "Comptoir", "0.1.0"}).dump(), "application/json");
    REQUIRE(enrolled);
    REQUIRE(enrolled->status == 201);
    return decodeEnrollResponse(enrolled->body);
}

}  // namespace

TEST_CASE("a backup made while the hub runs has the same data and starts a new epoch", "[hub][backup]") {
    cowork::testing::TempDir dir;
    const std::string live = dir.file("live");
    const std::string backup = dir.file("hub-sauvegarde.db");
    REQUIRE(runHubCommand({"import-network", "--data", live, kDemoNetwork}) == 0);
    const HubClient liveClient{live + "/tls/cert.pem", freePort()};
    ServeProcess liveHub(live, liveClient.port, {});
    REQUIRE(liveClient.waitUp());
    const EnrollResponse device = enrollOn(live, liveClient);
    const SyncResponse before = syncAt(liveClient, device.token, checkInRequest(device));

    REQUIRE(runHubCommand({"backup", "--data", live, "--to", backup}) == 0);
    CHECK(countIn(live + "/hub.db", "SELECT count(*) FROM meta WHERE key = 'epoch.rotate_on_start'") == 0);
    CHECK(countIn(backup, "SELECT count(*) FROM events") == countIn(live + "/hub.db", "SELECT count(*) FROM events"));
    CHECK_FALSE(fs::exists(backup + "-wal"));

    // The live hub goes on, then is lost; the backup is put in its place, keys included.
    const SyncResponse lostAfterBackup = syncAt(liveClient, device.token, checkInRequest(device));
    liveHub.stop(SIGTERM);
    const std::string restored = dir.file("restored");
    fs::create_directories(restored);
    fs::copy(live + "/tls", restored + "/tls");
    fs::copy_file(backup, restored + "/hub.db");
    const HubClient restoredClient{restored + "/tls/cert.pem", freePort()};
    ServeProcess restoredHub(restored, restoredClient.port, {});
    REQUIRE(restoredClient.waitUp());

    SyncRequest resumed;
    resumed.deviceClockMs = systemNowMs();
    resumed.appVersion = "0.1.0";
    resumed.cursor = lostAfterBackup.cursor;
    resumed.epoch = lostAfterBackup.epoch;
    const SyncResponse after = syncAt(restoredClient, device.token, resumed);
    CHECK(after.epoch != before.epoch);
    std::size_t sites = 0;
    for (const Event& e : after.changes.events) sites += std::holds_alternative<SiteConfigured>(e.payload);
    CHECK(sites == 13);
    CHECK(countIn(restored + "/hub.db", "SELECT count(*) FROM visits") == 1);
    CHECK(countIn(restored + "/hub.db", "SELECT count(*) FROM meta WHERE key = 'epoch.rotate_on_start'") == 0);
    CHECK(readFile(restored + "/hub.log").find("event=epoch_renewed reason=restored_backup") != std::string::npos);
}

TEST_CASE("a backup never overwrites a file", "[hub][backup]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    const std::string existing = dir.write("hub-sauvegarde.db", "la sauvegarde d'hier");
    CHECK(runHubCommand({"backup", "--data", data, "--to", existing}) == 1);
    CHECK(readFile(existing) == "la sauvegarde d'hier");
    CHECK_FALSE(fs::exists(existing + ".partielle"));
    CHECK(runHubCommand({"backup", "--data", dir.file("nowhere"), "--to", dir.file("copie.db")}) == 1);
    CHECK_FALSE(fs::exists(dir.file("nowhere")));
    CHECK_THROWS_WITH(backupHubDatabase(data + "/hub.db", existing), Catch::Contains("existe déjà"));
}

TEST_CASE("new-epoch prints the hub's new epoch", "[hub][backup]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    const std::string old = SqliteHubStorage(data + "/hub.db").epoch();
    std::string output;
    REQUIRE(runHubCommand({"new-epoch", "--data", data}, &output) == 0);
    CHECK_THAT(output, Catch::Matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\n"));
    const std::string renewed = SqliteHubStorage(data + "/hub.db").epoch();
    CHECK(output == renewed + "\n");
    CHECK(renewed != old);
}
