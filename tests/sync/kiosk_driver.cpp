// A kiosk without a screen, for the tests that SIGKILL it: checks people in and
// out and syncs, cycle after cycle, on an already enrolled store. It prints
// "recorded <visit id>" once a check-in is committed, so the test knows what
// the kiosk promised to keep.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/store.hpp"
#include "sync/hub_https.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "sync/sync_round.hpp"

using namespace cowork;

namespace {

std::string firstPlace(Store& store, const std::string& siteId) {
    Statement& row = store.db().prepare("SELECT id FROM places WHERE site_id = ?1 ORDER BY id LIMIT 1");
    row.bind(1, siteId);
    if (!row.step()) throw std::runtime_error("aucune place connue pour " + siteId);
    std::string id = row.columnText(0);
    row.reset();
    return id;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: sync_kiosk_driver STORE CYCLES CHECKINS_PER_CYCLE\n");
        return 2;
    }
    Store store(argv[1]);
    const int cycles = std::atoi(argv[2]);
    const int perCycle = std::atoi(argv[3]);
    const auto enrollment = loadEnrollment(store);
    if (!enrollment) return 3;
    const std::string place = firstPlace(store, enrollment->siteId);
    kiosk::HubHttps hub(enrollment->hubUrl, enrollment->pins, {2'000, 6'000});
    kiosk::SyncRoundSettings settings;
    settings.bootId = "driver";
    for (int cycle = 0; cycle < cycles; ++cycle) {
        for (int i = 0; i < perCycle; ++i) {
            const TimeMs now = systemNowMs();
            const std::string visit = newUuid7(now);
            store.recordLocal({store.makeEvent(VisitStarted{visit, enrollment->siteId, place, std::nullopt, now}, now),
                               store.makeEvent(VisitEnded{visit, now, VisitEnd::ByMember}, now)},
                              now);
            std::printf("recorded %s\n", visit.c_str());
            std::fflush(stdout);
        }
        const auto result = kiosk::syncWithHub(store, hub, *enrollment, [] { return systemNowMs(); }, settings);
        std::printf("synced %s\n", result.ok() ? "ok" : "failed");
        std::fflush(stdout);
    }
    return 0;
}
