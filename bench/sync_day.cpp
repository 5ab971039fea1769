// How long a kiosk takes to push a day of events (200 check-ins and check-outs)
// and pull a full network update from a fresh cursor, over TLS on loopback, and
// the bytes it costs; beside the floor measured in the same run: one empty
// HTTPS round trip on a fresh connection (what every sync pays at least, as the
// hub closes the connection after a sync).
//   sync_day [--rounds N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "http/hub_server.hpp"
#include "import/network_file.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "sync/enrollment.hpp"
#include "sync/hub_https.hpp"
#include "sync/sync_round.hpp"
#include "tls/hub_identity.hpp"

using namespace cowork;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Hub {
    std::filesystem::path dir;
    std::unique_ptr<hub::SqliteHubStorage> storage;
    std::unique_ptr<hub::HubServer> server;
    std::thread thread;
    std::vector<std::string> pins;
    std::string url;

    explicit Hub(const std::filesystem::path& where, const std::string& network) : dir(where) {
        std::filesystem::create_directories(dir);
        storage = std::make_unique<hub::SqliteHubStorage>((dir / "hub.db").string());
        storage->importNetwork(loadNetworkFile(network), systemNowMs());
        hub::ServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        options.tls = hub::ensureSelfSignedIdentity(dir.string());
        options.keyPins = hub::hubKeyPins(dir.string(), options.tls);
        pins = options.keyPins;
        server = std::make_unique<hub::HubServer>(*storage, options, [] { return systemNowMs(); });
        server->bind();
        url = "https://127.0.0.1:" + std::to_string(server->port());
        thread = std::thread([this] { server->run(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ~Hub() {
        server->stop();
        thread.join();
    }
};

// A kiosk with a day of events queued and nothing pulled yet.
std::unique_ptr<Store> kioskWithADay(Hub& hub, const std::filesystem::path& path) {
    auto store = std::make_unique<Store>(path.string());
    const auto code = hub.storage->createEnrollmentCode(kSite, systemNowMs());
    kiosk::savePendingEnrollment(*store, {hub.url, code.code, hub.pins.front()});
    if (!kiosk::enrollPending(*store, {}, "banc d'essai", systemNowMs()).ok()) throw std::runtime_error("inscription impossible");
    for (int i = 0; i < 100; ++i) {
        const TimeMs now = systemNowMs();
        const std::string visit = newUuid7(now);
        store->recordLocal({store->makeEvent(VisitStarted{visit, kSite, "fleurie-boulangerie/fenetre", std::nullopt, now}, now)}, now);
        store->recordLocal({store->makeEvent(VisitEnded{visit, now, VisitEnd::ByMember}, now)}, now);
    }
    return store;
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);  // the hub's request log would bury the figures
    int rounds = 10;
    if (argc == 3 && std::string(argv[1]) == "--rounds") rounds = std::max(1, std::atoi(argv[2]));
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("sync-day-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::vector<double> floorMs, dayMs;
    std::uint64_t dayUp = 0, dayDown = 0, floorUp = 0, floorDown = 0;
    int exchanges = 0;
    {
        Hub hub(dir / "hub", COWORK_SOURCE_DIR "/assets/demo/ccsb-network.json");
        for (int r = 0; r < rounds; ++r) {
            // The floor: a fresh TLS connection and the smallest answer the sync route gives.
            kiosk::HubHttps empty(hub.url, hub.pins);
            const auto start = Clock::now();
            const auto answer = empty.post("/api/v1/sync", "{}", "jeton-inconnu");
            floorMs.push_back(msSince(start));
            if (answer.status != 401) throw std::runtime_error("aller-retour témoin : réponse inattendue");
            empty.closeConnections();
            floorUp = empty.wire().socketBytesSent;
            floorDown = empty.wire().socketBytesReceived;

            auto store = kioskWithADay(hub, dir / ("kiosk-" + std::to_string(r) + ".db"));
            const auto enrollment = loadEnrollment(*store);
            kiosk::HubHttps https(enrollment->hubUrl, enrollment->pins);
            kiosk::SyncRoundSettings settings;
            settings.bootId = "bench";
            const auto begin = Clock::now();
            const auto result = kiosk::syncWithHub(*store, https, *enrollment, [] { return systemNowMs(); }, settings);
            dayMs.push_back(msSince(begin));
            if (!result.ok() || store->outboxDepth() != 0) throw std::runtime_error("synchronisation incomplète");
            https.closeConnections();
            dayUp = https.wire().socketBytesSent;
            dayDown = https.wire().socketBytesReceived;
            exchanges = result.exchanges;
        }
    }
    std::filesystem::remove_all(dir);
    const double floor = median(floorMs), day = median(dayMs);
    std::printf("sync_day: %d rounds, median over rounds, TLS on loopback (2 cores); bytes on the wire, TLS included\n", rounds);
    std::printf("  floor  empty HTTPS round trip, fresh connection   %7.1f ms   up %6llu B  down %6llu B\n", floor,
                static_cast<unsigned long long>(floorUp), static_cast<unsigned long long>(floorDown));
    std::printf("  day    push 200 events + pull network (%d exch.) %7.1f ms   up %6llu B  down %6llu B\n", exchanges, day,
                static_cast<unsigned long long>(dayUp), static_cast<unsigned long long>(dayDown));
    std::printf("  ratio  day / floor                               %7.1f x\n", day / floor);
    return 0;
}
