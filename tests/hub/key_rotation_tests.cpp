// `cowork-hub rotate-key`: the hub moves to the backup key its kiosks pinned,
// keeps the old key for the record, makes a new backup key, and tells kiosks
// the new pins at every sync.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include "hub_process.hpp"
#include "tls/key_rotation.hpp"
#include "tls/pem_files.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::string pinCommand(const std::string& data) {
    std::string pin;
    REQUIRE(runHubCommand({"pin", "--data", data}, &pin) == 0);
    return lines(pin).at(0);
}

std::string backupPin(const std::string& data) { return publicKeyPinOfKey(data + "/tls/backup-key.pem"); }

std::vector<std::string> filesStartingWith(const std::string& data, const std::string& prefix) {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(data + "/tls")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0) found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

bool ownerOnly(const std::string& path) {
    return fs::status(path).permissions() == (fs::perms::owner_read | fs::perms::owner_write);
}

// The pin of the key the hub presents in its TLS handshake, whatever trusts it.
std::string servedPin(int port) {
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    BIO* connection = BIO_new_ssl_connect(context);
    BIO_set_conn_hostname(connection, ("127.0.0.1:" + std::to_string(port)).c_str());
    std::string pin;
    if (BIO_do_connect(connection) > 0 && BIO_do_handshake(connection) > 0) {
        SSL* ssl = nullptr;
        BIO_get_ssl(connection, &ssl);
        if (X509* peer = SSL_get1_peer_certificate(ssl)) {
            pin = pinOf(X509_get0_pubkey(peer));
            X509_free(peer);
        }
    }
    BIO_free_all(connection);
    SSL_CTX_free(context);
    return pin;
}

EnrollResponse enrollThrough(const HubClient& client, const std::string& data) {
    std::string code;
    REQUIRE(runHubCommand({"enroll-code", "--data", data, "--site", "fleurie-boulangerie"}, &code) == 0);
    const auto reply = client.make()->Post("/api/v1/enroll", toJson(EnrollRequest{lines(code).back(), "Comptoir", "0.1.0"}).dump(),
                                           "application/json");
    REQUIRE(reply);
    REQUIRE(reply->status == 201);
    return decodeEnrollResponse(reply->body);
}

}  // namespace

TEST_CASE("rotate-key makes the backup key current, keeps the old one and makes a new backup", "[hub][tls][rotation]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    ensureSelfSignedIdentity(data, {"hub.ccsb.example", "192.0.2.7"});
    const std::string oldCurrent = pinCommand(data);
    const std::string oldBackup = backupPin(data);
    const auto names = certificateSubjectAltNames(data + "/tls/cert.pem");

    std::string output;
    REQUIRE(runHubCommand({"rotate-key", "--data", data}, &output) == 0);
    const std::string newBackup = backupPin(data);
    CHECK(lines(output) == std::vector<std::string>{oldBackup, newBackup});  // current, then backup, alone on their lines
    CHECK(pinCommand(data) == oldBackup);
    CHECK(publicKeyPinOfKey(data + "/tls/key.pem") == oldBackup);
    CHECK(newBackup != oldBackup);
    CHECK(newBackup != oldCurrent);
    CHECK(certificateSubjectAltNames(data + "/tls/cert.pem") == names);

    const auto retired = filesStartingWith(data, "retired-key-");
    REQUIRE(retired.size() == 1);
    CHECK(publicKeyPinOfKey(retired[0]) == oldCurrent);
    for (const std::string& key : {data + "/tls/key.pem", data + "/tls/backup-key.pem", retired[0]}) {
        INFO(key);
        CHECK(ownerOnly(key));
    }
    CHECK(filesStartingWith(data, "cert.pem.").empty());  // no temporary file left
    CHECK(filesStartingWith(data, "backup-key.pem.").empty());
}

TEST_CASE("rotate-key twice moves on to each new backup key", "[hub][tls][rotation]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    const std::string first = pinCommand(data);
    const std::string second = backupPin(data);
    REQUIRE(runHubCommand({"rotate-key", "--data", data}) == 0);
    const std::string third = backupPin(data);
    REQUIRE(runHubCommand({"rotate-key", "--data", data}) == 0);
    CHECK(pinCommand(data) == third);
    const std::string fourth = backupPin(data);
    CHECK(std::set<std::string>{first, second, third, fourth}.size() == 4);

    const auto retired = filesStartingWith(data, "retired-key-");  // the same day: …-2.pem for the second
    REQUIRE(retired.size() == 2);
    CHECK(std::set<std::string>{publicKeyPinOfKey(retired[0]), publicKeyPinOfKey(retired[1])} == std::set<std::string>{first, second});
}

