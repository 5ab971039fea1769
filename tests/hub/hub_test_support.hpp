#pragma once
// A real hub for tests: its own data directory, the demo network imported, the
// HTTPS server on a free port of 127.0.0.1, and a client that verifies the hub's
// certificate. The hub's clock is the test's to move.
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include <httplib.h>

#include "http/hub_server.hpp"
#include "security/secrets.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "store/sqlite_db.hpp"
#include "test_support.hpp"

namespace cowork::hub::testing {

constexpr const char* kDemoNetwork = COWORK_SOURCE_DIR "/assets/demo/ccsb-network.json";

struct Reply {
    int status = 0;
    std::string body;
    Json json() const { return parseJson(body); }
};

class RunningHub {
public:
    // With SMTP settings, invitations to new accounts are e-mailed; `adjust`
    // changes any other option (trusted proxies, the sync rate limit…).
    explicit RunningHub(SmtpSettings smtp = {}, const std::function<void(ServerOptions&)>& adjust = {})
        : storage_(std::make_unique<SqliteHubStorage>(dir_.file("hub.db"))) {
        storage_->importNetwork(loadNetworkFile(kDemoNetwork), systemNowMs());
        ServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        options.tls = ensureSelfSignedIdentity(dir_.path().string());
        options.keyPins = hubKeyPins(dir_.path().string(), options.tls);
        options.workerThreads = 8;
        options.smtp = std::move(smtp);
        if (adjust) adjust(options);
        certificate_ = options.tls.certificatePath;
        server_ = std::make_unique<HubServer>(*storage_, options, [this] { return systemNowMs() + clockShiftMs.load(); });
        server_->bind();
        thread_ = std::thread([this] { server_->run(); });
        waitUntilUp();
    }
    ~RunningHub() {
        server_->stop();
        thread_.join();
    }

    HubStorage& storage() { return *storage_; }
    int port() const { return server_->port(); }
    const std::string& certificatePath() const { return certificate_; }
    std::string databasePath() const { return dir_.file("hub.db"); }

    std::unique_ptr<httplib::SSLClient> client() const {
        auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port());
        client->set_ca_cert_path(certificate_.c_str());
        client->enable_server_certificate_verification(true);
        return client;
    }

    Reply post(const std::string& path, const std::string& body, const std::string& token = "") const {
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        return reply(client()->Post(path.c_str(), headers, body, "application/json"));
    }

    Reply get(const std::string& path, const httplib::Headers& headers = {}) const {
        return reply(client()->Get(path.c_str(), headers));
    }

    // A coordinator's request, with the session cookie.
    Reply admin(const std::string& method, const std::string& path, const std::string& body = "") const {
        const httplib::Headers headers{{"Cookie", "cowork_session=" + session}, {"X-CSRF-Token", csrfToken}};
        if (method == "GET") return reply(client()->Get(path.c_str(), headers));
        if (method == "PUT") return reply(client()->Put(path.c_str(), headers, body, "application/json"));
        if (method == "DELETE") return reply(client()->Delete(path.c_str(), headers));
        return reply(client()->Post(path.c_str(), headers, body, "application/json"));
    }

    // Creates a coordinator account and logs in with it (the cookie goes in `session`).
    void logInAsCoordinator() { logInAs(Role::Coordinator, "coord@ccsb.example"); }

    // Creates an account with this role (an animator's sites too) and logs in with it.
    void logInAs(Role role, const std::string& email, const std::set<std::string>& siteIds = {}) {
        storage_->saveUser(NewUser{email, role, siteIds}, hashPassword(kTestPassword), systemNowMs());
        if (logIn(email, kTestPassword).status != 200) throw std::runtime_error("login failed");
    }

    // POST /api/v1/login; on success the cookie goes in `session`, the token in `csrfToken`.
    Reply logIn(const std::string& email, const std::string& password) {
        const Json body = {{"email", email}, {"password", password}};
        const auto result = client()->Post("/api/v1/login", body.dump(), "application/json");
        if (!result) return {0, "no answer"};
        if (result->status == 200) keepSession(*result);
        return {result->status, result->body};
    }

    // Takes the session a login or an accepted invitation opened.
    void keepSession(const httplib::Response& signedIn) {
        const std::string cookie = signedIn.get_header_value("Set-Cookie");
        session = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
        csrfToken = parseJson(signedIn.body)["csrf_token"].get<std::string>();
    }

    static constexpr const char* kTestPassword = "un mot de passe solide";

