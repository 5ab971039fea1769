// A hub serving a public certificate (certbot) that is renewed: a new
// certificate for the same key is served; one for a new key would cut every
// kiosk off, so serve refuses it and check-certificate (certbot's deploy hook)
// says so. A local stand-in issues the certificates: no ACME involved.
#include <catch2/catch.hpp>

#include <filesystem>

#include "hub_process.hpp"
#include "tls/hub_identity.hpp"
#include "tls/pem_files.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

namespace fs = std::filesystem;

// What a CA would hand back: a certificate for `keyPath` (made if missing), under `certificatePath`.
void issueFor(const std::string& keyPath, const std::string& certificatePath, const std::string& name) {
    if (!fs::exists(keyPath)) writeKey(newKey(), keyPath);
    fs::remove(certificatePath);
    issueCertificate(keyPath, {"DNS:localhost", "IP:127.0.0.1", "DNS:" + name}, certificatePath);
}

// The SHA-256 fingerprint of the certificate the hub presents, as openssl s_client sees it.
std::string servedFingerprint(int port) {
    const std::string command = "openssl s_client -connect 127.0.0.1:" + std::to_string(port) +
                                " </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[256] = {};
    std::string out = fgets(buffer, sizeof buffer, pipe) ? buffer : "";
    pclose(pipe);
    return out;
}

std::string fingerprintOf(const std::string& certificatePath) {
    FILE* pipe = popen(("openssl x509 -noout -fingerprint -sha256 -in '" + certificatePath + "'").c_str(), "r");
    char buffer[256] = {};
    std::string out = fgets(buffer, sizeof buffer, pipe) ? buffer : "";
    pclose(pipe);
    return out;
}

void enrollOneKiosk(const std::string& data, int port, const std::string& certificate) {
    std::string code;
    REQUIRE(runHubCommand({"enroll-code", "--data", data, "--site", "fleurie-boulangerie", "--tls-cert", certificate}, &code) == 0);
    code.erase(code.find_last_not_of('\n') + 1);
    const HubClient client{certificate, port};
    const auto enrolled = client.make()->Post("/api/v1/enroll", toJson(EnrollRequest{code, "Comptoir", "0.1.0"}).dump(), "application/json");
    REQUIRE(enrolled);
    REQUIRE(enrolled->status == 201);
}

}  // namespace

TEST_CASE("a renewed certificate for the same key is served, one for a new key is refused saying what to do", "[hub][tls]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    const std::string live = dir.file("live");
    fs::create_directories(live);
    const std::string key = live + "/privkey.pem";
    const std::string certificate = live + "/fullchain.pem";
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    issueFor(key, certificate, "hub.ccsb.example");
    const int port = freePort();
    const std::vector<std::string> ownFiles = {"--tls-cert", certificate, "--tls-key", key};
    {
        ServeProcess hub(data, port, ownFiles);
        REQUIRE(HubClient{certificate, port}.waitUp());
        enrollOneKiosk(data, port, certificate);
        hub.stop(SIGTERM);
    }

    // Renewed with --reuse-key: a new certificate, the same key.
    const std::string firstFingerprint = fingerprintOf(certificate);
    issueFor(key, certificate, "renouvele.ccsb.example");
    REQUIRE(fingerprintOf(certificate) != firstFingerprint);
    CHECK(runHubCommand({"check-certificate", "--data", data, "--tls-cert", certificate}) == 0);
    {
        ServeProcess hub(data, port, ownFiles);
        REQUIRE(HubClient{certificate, port}.waitUp());
        CHECK(servedFingerprint(port) == fingerprintOf(certificate));
        hub.stop(SIGTERM);
    }

    // Renewed without --reuse-key: a new key the kiosks never pinned.
    const std::string newKeyPath = live + "/privkey-nouvelle.pem";
    const std::string newCertificate = live + "/fullchain-nouvelle.pem";
    issueFor(newKeyPath, newCertificate, "hub.ccsb.example");
    std::string errors;
    CHECK(runHubCommandKeepingErrors({"check-certificate", "--data", data, "--tls-cert", newCertificate}, nullptr, &errors) == 1);
    CHECK(errors.find("une clé que les kiosques ne connaissent pas") != std::string::npos);
    CHECK(errors.find("--reuse-key") != std::string::npos);
    std::string serveErrors;
    CHECK(runHubCommandKeepingErrors({"serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port), "--tls-cert",
                                      newCertificate, "--tls-key", newKeyPath},
                                     nullptr, &serveErrors) == 1);
    CHECK(serveErrors.find("Le hub n’a pas pu démarrer : le certificat « " + newCertificate + " » est fait pour une clé que les kiosques ne connaissent pas") !=
          std::string::npos);

    // A certificate issued for the backup key the kiosks pinned is accepted.
    const std::string backupCertificate = live + "/fullchain-secours.pem";
    issueFor(data + "/tls/backup-key.pem", backupCertificate, "hub.ccsb.example");
    CHECK(runHubCommand({"check-certificate", "--data", data, "--tls-cert", backupCertificate}) == 0);
}

TEST_CASE("with no kiosk enrolled yet, a certificate for a new key is accepted", "[hub][tls]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    const std::string live = dir.file("live");
    fs::create_directories(live);
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    issueFor(live + "/a.pem", live + "/a-cert.pem", "hub.ccsb.example");
    const int port = freePort();
    {
        ServeProcess hub(data, port, {"--tls-cert", live + "/a-cert.pem", "--tls-key", live + "/a.pem"});
        REQUIRE(HubClient{live + "/a-cert.pem", port}.waitUp());
        hub.stop(SIGTERM);
    }
    issueFor(live + "/b.pem", live + "/b-cert.pem", "hub.ccsb.example");
    CHECK(runHubCommand({"check-certificate", "--data", data, "--tls-cert", live + "/b-cert.pem"}) == 0);
}
