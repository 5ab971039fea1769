// The self-signed certificate's names: `serve --hostname` adds names, and a
// certificate issued again keeps the key the kiosks pinned.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "hub_process.hpp"
#include "tls/certificate_names.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool names(const std::vector<std::string>& all, const std::string& name) {
    return std::find(all.begin(), all.end(), name) != all.end();
}

}  // namespace

TEST_CASE("a name the certificate lacks gets it a new certificate with the same key", "[hub][tls]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    const TlsFiles files = ensureSelfSignedIdentity(data);
    const std::string pin = publicKeyPinOfCertificate(files.certificatePath);
    const std::string key = readFile(files.keyPath);
    CHECK(certificateSubjectAltNames(files.certificatePath) == defaultSubjectAltNames());

    const SelfSignedIdentity renamed = ensureSelfSignedIdentity(data, {"Hub.CCSB.example", "192.0.2.7", "2001:DB8::7"});
    CHECK(renamed.namesAdded == std::vector<std::string>{"DNS:hub.ccsb.example", "IP:192.0.2.7", "IP:2001:db8::7"});
    const auto certified = certificateSubjectAltNames(files.certificatePath);
    CHECK(names(certified, "DNS:localhost"));
    CHECK(names(certified, "DNS:hub.ccsb.example"));
    CHECK(names(certified, "IP:192.0.2.7"));
    CHECK(names(certified, "IP:2001:db8::7"));
    CHECK(publicKeyPinOfCertificate(files.certificatePath) == pin);
    CHECK(readFile(files.keyPath) == key);

    // Named already: left as it is. A name given before and not now stays.
    const std::string certificate = readFile(files.certificatePath);
    CHECK(ensureSelfSignedIdentity(data, {"hub.ccsb.example"}).namesAdded.empty());
    CHECK(readFile(files.certificatePath) == certificate);
    CHECK(ensureSelfSignedIdentity(data, {"cowork.ccsb.example"}).namesAdded == std::vector<std::string>{"DNS:cowork.ccsb.example"});
    CHECK(names(certificateSubjectAltNames(files.certificatePath), "IP:192.0.2.7"));
    CHECK(publicKeyPinOfCertificate(files.certificatePath) == pin);
}

TEST_CASE("a hostname must be a DNS name or an IP address", "[hub][tls]") {
    CHECK(subjectAltNameFor("hub.ccsb.example.") == "DNS:hub.ccsb.example");
    CHECK(subjectAltNameFor("cowork-hub") == "DNS:cowork-hub");
    CHECK(subjectAltNameFor("::ffff:192.0.2.7") == "IP:::ffff:192.0.2.7");
    for (const std::string& bad : std::vector<std::string>{"", "hub ccsb", "hub,DNS:evil.example", "-hub.example", "hub..example", "*.ccsb.example",
                                  std::string(64, 'a') + ".example"}) {
        INFO(bad);
        CHECK_THROWS_AS(subjectAltNameFor(bad), std::invalid_argument);
    }
    cowork::testing::TempDir dir;
    CHECK(runHubCommand({"serve", "--data", dir.path().string(), "--hostname", "hub,DNS:evil.example"}) != 0);
}

TEST_CASE("serve --hostname puts the name in the certificate it serves, the pin unchanged", "[hub][tls]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    std::string pin;
    REQUIRE(runHubCommand({"pin", "--data", data}, &pin) == 0);
    const HubClient client{data + "/tls/cert.pem", freePort()};
    ServeProcess hub(data, client.port, {"--hostname", "hub.ccsb.example", "--hostname", "192.0.2.7"});
    REQUIRE(client.waitUp());
    const auto certified = certificateSubjectAltNames(data + "/tls/cert.pem");
    CHECK(names(certified, "DNS:hub.ccsb.example"));
    CHECK(names(certified, "IP:192.0.2.7"));
    CHECK(publicKeyPinOfCertificate(data + "/tls/cert.pem") + "\n" == pin);
    CHECK(readFile(data + "/hub.log").find("event=certificate_reissued") != std::string::npos);
}
