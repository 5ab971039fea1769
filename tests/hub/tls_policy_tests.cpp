// The hub's TLS policy (hub/tls/tls_policy.cpp) seen from the wire: an OpenSSL
// client offers one protocol or one family of suites to a real hub on
// 127.0.0.1, and a server that accepts anything shows the same offer would
// otherwise have been agreed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "hub_process.hpp"
#include "tls/tls_policy.hpp"
#include "tls_probe.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

// TLS 1.2 suites with CBC (and SHA-1 or SHA-2 HMAC), with and without ECDHE.
constexpr const char* kCbcSuites =
    "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:"
    "ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:"
    "AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA";

// The offer, made to a server that takes anything, with a certificate like the hub's.
bool anythingGoesServerAgrees(const TlsOffer& offer) {
    cowork::testing::TempDir dir;
    const TlsFiles files = ensureSelfSignedIdentity(dir.path().string());
    AnythingGoesServer server(files.certificatePath, files.keyPath);
    const TlsOutcome outcome = tlsHandshake(server.port(), files.certificatePath, offer);
    return outcome.completed && server.accepted();
}

}  // namespace

TEST_CASE("The hub refuses a TLS 1.1 client", "[tls-policy]") {
    const TlsOffer tls11{TLS1_1_VERSION, TLS1_1_VERSION, "ALL"};
    REQUIRE(anythingGoesServerAgrees(tls11));
    SECTION("with Debian's OpenSSL settings") {
        RunningHub hub;
        CHECK_FALSE(tlsHandshake(hub.port(), hub.certificatePath(), tls11).completed);
    }
    SECTION("on a machine whose OpenSSL settings allow TLS 1.0 and weak suites") {
        // Debian's default security level alone refuses TLS 1.1; an admin's
        // or another distribution's openssl.cnf may not. The hub decides.
        cowork::testing::TempDir dir;
        const std::string permissive = dir.file("openssl.cnf");
        std::ofstream(permissive) << "openssl_conf = default_conf\n[default_conf]\nssl_conf = ssl_sect\n"
                                     "[ssl_sect]\nsystem_default = system_default_sect\n"
                                     "[system_default_sect]\nMinProtocol = TLSv1\nCipherString = DEFAULT@SECLEVEL=0\n";
        const std::string data = dir.file("hub");
        std::filesystem::create_directories(data);
        const int port = freePort();
        setenv("OPENSSL_CONF", permissive.c_str(), 1);  // for the child only: this process read its own already
        ServeProcess serve(data, port, {});
        unsetenv("OPENSSL_CONF");
        const HubClient client{data + "/tls/cert.pem", port};
        REQUIRE(client.waitUp());
        const TlsOutcome outcome = tlsHandshake(port, client.certificate, tls11);
        INFO("agreed " << outcome.version << " " << outcome.suite);
        CHECK_FALSE(outcome.completed);
        CHECK(tlsHandshake(port, client.certificate, {TLS1_2_VERSION, TLS1_3_VERSION, "ALL"}).completed);
    }
}

TEST_CASE("The hub refuses a TLS 1.2 client offering only CBC suites", "[tls-policy]") {
    const TlsOffer cbcOnly{TLS1_2_VERSION, TLS1_2_VERSION, kCbcSuites};
    REQUIRE(anythingGoesServerAgrees(cbcOnly));
    RunningHub hub;
    const TlsOutcome outcome = tlsHandshake(hub.port(), hub.certificatePath(), cbcOnly);
    INFO("agreed " << outcome.version << " " << outcome.suite);
    CHECK_FALSE(outcome.completed);
}

TEST_CASE("The hub refuses a TLS 1.2 client without ECDHE", "[tls-policy]") {
    // RSA key exchange and static-key suites: AES-GCM, but no forward secrecy.
    const TlsOffer noEcdhe{TLS1_2_VERSION, TLS1_2_VERSION, "AES128-GCM-SHA256:AES256-GCM-SHA384:ECDH-ECDSA-AES128-GCM-SHA256"};
    RunningHub hub;
    const TlsOutcome outcome = tlsHandshake(hub.port(), hub.certificatePath(), noEcdhe);
    INFO("agreed " << outcome.version << " " << outcome.suite);
    CHECK_FALSE(outcome.completed);
}

