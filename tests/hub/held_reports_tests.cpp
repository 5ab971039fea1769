// A sync that brings no event leaves only its kiosk's report (last seen,
// version, outbox, clock, set-aside list, sync slots): the hub holds it in
// memory and writes every kiosk's in one transaction a second, before anything
// reads them, with the next batch of events, and when it stops.
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "events/hlc.hpp"
#include "hub_test_support.hpp"
#include "import/network_file.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;
using cowork::hub::testing::kDemoNetwork;
using cowork::testing::TempDir;
using cowork::hub::testing::syncAccepted;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";

// What the file says, through a connection of its own: what another process
// (a backup, the CLI) would read.
std::optional<std::int64_t> fileSays(const std::string& databasePath, const std::string& sql) {
    Database db(databasePath);
    Statement& row = db.prepare(sql);
    if (!row.step()) return std::nullopt;
    return row.columnOptionalInt(0);
}

std::string lastSeenOf(const std::string& deviceId) {
    return "SELECT last_seen FROM hub_devices WHERE device_id = '" + deviceId + "'";
}

AuthenticatedDevice enrolledAt(SqliteHubStorage& storage, const std::string& siteId, TimeMs now) {
    const EnrollmentCode code = storage.createEnrollmentCode(siteId, now);
    const auto enrolled = std::get<EnrolledDevice>(storage.enroll(EnrollRequest{code.code, "Comptoir", "1.0.0"}, now));
    return {enrolled.deviceId, enrolled.siteId};
}

DeviceReport reportWith(std::int64_t outboxDepth, std::vector<SetAsideReport> setAside = {}) {
    DeviceReport report;
    report.appVersion = "1.4.0";
    report.outboxDepth = outboxDepth;
    report.clockOffsetMs = 42;
    report.setAside = std::move(setAside);
    return report;
}

// The writer's second would race these tests' "still held" checks.
constexpr std::chrono::hours kNoWriterDuringTest{1};

// A hub's storage alone, one kiosk enrolled at Fleurie at `at`.
struct OneKioskStorage {
    explicit OneKioskStorage(TimeMs at) : storage(file, kNoWriterDuringTest) {
        storage.importNetwork(loadNetworkFile(kDemoNetwork), at);
        device = enrolledAt(storage, kSite, at);
    }
    TempDir dir;
    const std::string file = dir.file("hub.db");
    SqliteHubStorage storage;
    AuthenticatedDevice device;
};

}  // namespace

TEST_CASE("a report without events is held, then read at once by whoever asks and written before", "[hub][reports]") {
    const TimeMs now = systemNowMs();
    OneKioskStorage hub(now);
    auto& [dir, file, storage, device] = hub;
    const SetAsideReport aside{newUuid7(now), "visit.started", "place inconnue", now - kMinuteMs};

    CHECK(storage.applyBatch(device, {}, reportWith(3, {aside}), {}, "", now + 5).empty());
    CHECK(fileSays(file, lastSeenOf(device.deviceId)) == std::optional<std::int64_t>());  // held, not yet written
    CHECK(fileSays(file, "SELECT count(*) FROM hub_set_aside") == 0);

    const std::vector<DeviceStatus> devices = storage.devices();
    REQUIRE(devices.size() == 1);
    CHECK(devices[0].lastSeen == now + 5);
    CHECK(devices[0].outboxDepth == 3);
    CHECK(devices[0].clockOffsetMs == 42);
    CHECK(devices[0].setAside == 1);
    CHECK(fileSays(file, lastSeenOf(device.deviceId)) == now + 5);
    CHECK(fileSays(file, "SELECT count(*) FROM hub_figures_sync") == 1);
}

