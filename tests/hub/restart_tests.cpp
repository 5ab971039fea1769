// The real cowork-hub binary, SIGKILLed while kiosks sync and started again on
// the same data: retried batches must leave every event stored exactly once.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "hub_process.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;


TEST_CASE("a hub SIGKILLed during syncs and restarted stores every retried event exactly once", "[hub][restart]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    REQUIRE(runHubCommand({"import-network", "--data", data, cowork::hub::testing::kDemoNetwork}) == 0);
    std::string code;
    REQUIRE(runHubCommand({"enroll-code", "--data", data, "--site", "fleurie-boulangerie"}, &code) == 0);
    code.erase(code.find_last_not_of('\n') + 1);
    const HubClient client{data + "/tls/cert.pem", freePort()};

    auto hub = std::make_unique<ServeProcess>(data, client.port, std::vector<std::string>{"--sync-burst", "100"});
    REQUIRE(client.waitUp());
    const auto enrolled = client.make()->Post("/api/v1/enroll", toJson(EnrollRequest{code, "Comptoir", "0.1.0"}).dump(), "application/json");
    REQUIRE(enrolled);
    REQUIRE(enrolled->status == 201);
    const EnrollResponse device = decodeEnrollResponse(enrolled->body);

    // 40 batches of 5 check-ins; the hub dies after a random number of them.
    HybridLogicalClock clock;
    std::vector<std::string> batches;
    for (int b = 0; b < 40; ++b) {
        SyncRequest request;
        request.deviceClockMs = systemNowMs();
        request.appVersion = "0.1.0";
        for (int i = 0; i < 5; ++i) {
            const TimeMs now = systemNowMs();
            request.events.push_back({newUuid7(now), device.deviceId, clock.tick(now),
                                      VisitStarted{newUuid7(now), "fleurie-boulangerie", "fleurie-boulangerie/fenetre", std::nullopt, now}});
        }
        batches.push_back(toJson(request).dump());
    }
    const httplib::Headers auth{{"Authorization", "Bearer " + device.token}};
    std::mt19937 random(7);
    const std::size_t killAfter = 5 + random() % 30;
    std::thread killer;
    int killedStatus = 0;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        if (b == killAfter) killer = std::thread([&] { killedStatus = hub->stop(SIGKILL); });
        client.make()->Post("/api/v1/sync", auth, batches[b], "application/json");  // may fail: the hub is dying
    }
    killer.join();
    CHECK(WIFSIGNALED(killedStatus));

    // Forty syncs back to back from one device, twice: no kiosk does that, and
    // the per-device limit would refuse them (sync_rate_limit_tests.cpp).
    hub = std::make_unique<ServeProcess>(data, client.port, std::vector<std::string>{"--sync-burst", "100"});
    REQUIRE(client.waitUp());
    for (const std::string& batch : batches) {
        const auto reply = client.make()->Post("/api/v1/sync", auth, batch, "application/json");
        REQUIRE(reply);
        REQUIRE(reply->status == 200);
    }
    const int stoppedStatus = hub->stop(SIGTERM);
    CHECK(WIFEXITED(stoppedStatus));
    CHECK(WEXITSTATUS(stoppedStatus) == 0);

    Database db(data + "/hub.db");
    CHECK(db.integrityOk());
    Statement& visits = db.prepare("SELECT count(*), count(DISTINCT id) FROM visits");
    REQUIRE(visits.step());
    CHECK(visits.columnInt(0) == 200);
    CHECK(visits.columnInt(1) == 200);
}

TEST_CASE("the hub's commands speak to scripts on standard output", "[hub][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    std::string output;
    REQUIRE(runHubCommand({"import-network", "--data", data, cowork::hub::testing::kDemoNetwork}, &output) == 0);
    CHECK(output.find("13 ajouté(s)") != std::string::npos);
    REQUIRE(runHubCommand({"import-network", "--data", data, cowork::hub::testing::kDemoNetwork}, &output) == 0);
    CHECK(output.find("Rien à changer") != std::string::npos);

    REQUIRE(runHubCommand({"enroll-code", "--data", data, "--site", "fleurie-boulangerie"}, &output) == 0);
    CHECK_THAT(output, Catch::Matches("[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\n"));
    CHECK(runHubCommand({"enroll-code", "--data", data, "--site", "nulle-part"}) == 1);

    REQUIRE(runHubCommand({"pin", "--data", data}, &output) == 0);
    CHECK_THAT(output, Catch::Matches("sha256//[A-Za-z0-9+/]{43}=\n"));
    CHECK(output == "sha256//" + publicKeyPinOfCertificate(data + "/tls/cert.pem").substr(8) + "\n");

    CHECK(runHubCommand({"revoke-device", "--data", data, "--device", "inconnu"}) == 1);

    // The coordinator's password comes on standard input and is stored as Argon2id.
    CHECK(runHubCommand({"add-coordinator", "--data", data, "--email", "coord@ccsb.example"}, nullptr, "court") == 1);
    REQUIRE(runHubCommand({"add-coordinator", "--data", data, "--email", "coord@ccsb.example"}, nullptr,
                          "un mot de passe solide") == 0);
    SqliteHubStorage storage(data + "/hub.db");
    const auto hash = storage.coordinatorPasswordHash("coord@ccsb.example");
    REQUIRE(hash.has_value());
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(verifyPassword(*hash, "un mot de passe solide"));
}

