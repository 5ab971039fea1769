// A hub newer than the kiosk may send event kinds the kiosk does not know: the
// kiosk keeps them aside unread, takes in the rest of the page, moves its cursor
// on and drops what the hub acknowledged, and says it needs updating.
#include <catch2/catch.hpp>

#include <mutex>
#include <thread>

#include "events/event_codec.hpp"
#include "store/site_reads.hpp"
#include "sync_test_support.hpp"
#include "tls/hub_identity.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

namespace {

// A hub of a later version, as far as one answer goes: it acknowledges what it
// is sent and answers with a page holding a kind unknown here, between two known ones.
class NewerHub {
public:
    NewerHub() : tls_(hub::ensureSelfSignedIdentity(dir_.path().string())),
                 server_(tls_.certificatePath.c_str(), tls_.keyPath.c_str()) {
        server_.Post("/api/v1/sync", [this](const httplib::Request& req, httplib::Response& res) {
            const SyncRequest request = decodeSyncRequest(req.body);
            {
                std::lock_guard lock(mutex_);
                requests_.push_back(parseJson(req.body));
            }
            res.set_content(answerTo(request).dump(), "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~NewerHub() {
        server_.stop();
        thread_.join();
    }
    HubEnrollment enrollment() const {
        return {hubUrl(port_), "jeton", "fleurie-boulangerie", {pinOfCertificateFile(tls_.certificatePath)}};
    }
    Json request(std::size_t i) {
        std::lock_guard lock(mutex_);
        return requests_.at(i);
    }
    static constexpr const char* kUnknownEventId = "01900000-0000-7000-8000-00000000abcd";

private:
    static Json answerTo(const SyncRequest& request) {
        const TimeMs now = systemNowMs();
        HybridLogicalClock clock;
        Site fleurie = cowork::testing::sampleSite("fleurie-boulangerie");
        Site beaujeu = cowork::testing::sampleSite("beaujeu-epicerie");
        const Json unknown = {{"id", kUnknownEventId}, {"origin", "hub"}, {"stamp", clock.tick(now).packed},
                              {"kind", "site.renamed"}, {"payload", {{"site_id", "fleurie-boulangerie"}, {"name", "Fleurie"}}}};
        Json events = Json::array();
        events.push_back(encodeEvent({newUuid7(now), "hub", clock.tick(now), SiteConfigured{fleurie}}));
        events.push_back(unknown);
        events.push_back(encodeEvent({newUuid7(now), "hub", clock.tick(now), SiteConfigured{beaujeu}}));
        Json acked = Json::array();
        for (const Event& e : request.events) acked.push_back(e.id);
        return {{"protocol", 1},   {"acked", acked}, {"cursor", 7},
                {"more", false},   {"changes", {{"events", events}, {"members", Json::array()}, {"availability", Json::array()}}},
                {"server_time_ms", now}, {"epoch", "epoque-nouvelle"}};
    }

    cowork::testing::TempDir dir_;
    hub::TlsFiles tls_;
    httplib::SSLServer server_;
    int port_ = 0;
    std::thread thread_;
    std::mutex mutex_;
    std::vector<Json> requests_;
};

}  // namespace

TEST_CASE("a newer hub's unknown event kind is kept and skipped; the cursor moves on and the acknowledgements hold", "[sync][compat]") {
    NewerHub newer;
    TestKiosk kiosk;
    saveEnrollment(kiosk.store(), newer.enrollment(), kiosk.store().deviceId(), systemNowMs());
    const TimeMs now = systemNowMs();
    kiosk.store().recordLocal(
        {kiosk.store().makeEvent(VisitStarted{newUuid7(now), "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, now}, now)}, now);

    const auto first = kiosk.sync();
    CHECK(first.ok());
    CHECK(kiosk.store().outboxDepth() == 0);
    CHECK(kiosk.store().meta("sync.cursor") == "7");
    CHECK(loadSite(kiosk.store().db(), "fleurie-boulangerie").has_value());
    CHECK(loadSite(kiosk.store().db(), "beaujeu-epicerie").has_value());
    CHECK_FALSE(kiosk.store().findEvent(NewerHub::kUnknownEventId).has_value());

    // The next sync tells the hub this kiosk needs updating; it is not stuck.
    const auto second = kiosk.sync();
    CHECK(second.ok());
    CHECK(newer.request(1).value("update_needed", false));
    CHECK(loadSyncHealth(kiosk.store()).updateNeeded);

    // What a version that reads a kept event does with it: takes it in at its next sync.
    const TimeMs later = systemNowMs();
    const Event readable{newUuid7(later), "hub", HybridLogicalClock().tick(later), SiteConfigured{cowork::testing::sampleSite("belleville-tiers-lieu")}};
    kiosk.store().db().prepare("INSERT INTO unread_events(id, kind, event, reason, received_at) VALUES(?1, 'site.configured', ?2, 'x', ?3)")
        .bind(1, readable.id).bind(2, encodeEvent(readable).dump()).bind(3, later).run();
    REQUIRE(kiosk.sync().ok());
    CHECK(loadSite(kiosk.store().db(), "belleville-tiers-lieu").has_value());
    CHECK(kiosk.count("SELECT count(*) FROM unread_events") == 1);  // the unknown kind, still unread
}
