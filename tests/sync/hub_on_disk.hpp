#pragma once
// The real cowork-hub binary on its own data directory and port, for the sync
// tests that stop, kill, restart and restore the hub under a kiosk.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hub_process.hpp"
#include "sync_test_support.hpp"

namespace cowork::sync_testing {

// `cowork-hub serve` on the demo network, with kiosks enrolled through it.
struct HubOnDisk {
    cowork::testing::TempDir dir;
    std::string data = dir.path().string();
    int port = cowork::hub::testing::freePort();
    std::unique_ptr<cowork::hub::testing::ServeProcess> process;
    cowork::hub::testing::HubClient client{data + "/tls/cert.pem", port};

    std::vector<std::string> serveOptions;
    std::string certificate = data + "/tls/cert.pem";

    // `ownCertificate`: serve with --tls-cert/--tls-key files made by the test.
    explicit HubOnDisk(std::optional<std::pair<std::string, std::string>> ownCertificate = std::nullopt) {
        REQUIRE(cowork::hub::testing::runHubCommand({"import-network", "--data", data, cowork::hub::testing::kDemoNetwork}) == 0);
        if (ownCertificate) {
            certificate = ownCertificate->first;
            client.certificate = certificate;
            serveOptions = {"--tls-cert", ownCertificate->first, "--tls-key", ownCertificate->second};
        }
        start();
    }
    void start() {
        process = std::make_unique<cowork::hub::testing::ServeProcess>(data, port, serveOptions);
        waitUp();
    }
    // Up when it answers on its port (the test's client may not trust it).
    void waitUp() {
        for (int i = 0; i < 300; ++i, usleep(20'000)) {
            // The hub writes its certificate on first start.
            if (!std::filesystem::exists(certificate)) continue;
            kiosk::HubHttps probe(hubUrl(port), {pinOfCertificateFile(certificate)}, testTimeouts());
            if (probe.post("/api/v1/sync", "{}", "x").status != 0) return;
        }
        FAIL("the hub did not start");
    }
    void enroll(TestKiosk& kiosk, const std::string& siteId) {
        std::string code;
        REQUIRE(cowork::hub::testing::runHubCommand({"enroll-code", "--data", data, "--site", siteId}, &code) == 0);
        code.erase(code.find_last_not_of('\n') + 1);
        REQUIRE(kiosk.enrollWith({hubUrl(port), code, pinOfCertificateFile(certificate)}).ok());
        REQUIRE(kiosk.sync().ok());
    }
    std::int64_t count(const std::string& sql) {
        Database db(data + "/hub.db");
        Statement& row = db.prepare(sql);
        row.step();
        return row.columnInt(0);
    }
};

}  // namespace cowork::sync_testing