// A handshake on P-384 costs the hub about 1.4 ms of CPU (two operations at
// 0.73 ms, `openssl speed ecdhp384`), 20 times X25519's: a client replaying one
// ClientHello that offers only P-384 would burn the hub's cores for nothing.
TEST_CASE("The hub agrees X25519 or P-256 only, not the costly P-384", "[tls-policy]") {
    const TlsOffer p384Only{TLS1_2_VERSION, TLS1_3_VERSION, "ALL", "P-384"};
    REQUIRE(anythingGoesServerAgrees(p384Only));
    RunningHub hub;
    CHECK_FALSE(tlsHandshake(hub.port(), hub.certificatePath(), p384Only).completed);
    for (const char* group : {"X25519", "P-256"}) {
        INFO(group);
        CHECK(tlsHandshake(hub.port(), hub.certificatePath(), {TLS1_3_VERSION, TLS1_3_VERSION, "ALL", group}).completed);
    }
    // In TLS 1.2 the groups also name the curves a certificate may use: the hub's is on P-256.
    CHECK(tlsHandshake(hub.port(), hub.certificatePath(), {TLS1_2_VERSION, TLS1_2_VERSION, "ALL", "P-256"}).completed);
}

TEST_CASE("The hub agrees TLS 1.3 and TLS 1.2 with ECDHE and an AEAD suite", "[tls-policy]") {
    RunningHub hub;
    SECTION("TLS 1.3") {
        const TlsOutcome outcome = tlsHandshake(hub.port(), hub.certificatePath(), {TLS1_3_VERSION, TLS1_3_VERSION, "ALL"});
        REQUIRE(outcome.completed);
        CHECK(outcome.version == "TLSv1.3");
        CHECK(outcome.answer.rfind("HTTP/1.1 200", 0) == 0);
    }
    SECTION("TLS 1.2, ECDHE with each AEAD suite the hub offers") {
        const std::string suite = GENERATE("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                                           "ECDHE-ECDSA-CHACHA20-POLY1305");
        const TlsOutcome outcome = tlsHandshake(hub.port(), hub.certificatePath(), {TLS1_2_VERSION, TLS1_2_VERSION, suite});
        REQUIRE(outcome.completed);
        CHECK(outcome.version == "TLSv1.2");
        CHECK(outcome.suite == suite);
        CHECK(outcome.answer.rfind("HTTP/1.1 200", 0) == 0);
    }
    SECTION("TLS 1.2 offering CBC first: an AEAD suite is agreed") {
        const TlsOutcome outcome = tlsHandshake(hub.port(), hub.certificatePath(),
                                                {TLS1_2_VERSION, TLS1_2_VERSION, std::string(kCbcSuites) + ":ECDHE-ECDSA-AES256-GCM-SHA384"});
        REQUIRE(outcome.completed);
        CHECK(outcome.suite == "ECDHE-ECDSA-AES256-GCM-SHA384");
    }
}

TEST_CASE("A client reconnecting to the hub resumes its TLS session", "[tls-policy]") {
    RunningHub hub;
    const auto [version, name] = GENERATE(table<int, std::string>({{TLS1_3_VERSION, "TLSv1.3"}, {TLS1_2_VERSION, "TLSv1.2"}}));
    const TlsOffer offer{version, version, "ECDHE-ECDSA-AES128-GCM-SHA256"};
    INFO(name);
    const long resumedBefore = hub.tlsHandshakesCounted("resumed");
    const TlsOutcome first = tlsHandshake(hub.port(), hub.certificatePath(), offer);
    REQUIRE(first.completed);
    CHECK_FALSE(first.resumed);
    REQUIRE(first.session != nullptr);
    CHECK(SSL_SESSION_get_ticket_lifetime_hint(first.session.get()) == static_cast<unsigned long>(kSessionLifetimeSeconds));
    const TlsOutcome second = tlsHandshake(hub.port(), hub.certificatePath(), offer, first.session.get());
    REQUIRE(second.completed);
    CHECK(second.version == name);
    CHECK(second.resumed);
    CHECK(second.answer.rfind("HTTP/1.1 200", 0) == 0);
    // And again from the second connection's session, as a kiosk does sync after sync.
    const TlsOutcome third = tlsHandshake(hub.port(), hub.certificatePath(), offer, second.session.get());
    CHECK(third.resumed);
    // /metrics counts them (each /metrics request is a full handshake of its own).
    CHECK(hub.tlsHandshakesCounted("resumed") == resumedBefore + 2);
}