// Its older report must not be written after the newer one that came with the
// batch: the kiosk would seem to have synced last a minute earlier.
TEST_CASE("a kiosk's held report goes with its next batch of events, never after it", "[hub][reports]") {
    const TimeMs heldAt = systemNowMs();
    const TimeMs batchAt = heldAt + kMinuteMs;
    OneKioskStorage hub(heldAt);
    auto& [dir, file, storage, device] = hub;
    storage.applyBatch(device, {}, reportWith(0), {}, "", heldAt);

    HybridLogicalClock clock;
    const Event checkIn{newUuid7(batchAt), device.deviceId, clock.tick(batchAt),
                        VisitStarted{newUuid7(batchAt), kSite, "fleurie-boulangerie/fenetre", std::nullopt, batchAt}};
    storage.applyBatch(device, {checkIn}, reportWith(1), {}, "", batchAt);
    CHECK(fileSays(file, lastSeenOf(device.deviceId)) == batchAt);
    storage.writeHeldReports();  // nothing of this kiosk's is left to write over it
    CHECK(fileSays(file, lastSeenOf(device.deviceId)) == batchAt);
    CHECK(fileSays(file, "SELECT outbox_depth FROM hub_devices") == 1);
}

TEST_CASE("when held reports cannot be written, the kiosk list still answers and they are kept", "[hub][reports]") {
    const TimeMs now = systemNowMs();
    OneKioskStorage hub(now);
    auto& [dir, file, storage, device] = hub;
    storage.applyBatch(device, {}, reportWith(2), {}, "", now);
    // As a full disk would: every write of a report fails.
    Database(file).exec("CREATE TRIGGER full_disk BEFORE UPDATE OF last_seen ON hub_devices "
                        "BEGIN SELECT RAISE(ABORT, 'disque plein'); END");

    const std::vector<DeviceStatus> stale = storage.devices();
    REQUIRE(stale.size() == 1);
    CHECK_FALSE(stale[0].lastSeen.has_value());  // what the file says

    Database(file).exec("DROP TRIGGER full_disk");
    const std::vector<DeviceStatus> written = storage.devices();
    REQUIRE(written.size() == 1);
    CHECK(written[0].lastSeen == now);
    CHECK(written[0].outboxDepth == 2);
}

TEST_CASE("held reports reach the file within about a second with no other traffic, and when the hub stops", "[hub][reports]") {
    SECTION("the writer's second") {
        RunningHub hub;
        FakeKiosk fleurie(hub, kSite);
        syncAccepted(hub, fleurie, fleurie.syncRequest({}));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!fileSays(hub.databasePath(), lastSeenOf(fleurie.deviceId())).has_value() &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        CHECK(fileSays(hub.databasePath(), lastSeenOf(fleurie.deviceId())).has_value());
    }
    SECTION("the hub's end") {
        TempDir dir;
        const std::string file = dir.file("hub.db");
        const TimeMs now = systemNowMs();
        AuthenticatedDevice device;
        {
            SqliteHubStorage storage(file, kNoWriterDuringTest);
            storage.importNetwork(loadNetworkFile(kDemoNetwork), now);
            device = enrolledAt(storage, kSite, now);
            storage.applyBatch(device, {}, reportWith(0), {}, "", now);
        }
        CHECK(fileSays(file, lastSeenOf(device.deviceId)) == now);
    }
}

TEST_CASE("a kiosk's syncs held across a quarter-hour mark both mark their slot", "[hub][reports]") {
    const TimeMs beforeMark = 1796634899500;  // 2026-12-07 10:14:59.5 in Paris: slot 40
    const TimeMs afterMark = beforeMark + 700;  // 10:15:00.2: slot 41
    OneKioskStorage hub(beforeMark);
    auto& [dir, file, storage, device] = hub;
    storage.applyBatch(device, {}, reportWith(1), {}, "", beforeMark);
    storage.applyBatch(device, {}, reportWith(0), {}, "", afterMark);
    storage.writeHeldReports();

    CHECK(fileSays(file, "SELECT low FROM hub_figures_sync") == ((std::int64_t{1} << 40) | (std::int64_t{1} << 41)));
    CHECK(fileSays(file, "SELECT outbox_depth FROM hub_devices") == 0);  // the latest report
    CHECK(fileSays(file, lastSeenOf(device.deviceId)) == afterMark);
}
