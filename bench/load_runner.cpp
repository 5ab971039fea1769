#include "load_runner.hpp"

#include "closed_loop.hpp"

#include <atomic>
#include <cstdio>
#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include <httplib.h>

namespace cowork::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

constexpr EventMix kNoEvents = {1, 0, 0, 0};
constexpr int kMaxFollowUps = 20;

struct Planned {
    double dueS;  // from the start of the run
    std::size_t kiosk;
};

std::unique_ptr<httplib::SSLClient> connect(const LoadOptions& o) {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", o.port);
    client->set_ca_cert_path(o.caCert.c_str());
    client->enable_server_certificate_verification(true);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);  // else each request waits ~40 ms (Nagle)
    client->set_connection_timeout(o.timeoutS);
    client->set_read_timeout(o.timeoutS);
    client->set_write_timeout(o.timeoutS);
    return client;
}

// One sync as a kiosk does it: its batch, then follow-ups while the hub says more.
bool sendSync(httplib::SSLClient& client, SimKiosk& kiosk, const LoadOptions& o, Tally& tally) {
    std::lock_guard lock(kiosk.busy);
    httplib::Headers headers{{"Authorization", "Bearer " + kiosk.token}};
    if (o.closeAfterSync) headers.emplace("Connection", "close");
    for (int round = 0; round < kMaxFollowUps; ++round) {
        const SyncBatch batch = makeBatch(kiosk, round == 0 ? o.mix : kNoEvents);
        const auto result = client.Post("/api/v1/sync", headers, batch.body, "application/json");
        if (!result || result->status != 200) {
            ++tally.failures;
            if (tally.firstError.empty()) {
                tally.firstError = result ? std::to_string(result->status) + " " + result->body.substr(0, 200)
                                          : httplib::to_string(result.error());
            }
            return false;
        }
        tally.events += batch.eventCount;
        tally.responseBytes += result->body.size();
        if (o.staticTarget) return true;
        const SyncReplyHead reply = readSyncReplyHead(result->body);
        acceptReply(kiosk, batch, reply);
        if (!reply.more) return true;
        ++tally.followUps;
    }
    return true;
}

// The open-loop schedule: kiosk i first syncs at i·period/N, then every period.
std::vector<Planned> plan(const LoadOptions& o, std::size_t kiosks) {
    std::vector<Planned> out;
    const double step = o.periodS / static_cast<double>(kiosks);
    for (double round = 0; round * o.periodS < o.durationS; ++round) {
        for (std::size_t k = 0; k < kiosks; ++k) {
            const double due = round * o.periodS + static_cast<double>(k) * step;
            if (due >= o.durationS) break;
            out.push_back({due, k});
        }
    }
    return out;
}

// Sends one planned sync at its time on `client`, and records it from that time.
void sendPlanned(const Planned& p, SteadyClock::time_point start, httplib::SSLClient& client, Fleet& fleet,
                 const LoadOptions& o, Tally& tally) {
    const auto due = start + std::chrono::duration_cast<SteadyClock::duration>(Seconds(p.dueS));
    if (SteadyClock::now() > due + Seconds(o.graceS)) {
        ++tally.notSent;  // starved for the whole grace period
        tally.waited.insert(p.kiosk);
        return;
    }
    std::this_thread::sleep_until(due);
    const bool ok = sendSync(client, fleet.kiosks[p.kiosk], o, tally);
    const double ms = Seconds(SteadyClock::now() - due).count() * 1000;
    if (ok) tally.latenciesMs.push_back(ms);
    if (!ok || ms > 1000) tally.waited.insert(p.kiosk);
}

// Kiosks k ≡ c (mod C) share connection c, one sync after the other.
void sharedConnectionSender(int c, const std::vector<Planned>& schedule, SteadyClock::time_point start,
                            Fleet& fleet, const LoadOptions& o, Tally& tally) {
    auto client = connect(o);
    for (const Planned& p : schedule) {
        if (p.kiosk % static_cast<std::size_t>(o.connections) == static_cast<std::size_t>(c)) {
            sendPlanned(p, start, *client, fleet, o, tally);
        }
    }
}

// Idle connections left open after a sync, as a kiosk's libcurl leaves them.
class Lingering {
public:
    explicit Lingering(double seconds) : seconds_(seconds) {}
    void keep(std::unique_ptr<httplib::SSLClient> client) {
        std::lock_guard lock(mutex_);
        const auto now = SteadyClock::now();
        while (!open_.empty() && now - open_.front().first > Seconds(seconds_)) open_.pop_front();
        open_.emplace_back(now, std::move(client));
    }

private:
    double seconds_;
    std::mutex mutex_;
    std::deque<std::pair<SteadyClock::time_point, std::unique_ptr<httplib::SSLClient>>> open_;
};