    std::string session;
    std::string csrfToken;  // echoed by every state-changing request, as the console does

    // A site as the coordinator's listing gives it (to edit and PUT back).
    Json listedSite(const std::string& siteId) const {
        const Json listing = admin("GET", "/api/v1/admin/sites").json();
        for (const Json& candidate : listing["sites"]) {
            if (candidate["id"] == siteId) return candidate;
        }
        throw std::runtime_error("site not listed: " + siteId);
    }

    // Enrolls a kiosk for a site, as the kiosk would.
    EnrollResponse enroll(const std::string& siteId, const std::string& name = "Comptoir") {
        const EnrollmentCode code = storage_->createEnrollmentCode(siteId, systemNowMs() + clockShiftMs.load());
        const Reply reply = post("/api/v1/enroll", toJson(EnrollRequest{code.code, name, "0.1.0"}).dump());
        if (reply.status != 201) throw std::runtime_error("enrollment failed: " + reply.body);
        return decodeEnrollResponse(reply.body);
    }

    // cowork_hub_tls_handshakes_total{kind="full"|"resumed"} from /metrics
    // (read over a connection of its own: one full handshake more).
    long tlsHandshakesCounted(const std::string& kind) const {
        const std::string body = get("/metrics").body;
        const std::string label = "cowork_hub_tls_handshakes_total{kind=\"" + kind + "\"} ";
        const std::size_t at = body.find(label);
        if (at == std::string::npos) throw std::runtime_error("no " + label + "in /metrics");
        return std::stol(body.substr(at + label.size()));
    }

    // A count straight from the hub's file, through a second connection, once
    // the hub wrote the kiosks' reports it holds.
    std::int64_t count(const std::string& sql) const {
        storage_->writeHeldReports();
        Database db(databasePath());
        Statement& row = db.prepare(sql);
        row.step();
        return row.columnInt(0);
    }

    std::atomic<TimeMs> clockShiftMs{0};

private:
    static Reply reply(const httplib::Result& result) {
        if (!result) return {0, "no answer: " + httplib::to_string(result.error())};
        return {result->status, result->body};
    }

    void waitUntilUp() {
        for (int i = 0; i < 200; ++i) {
            if (get("/healthz").status == 200) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        throw std::runtime_error("the hub did not start");
    }

    cowork::testing::TempDir dir_;
    std::unique_ptr<SqliteHubStorage> storage_;
    std::unique_ptr<HubServer> server_;
    std::thread thread_;
    std::string certificate_;
};

// A kiosk's side, enough to build sync batches: its own store stamps events.
class FakeKiosk {
public:
    FakeKiosk(RunningHub& hub, const std::string& siteId) : enrolled_(hub.enroll(siteId)), siteId_(siteId) {}

    const std::string& token() const { return enrolled_.token; }
    const std::string& deviceId() const { return enrolled_.deviceId; }
    const std::string& siteId() const { return siteId_; }

    Event event(EventPayload payload, TimeMs now = systemNowMs()) {
        Event e{newUuid7(now), enrolled_.deviceId, clock_.tick(now), std::move(payload)};
        return e;
    }
    Event checkIn(const std::string& placeId, TimeMs now = systemNowMs()) {
        return event(VisitStarted{newUuid7(now), siteId_, placeId, std::nullopt, now}, now);
    }

    SyncRequest syncRequest(const std::vector<Event>& events, std::int64_t cursor = 0, TimeMs deviceClock = systemNowMs()) const {
        SyncRequest request;
        request.cursor = cursor;
        request.events = events;
        request.deviceClockMs = deviceClock;
        request.appVersion = "0.1.0";
        request.outboxDepth = static_cast<std::int64_t>(events.size());
        return request;
    }
    std::string syncBody(const std::vector<Event>& events, std::int64_t cursor = 0, TimeMs deviceClock = systemNowMs()) const {
        return toJson(syncRequest(events, cursor, deviceClock)).dump();
    }

private:
    EnrollResponse enrolled_;
    std::string siteId_;
    HybridLogicalClock clock_;
};

// A sync the hub must accept; its answer decoded.
inline SyncResponse syncAccepted(const RunningHub& hub, const FakeKiosk& kiosk, const SyncRequest& request) {
    const Reply reply = hub.post("/api/v1/sync", toJson(request).dump(), kiosk.token());
    if (reply.status != 200) throw std::runtime_error("sync refused (" + std::to_string(reply.status) + "): " + reply.body);
    return decodeSyncResponse(reply.body);
}

}  // namespace cowork::hub::testing
