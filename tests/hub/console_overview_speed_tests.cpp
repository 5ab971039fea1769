// The overview is the console's home page, refreshed by every open console: on
// a network of 50 sites and 200 kiosks it must answer within 20 ms, so it reads
// the network in a few statements, never one per site or place.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "events/uuid7.hpp"
#include "import/network_file.hpp"
#include "service/console_view_service.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "test_support.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

class NoAudit final : public AuditLog {
public:
    void record(const Principal&, const AuditRecord&) override {}
};

// 50 sites of 4 places, 4 kiosks each (200), a visit open on every other place.
void buildLargeNetwork(SqliteHubStorage& storage, TimeMs now) {
    storage.importNetwork(loadNetworkFile(COWORK_SOURCE_DIR "/assets/demo/ccsb-network.json"), now);
    const Site model = storage.sites().front();
    std::vector<EventPayload> payloads;
    for (int s = 0; s < 50; ++s) {
        Site site = model;
        site.id = "site-" + std::to_string(s);
        payloads.push_back(SiteConfigured{site});
        for (int p = 0; p < 4; ++p) {
            const std::string placeId = site.id + "/" + std::to_string(p);
            payloads.push_back(PlaceConfigured{placeId, site.id, "Place " + std::to_string(p)});
            if (p % 2 == 0) payloads.push_back(VisitStarted{newUuid7(now), site.id, placeId, std::nullopt, now - kHourMs});
        }
    }
    storage.recordHubEvents(payloads, now);
    for (int s = 0; s < 50; ++s) {
        for (int k = 0; k < 4; ++k) {
            const EnrollmentCode code = storage.createEnrollmentCode("site-" + std::to_string(s), now);
            storage.enroll(EnrollRequest{code.code, "Kiosque " + std::to_string(k), "0.1.0"}, now);
        }
    }
}

}  // namespace

TEST_CASE("the overview of 50 sites and 200 kiosks answers within 20 ms", "[console-views][overview][speed]") {
    cowork::testing::TempDir dir;
    SqliteHubStorage storage(dir.file("hub.db"));
    const TimeMs now = systemNowMs();
    buildLargeNetwork(storage, now);
    NoAudit audit;
    ConsoleViewService views(storage, [now] { return now; }, audit);
    const Principal coordinator{"u", "coord@ccsb.example", Role::Coordinator, {}};

    REQUIRE(views.overview(coordinator)["sites"].size() >= 50);
    double best = 1e9;
    for (int run = 0; run < 10; ++run) {  // the best run: the machine is shared
        const auto start = std::chrono::steady_clock::now();
        const Json overview = views.overview(coordinator);
        const std::string body = overview.dump();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    WARN("overview of " << storage.sites().size() << " sites: " << best << " ms");
    CHECK(best < 20.0);
    Json site;
    const Json overview = views.overview(coordinator);
    for (const Json& listed : overview["sites"]) {
        if (listed["id"] == "site-49") site = listed;
    }
    CHECK(site["places"]["taken"] == 2);
    CHECK(site["health"]["kiosks"] == 4);
}
