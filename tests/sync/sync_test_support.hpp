#pragma once
// A kiosk's store and sync client as the tests drive them: enrolled with a real
// hub (tests/hub/hub_test_support.hpp), optionally reached through a FaultProxy.
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "hub_test_support.hpp"
#include "sync/enrollment.hpp"
#include "sync/hub_https.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "sync/retry_backoff.hpp"
#include "sync/sync_round.hpp"

namespace cowork::sync_testing {

using cowork::hub::testing::RunningHub;

inline std::string pinOfCertificateFile(const std::string& path) {
    FILE* file = std::fopen(path.c_str(), "r");
    if (!file) throw std::runtime_error("cannot open " + path);
    X509* certificate = PEM_read_X509(file, nullptr, nullptr, nullptr);
    std::fclose(file);
    const std::string pin = kiosk::publicKeyPin(certificate);
    X509_free(certificate);
    return pin;
}

// Waits up to `limit` for `done`; true when it came.
template <typename Condition>
bool eventually(Condition done, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

inline std::string hubUrl(int port) { return "https://127.0.0.1:" + std::to_string(port); }

// Short timeouts: a fault must cost a test seconds, not minutes.
inline kiosk::HttpsTimeouts testTimeouts() { return {2'000, 6'000}; }

class TestKiosk {
public:
    explicit TestKiosk(std::string name = "kiosk") : path_(dir_.file(name + ".db")), store_(path_) {}

    Store& store() { return store_; }
    const std::string& path() const { return path_; }
    std::string siteId() { return loadEnrollment(store_)->siteId; }

    // Enrolls through the real enrollment code path, trusting the hub by its pin.
    kiosk::EnrollmentResult enroll(RunningHub& hub, const std::string& siteId, const std::string& pin = "") {
        const hub::EnrollmentCode code = hub.storage().createEnrollmentCode(siteId, systemNowMs());
        const std::string trusted = pin.empty() ? pinOfCertificateFile(hub.certificatePath()) : pin;
        return enrollWith({hubUrl(hub.port()), code.code, trusted});
    }
    // What the first-start screen, --enroll and the provisioning file all do.
    kiosk::EnrollmentResult enrollWith(const kiosk::PendingEnrollment& pending) {
        kiosk::savePendingEnrollment(store_, pending);
        return kiosk::enrollPending(store_, testTimeouts(), "Comptoir de test", now());
    }
    // Talk to the hub through another port (a FaultProxy in front of it). Each
    // sync() then opens a connection of its own, as the kiosk did when the hub
    // closed after every sync: a FaultPlan draws its fault per connection, so each
    // sync meets one. (A kiosk keeping its connection through a proxy:
    // kept_connection_tests.cpp.)
    void reachHubAt(int port) {
        store_.setMeta("sync.hub_url", hubUrl(port));
        connectionPerSync_ = true;
    }

    kiosk::SyncRoundResult sync(std::size_t batch = kiosk::kDefaultBatch) {
        const auto enrollment = loadEnrollment(store_);
        if (!https_ || httpsUrl_ != enrollment->hubUrl + curlPins(*enrollment)) {
            https_ = std::make_unique<kiosk::HubHttps>(enrollment->hubUrl, enrollment->pins, testTimeouts());
            httpsUrl_ = enrollment->hubUrl + curlPins(*enrollment);
        }
        kiosk::SyncRoundSettings settings;
        settings.batchLimit = batch;
        settings.bootId = bootId;
        const kiosk::SyncRoundResult result =
            kiosk::syncWithHub(store_, *https_, *enrollment, [this] { return deviceClock(); }, settings);
        if (connectionPerSync_) https_->closeConnections();
        return result;
    }
    // Syncs until the outbox is empty; fails the test after `attempts` rounds.
    // Paced by the hub (429), it waits as the kiosk's worker would.
    void syncUntilEmpty(int attempts = 20) {
        for (int i = 0; i < attempts; ++i) {
            const kiosk::SyncRoundResult result = sync();
            if (result.ok() && !result.throttled && store_.outboxDepth() == 0) return;
            if (const auto wait = result.throttled ? kiosk::heededRetryAfterMs(result.retryAfterMs) : std::nullopt) {
                std::this_thread::sleep_for(std::chrono::milliseconds(*wait));
            }
        }
        FAIL("the outbox did not empty: " << store_.outboxDepth() << " events left");
    }

    std::string firstPlace() {
        Statement& row = store_.db().prepare("SELECT id FROM places WHERE site_id = ?1 ORDER BY id LIMIT 1");
        row.bind(1, siteId());
        if (!row.step()) throw std::runtime_error("no place known for " + siteId() + ": sync first");
        std::string id = row.columnText(0);
        row.reset();
        return id;
    }
    // A check-in (and, when asked, the check-out): one transaction each, as at the counter.
    std::string checkIn(bool andOut = true) {
        const std::string visit = newUuid7(now());
        const std::string site = siteId();
        store_.recordLocal({store_.makeEvent(VisitStarted{visit, site, firstPlace(), std::nullopt, now()}, now())}, now());
        if (andOut) store_.recordLocal({store_.makeEvent(VisitEnded{visit, now(), VisitEnd::ByMember}, now())}, now());
        return visit;
    }

    std::int64_t count(const std::string& sql) {
        Statement& row = store_.db().prepare(sql);
        row.step();
        const std::int64_t n = row.columnInt(0);
        row.reset();
        return n;
    }

    // This device's own clock, as its system keeps it.
    TimeMs deviceClock() const { return systemNowMs() + clockSkewMs; }
    // The time check-ins are dated by: the device's clock, plus the hub's offset
    // measured this boot when the kiosk dates by it (as the app does).
    TimeMs now() {
        const TimeMs offset = datesByHubClock ? hubClockOffset(store_, bootId).value_or(0) : 0;
        return deviceClock() + offset;
    }
    TimeMs clockSkewMs = 0;        // this device's clock minus the real time
    bool datesByHubClock = false;  // false: check-ins dated by the device's clock alone
    std::string bootId = "test-boot";  // another one: the device rebooted

private:
    static std::string curlPins(const HubEnrollment& e) { return kiosk::curlPinList(e.pins); }
    cowork::testing::TempDir dir_;
    std::string path_;
    Store store_;
    std::unique_ptr<kiosk::HubHttps> https_;
    bool connectionPerSync_ = false;
    std::string httpsUrl_;
};

}  // namespace cowork::sync_testing
