// Who the client is behind a reverse proxy (--trusted-proxy): X-Forwarded-For
// is believed from a trusted proxy only, and login throttling, the request log
// and the rest count the client it names.
#include <catch2/catch.hpp>

#include <fstream>

#include "http/client_address.hpp"
#include "hub_process.hpp"
#include "log_capture.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;

namespace {

constexpr const char* kCoordinator = "coord@ccsb.example";

std::string loginBody(const std::string& email, const std::string& password) {
    return Json{{"email", email}, {"password", password}}.dump();
}

// A login as it comes through a proxy: X-Forwarded-For as the proxy sets it
// (empty: none).
int logInFrom(const RunningHub& hub, const std::string& forwardedFor, const std::string& email, const std::string& password) {
    httplib::Headers headers;
    if (!forwardedFor.empty()) headers.emplace("X-Forwarded-For", forwardedFor);
    const auto result = hub.client()->Post("/api/v1/login", headers, loginBody(email, password), "application/json");
    return result ? result->status : 0;
}

// Five wrong passwords from `attacker`, each for another (unknown) account, so
// that only the address's count can lock anything.
void fiveWrongPasswordsFrom(const RunningHub& hub, const std::string& attacker) {
    for (int i = 0; i < 5; ++i) {
        REQUIRE(logInFrom(hub, attacker, "inconnu" + std::to_string(i) + "@example.org", "x") == 401);
    }
}

void trustLoopback(ServerOptions& options) { options.trustedProxies = {"127.0.0.1"}; }

}  // namespace

TEST_CASE("the client behind trusted proxies is the right-most address that is not one of them", "[hub][proxy]") {
    const std::set<std::string> trusted = {"127.0.0.1", "10.0.0.2", "2001:db8::1"};
    CHECK(forwardedClient("203.0.113.9", trusted) == "203.0.113.9");
    // A client that writes its own header only adds to the left of what the proxy appends.
    CHECK(forwardedClient("198.51.100.1, 203.0.113.9", trusted) == "203.0.113.9");
    CHECK(forwardedClient("198.51.100.1,203.0.113.9, 10.0.0.2", trusted) == "203.0.113.9");
    CHECK(forwardedClient(" 2001:DB8:0:0::7 ", trusted) == "2001:db8::7");
    CHECK(forwardedClient("::ffff:203.0.113.9", trusted) == "203.0.113.9");
    CHECK(forwardedClient("10.0.0.2, 127.0.0.1", trusted) == "10.0.0.2");  // only proxies: the left-most
    // What left of the client says is not read, so it cannot spoil anything.
    CHECK(forwardedClient("n'importe quoi, 203.0.113.9", trusted) == "203.0.113.9");
    CHECK_FALSE(forwardedClient("unknown", trusted));
    CHECK_FALSE(forwardedClient("203.0.113.9, ", trusted));
    CHECK_FALSE(forwardedClient("", trusted));
    CHECK_FALSE(forwardedClient("bad, 127.0.0.1", trusted));
    CHECK_THROWS_AS(ClientAddress({"hub.ccsb.example"}), std::invalid_argument);
}

TEST_CASE("an X-Forwarded-For entry with a port or brackets names its address, the port dropped", "[hub][proxy]") {
    const std::set<std::string> trusted = {"127.0.0.1", "10.0.0.2", "2001:db8::1"};
    CHECK(forwardedClient("203.0.113.9:4711", trusted) == "203.0.113.9");
    CHECK(forwardedClient("[2001:db8::7]", trusted) == "2001:db8::7");
    CHECK(forwardedClient("[2001:DB8:0:0::7]:443", trusted) == "2001:db8::7");
    CHECK(forwardedClient("[::ffff:203.0.113.9]:443", trusted) == "203.0.113.9");
    // A trusted proxy written so is still recognised, and skipped.
    CHECK(forwardedClient("203.0.113.9, [2001:db8::1]:443, 10.0.0.2:80", trusted) == "203.0.113.9");
    // Anything else stays garbage.
    for (const char* garbage : {"203.0.113.9:", "203.0.113.9:0", "203.0.113.9:65536", "203.0.113.9:http", "203.0.113.9:80:80",
                                "[2001:db8::7", "2001:db8::7]", "[2001:db8::7]:", "[2001:db8::7]443", "[2001:db8::7]:x",
                                "[203.0.113.9]", "[203.0.113.9]:80", "[]", "[]:80", "hub.example:80", ":80", "[2001:db8::7]:80:80"}) {
        INFO(garbage);
        CHECK_FALSE(forwardedClient(garbage, trusted));
    }
}

TEST_CASE("behind a proxy that writes ports, each client keeps its own login count", "[hub][proxy][throttle]") {
    RunningHub hub({}, trustLoopback);
    hub.storage().saveCoordinator(kCoordinator, hashPassword(RunningHub::kTestPassword), systemNowMs());
    fiveWrongPasswordsFrom(hub, "203.0.113.9:51000");
    CHECK(logInFrom(hub, "203.0.113.9:51001", kCoordinator, RunningHub::kTestPassword) == 429);
    // Another client behind the same proxy is not the proxy's address: it gets in.
    CHECK(logInFrom(hub, "198.51.100.20:51002", kCoordinator, RunningHub::kTestPassword) == 200);
    CHECK(logInFrom(hub, "[2001:db8:1::20]:443", kCoordinator, RunningHub::kTestPassword) == 200);
}