TEST_CASE("a hub served after rotate-key presents the old backup key and gives the new pins at every sync", "[hub][tls][rotation]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    const HubClient client{data + "/tls/cert.pem", freePort()};
    auto hub = std::make_unique<ServeProcess>(data, client.port, std::vector<std::string>{});
    REQUIRE(client.waitUp());
    const EnrollResponse kiosk = enrollThrough(client, data);
    const std::vector<std::string> enrolledPins{pinCommand(data), backupPin(data)};
    CHECK(kiosk.hubKeyPins == enrolledPins);
    CHECK(client.sync(kiosk.token, {}).hubKeyPins == enrolledPins);
    CHECK(servedPin(client.port) == enrolledPins[0]);

    const HubClient beforeRotation{dir.file("old-cert.pem"), client.port};
    fs::copy_file(data + "/tls/cert.pem", beforeRotation.certificate);
    REQUIRE(runHubCommand({"rotate-key", "--data", data}) == 0);
    CHECK(beforeRotation.sync(kiosk.token, {}).hubKeyPins == enrolledPins);  // serve reads its keys at start only
    hub->stop(SIGTERM);
    hub = std::make_unique<ServeProcess>(data, client.port, std::vector<std::string>{});
    REQUIRE(client.waitUp());  // the new cert.pem verifies what it serves

    // The kiosk's pins hold the key served now: it syncs, with its token, and learns the new backup.
    CHECK(servedPin(client.port) == enrolledPins[1]);
    const SyncResponse answer = client.sync(kiosk.token, {});
    CHECK(answer.hubKeyPins == std::vector<std::string>{pinCommand(data), backupPin(data)});
    CHECK(answer.hubKeyPins.at(0) == enrolledPins[1]);
}

TEST_CASE("rotate-key refuses a hub that serves its own certificate files, or that has no backup key", "[hub][tls][rotation]") {
    cowork::testing::TempDir own;
    const TlsFiles ownFiles = ensureSelfSignedIdentity(own.path().string());  // "bought" certificate and key, elsewhere
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);

    // Served with its own files, the hub still keeps a backup key its kiosks pin.
    const HubClient client{ownFiles.certificatePath, freePort()};
    const std::vector<std::string> ownOptions{"--tls-cert", ownFiles.certificatePath, "--tls-key", ownFiles.keyPath};
    auto hub = std::make_unique<ServeProcess>(data, client.port, ownOptions);
    REQUIRE(client.waitUp());
    std::string code;
    REQUIRE(runHubCommand({"enroll-code", "--data", data, "--site", "fleurie-boulangerie", "--tls-cert", ownFiles.certificatePath},
                          &code) == 0);
    const std::string enrollment = toJson(EnrollRequest{lines(code).back(), "Comptoir", "0.1.0"}).dump();
    const auto reply = client.make()->Post("/api/v1/enroll", enrollment, "application/json");
    REQUIRE(reply);
    CHECK(decodeEnrollResponse(reply->body).hubKeyPins ==
          std::vector<std::string>{publicKeyPinOfCertificate(ownFiles.certificatePath), backupPin(data)});
    hub->stop(SIGTERM);

    std::string output, errors;
    CHECK(runHubCommandKeepingErrors({"rotate-key", "--data", data}, &output, &errors) != 0);
    CHECK(output.empty());
    CHECK_THAT(errors, Catch::Contains("--tls-cert") && Catch::Contains(data + "/tls/backup-key.pem"));
    CHECK_FALSE(fs::exists(data + "/tls/cert.pem"));

    // The option, as for pin and enroll-code, when DIR/tls also holds a self-signed identity.
    ensureSelfSignedIdentity(data);
    const std::string current = pinCommand(data), backup = backupPin(data);
    CHECK(runHubCommandKeepingErrors({"rotate-key", "--data", data, "--tls-cert", ownFiles.certificatePath}, &output, &errors) != 0);
    CHECK_THAT(errors, Catch::Contains("backup-key.pem"));
    CHECK(pinCommand(data) == current);
    CHECK(backupPin(data) == backup);

    // No backup key: nothing the kiosks know to move to.
    fs::remove(data + "/tls/backup-key.pem");
    CHECK(runHubCommandKeepingErrors({"rotate-key", "--data", data}, &output, &errors) != 0);
    CHECK_THAT(errors, Catch::Contains("pas de clé de secours"));
    CHECK(pinCommand(data) == current);
}