TEST_CASE("a hub told to stop while it is still starting stops", "[hub][restart]") {
    cowork::testing::TempDir dir;
    ServeProcess hub(dir.path().string(), freePort(), {});
    usleep(20'000);  // most likely still creating its keys and database
    kill(hub.pid(), SIGTERM);
    int status = 0;
    pid_t ended = 0;
    for (int i = 0; i < 200 && ended == 0; ++i) {
        ended = waitpid(hub.pid(), &status, WNOHANG);
        if (ended == 0) usleep(50'000);
    }
    REQUIRE(ended == hub.pid());  // it stopped, rather than serving on deaf to SIGTERM
    hub.forget();
    // Exited cleanly, or ended by the signal if it came before serve() took it over.
    CHECK((WIFEXITED(status) || (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM)));
}

TEST_CASE("cowork-hub serve --log-level keeps only what it is told, and refuses a level it does not know", "[hub][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    const auto servedLog = [&](const std::vector<std::string>& options) {
        std::filesystem::remove(data + "/hub.log");  // which each hub started appends to
        const int port = freePort();
        ServeProcess serve(data, port, options);
        const HubClient client{data + "/tls/cert.pem", port};
        REQUIRE(client.waitUp());  // a /healthz request, logged at info
        serve.stop(SIGTERM);
        std::ifstream file(data + "/hub.log");
        return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    };
    const std::string usual = servedLog({});
    CHECK(usual.find("event=listening") != std::string::npos);
    CHECK(usual.find(R"(path="/healthz")") != std::string::npos);
    const std::string quiet = servedLog({"--log-level", "warning"});
    CHECK(quiet.find("event=listening") == std::string::npos);
    CHECK(quiet.find(R"(path="/healthz")") == std::string::npos);

    // The same from hub.conf.
    const std::string config = data + "/hub.conf";
    std::ofstream(config) << "data = \"" << data << "\"\nlisten = \"127.0.0.1:" << freePort() << "\"\nlog-level = \"warning\"\n";
    const std::string fromConfig = serveBrieflyFromConfig(config);
    CHECK(fromConfig.find("Clé publique du hub") != std::string::npos);  // it did start
    CHECK(fromConfig.find("event=listening") == std::string::npos);

    std::string refusal;
    CHECK(runHubCommandKeepingErrors({"serve", "--data", data, "--log-level", "bavard"}, nullptr, &refusal) != 0);
    CHECK(refusal.find("« bavard » n’est pas un niveau du journal") != std::string::npos);
}

// CLI11's own range check answers "Value 0 not in range 1.000000 to 1000000.000000".
TEST_CASE("cowork-hub serve refuses a number out of its range in French", "[hub][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    std::string refusal;
    CHECK(runHubCommandKeepingErrors({"serve", "--data", data, "--connection-rate-per-address", "0"}, nullptr, &refusal) != 0);
    CHECK(refusal.find("«\u202f0\u202f» n’est pas un nombre de 1 à 1\u202f000\u202f000") != std::string::npos);
    CHECK(runHubCommandKeepingErrors({"serve", "--data", data, "--threads", "2.5"}, nullptr, &refusal) != 0);
    CHECK(refusal.find("«\u202f2.5\u202f» n’est pas un nombre entier de 1 à 1\u202f024") != std::string::npos);
    CHECK(runHubCommandKeepingErrors({"serve", "--data", data, "--idle-timeout", "soixante"}, nullptr, &refusal) != 0);
    CHECK(refusal.find("«\u202fsoixante\u202f» n’est pas un nombre entier de 1 à 3\u202f600") != std::string::npos);
}