void freshConnectionSender(std::atomic<std::size_t>& next, const std::vector<Planned>& schedule,
                           SteadyClock::time_point start, Fleet& fleet, const LoadOptions& o, Lingering& lingering,
                           Tally& tally) {
    for (std::size_t i = next++; i < schedule.size(); i = next++) {
        auto client = connect(o);
        sendPlanned(schedule[i], start, *client, fleet, o, tally);
        if (!o.closeAfterSync) lingering.keep(std::move(client));
    }
}

std::string describe(const LoadOptions& o, std::size_t kiosks) {
    const int threads = std::min(o.clientThreads, o.connections);  // as runClosedLoop runs them
    const std::string clientThreads = threads == 1 ? "one client thread" : std::to_string(threads) + " client threads";
    std::string pacing = o.closedLoop ? "closed loop (ceiling), " + clientThreads
                                      : "open loop, each kiosk every " + std::to_string(static_cast<int>(o.periodS)) + " s";
    if (o.connectionPerSync) {
        return std::to_string(kiosks) + " kiosks, each sync on a fresh TLS connection " +
               (o.closeAfterSync ? "closed after the answer" : "left open until the server closes it") + "; " + pacing;
    }
    return std::to_string(kiosks) + " kiosks multiplexed over " + std::to_string(o.connections) + " TLS " +
           (o.closeAfterSync ? std::string(o.closedLoop ? "connections, each closed after one request and its session resumed"
                                                          : "connections, each closed after one request")
                             : std::string("keep-alive connections")) +
           "; " + pacing;
}

// Kiosks in service have synced recently: they start at the hub's current
// position, not at where it stood when they were enrolled.
void startAtHubHead(const LoadOptions& o, Fleet& fleet) {
    auto client = connect(o);
    LoadOptions quiet = o;
    quiet.mix = kNoEvents;
    Tally ignored;
    if (!sendSync(*client, fleet.kiosks.front(), quiet, ignored)) {
        // A hub under attack may not answer it: the run then shows how the
        // kiosks fare, from the cursor they were enrolled at.
        std::fprintf(stderr, "hub_sync_load: first sync failed (%s); the kiosks start at their enrollment cursor\n",
                     ignored.firstError.c_str());
        return;
    }
    for (SimKiosk& kiosk : fleet.kiosks) kiosk.cursor = fleet.kiosks.front().cursor;
}

}  // namespace

void runLoad(const LoadOptions& o, Fleet& fleet) {
    if (!o.staticTarget) startAtHubHead(o, fleet);
    const std::size_t kiosks = fleet.kiosks.size();
    if (o.closedLoop) {
        Tally total = runClosedLoop(o, fleet);
        RunFacts facts{o.label, describe(o, kiosks), 0, o.durationS, std::min(kiosks, total.latenciesMs.size())};
        printReport(facts, total);
        return;
    }
    const std::vector<Planned> schedule = plan(o, kiosks);
    const auto start = SteadyClock::now() + std::chrono::milliseconds(200);  // threads ready before t = 0
    std::vector<Tally> tallies(static_cast<std::size_t>(o.connectionPerSync ? o.senders : o.connections));
    std::atomic<std::size_t> next{0};
    Lingering lingering(o.lingerS);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < tallies.size(); ++t) {
        const int c = static_cast<int>(t);
        threads.emplace_back([&, c, t] {
            if (o.connectionPerSync) {
                freshConnectionSender(next, schedule, start, fleet, o, lingering, tallies[t]);
            } else {
                sharedConnectionSender(c, schedule, start, fleet, o, tallies[t]);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    Tally total;
    for (auto& tally : tallies) total.merge(std::move(tally));
    RunFacts facts{o.label, describe(o, kiosks), static_cast<double>(kiosks) / o.periodS,
                   std::max(o.durationS, Seconds(SteadyClock::now() - start).count()), 0};
    std::set<std::size_t> due;
    for (const Planned& p : schedule) due.insert(p.kiosk);
    facts.kiosksDue = due.size();
    printReport(facts, total);
}

void probeReply(const LoadOptions& o, Fleet& fleet, const std::string& out) {
    auto client = connect(o);
    SimKiosk& kiosk = fleet.kiosks.back();
    const SyncBatch batch = makeBatch(kiosk, kNoEvents);
    const auto result = client->Post("/api/v1/sync", {{"Authorization", "Bearer " + kiosk.token}}, batch.body,
                                     "application/json");
    if (!result || result->status != 200) throw std::runtime_error("probe sync failed");
    // The runs read only the answer's head: it must say what the whole decoding says.
    const SyncResponse whole = decodeSyncResponse(result->body);
    const SyncReplyHead head = readSyncReplyHead(result->body);
    if (head.cursor != whole.cursor || head.epoch != whole.epoch || head.more != whole.more) {
        throw std::runtime_error("the answer's head reads otherwise than its whole decoding");
    }
    std::ofstream(out) << result->body;
    std::printf("%zu\n", result->body.size());
}

}  // namespace cowork::bench