TEST_CASE("behind a trusted proxy, five wrong passwords lock the forwarded address out, not another one",
          "[hub][proxy][throttle]") {
    RunningHub hub({}, trustLoopback);
    hub.storage().saveCoordinator(kCoordinator, hashPassword(RunningHub::kTestPassword), systemNowMs());
    fiveWrongPasswordsFrom(hub, "203.0.113.9");
    CHECK(logInFrom(hub, "203.0.113.9", kCoordinator, RunningHub::kTestPassword) == 429);
    // The coordinator at another address still gets in: the attacker locked only itself.
    CHECK(logInFrom(hub, "198.51.100.20", kCoordinator, RunningHub::kTestPassword) == 200);
    // A forged address left of the real one does not get the attacker a fresh count.
    CHECK(logInFrom(hub, "192.0.2.55, 203.0.113.9", kCoordinator, RunningHub::kTestPassword) == 429);
}

TEST_CASE("without --trusted-proxy, X-Forwarded-For is ignored: every login comes from the peer", "[hub][proxy][throttle]") {
    RunningHub hub;
    hub.storage().saveCoordinator(kCoordinator, hashPassword(RunningHub::kTestPassword), systemNowMs());
    fiveWrongPasswordsFrom(hub, "203.0.113.9");
    CHECK(logInFrom(hub, "198.51.100.20", kCoordinator, RunningHub::kTestPassword) == 429);  // all from 127.0.0.1
    CHECK(logInFrom(hub, "", kCoordinator, RunningHub::kTestPassword) == 429);
}

TEST_CASE("a peer that is not a trusted proxy cannot choose its address with X-Forwarded-For", "[hub][proxy][throttle]") {
    LogCapture log;
    {
        RunningHub hub({}, [](ServerOptions& o) { o.trustedProxies = {"192.0.2.1"}; });  // not the test's 127.0.0.1
        hub.storage().saveCoordinator(kCoordinator, hashPassword(RunningHub::kTestPassword), systemNowMs());
        fiveWrongPasswordsFrom(hub, "203.0.113.9");
        CHECK(logInFrom(hub, "198.51.100.20", kCoordinator, RunningHub::kTestPassword) == 429);
    }
    const std::string text = log.text();
    CHECK(text.find("remote=127.0.0.1") != std::string::npos);
    CHECK(text.find("203.0.113.9") == std::string::npos);
    CHECK(text.find("198.51.100.20") == std::string::npos);
}

TEST_CASE("the request log names the forwarded client and the proxy it came through", "[hub][proxy][log]") {
    LogCapture log;
    {
        RunningHub hub({}, trustLoopback);
        REQUIRE(hub.get("/healthz", {{"X-Forwarded-For", "203.0.113.9"}}).status == 200);
        // Garbage from the trusted proxy: its own address is kept, and that is said once.
        REQUIRE(hub.get("/healthz", {{"X-Forwarded-For", "pas une adresse"}}).status == 200);
        REQUIRE(hub.get("/healthz", {{"X-Forwarded-For", "203.0.113.9:port"}}).status == 200);
    }
    const std::string text = log.text();
    CHECK(text.find("path=\"/healthz\" status=200 remote=203.0.113.9 via=127.0.0.1") != std::string::npos);
    CHECK(text.find("path=\"/healthz\" status=200 remote=127.0.0.1\n") != std::string::npos);
    std::size_t warnings = 0;
    for (auto at = text.find("event=forwarded_for_malformed"); at != std::string::npos;
         at = text.find("event=forwarded_for_malformed", at + 1)) {
        ++warnings;
    }
    CHECK(warnings == 1);
}

TEST_CASE("cowork-hub serve takes --trusted-proxy and trusted-proxy in hub.conf, and refuses a name", "[hub][proxy][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.file("data");
    std::filesystem::create_directories(data);
    const int port = freePort();
    {
        ServeProcess serve(data, port, {"--trusted-proxy", "192.0.2.1", "--trusted-proxy", "127.0.0.1"});
        const HubClient client{data + "/tls/cert.pem", port};
        REQUIRE(client.waitUp());
        REQUIRE(client.make()->Get("/healthz", {{"X-Forwarded-For", "203.0.113.9"}}));
        serve.stop(SIGTERM);
    }
    std::ifstream file(data + "/hub.log");
    const std::string served((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(served.find("trusted_proxies=192.0.2.1,127.0.0.1") != std::string::npos);
    CHECK(served.find("remote=203.0.113.9 via=127.0.0.1") != std::string::npos);

    // The same from hub.conf, which lists them.
    const std::string config = dir.file("hub.conf");
    std::ofstream(config) << "data = \"" << data << "\"\nlisten = \"127.0.0.1:" << freePort()
                          << "\"\ntrusted-proxy = [\"::1\", \"127.0.0.1\"]\n";
    const std::string errors = serveBrieflyFromConfig(config);
    CHECK(errors.find("trusted_proxies=::1,127.0.0.1") != std::string::npos);

    std::string refusal;
    CHECK(runHubCommandKeepingErrors({"serve", "--data", data, "--trusted-proxy", "proxy.ccsb.example"}, nullptr, &refusal) != 0);
    CHECK(refusal.find("n’est pas une adresse IP") != std::string::npos);
}
