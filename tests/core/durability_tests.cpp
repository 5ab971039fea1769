// A child process checks people in while the parent kills it with SIGKILL at a
// point that moves forward run after run (as SQLite tests its own crash safety).
// Every check-in whose commit had returned must be in the file, whole.
#include <catch2/catch.hpp>

#include <csignal>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

#include "domain/member_code.hpp"
#include "store/member_reads.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

namespace {

constexpr int kCheckIns = 1000;
constexpr std::size_t kIdLength = 36;

// One sign-up: the member and their first visit, one user action, one transaction.
[[noreturn]] void checkInUntilKilled(const std::string& path, int reportFd) {
    Store kiosk(path);
    for (int i = 0; i < kCheckIns; ++i) {
        const TimeMs now = systemNowMs();
        const std::string memberId = newUuid7(now);
        Member member = cowork::testing::sampleMember(memberId, generateMemberCode([&](const std::string& code) { return isMemberCodeTaken(kiosk.db(), code); }));
        const Event registered = kiosk.makeEvent(MemberRegistered{member}, now);
        const Event started = kiosk.makeEvent(
            VisitStarted{newUuid7(now), "fleurie-boulangerie", "fleurie-boulangerie/1", memberId, now}, now);
        kiosk.recordLocal({registered, started}, now);
        // Reported only once the commit has returned: these must survive.
        if (write(reportFd, started.id.data(), kIdLength) != static_cast<ssize_t>(kIdLength)) _exit(3);
    }
    _exit(0);
}

std::int64_t countRows(Database& db, const char* sql) {
    Statement& row = db.prepare(sql);
    row.step();
    const std::int64_t n = row.columnInt(0);
    row.reset();
    return n;
}

}  // namespace

TEST_CASE("a store killed in the middle of 1,000 check-ins keeps every committed one", "[durability]") {
    TempDir dir;
    // Kill points move forward from the first commits to the last ones.
    for (const int killAfter : {1, 50, 200, 450, 700, 950, 999}) {
        DYNAMIC_SECTION("killed after " << killAfter << " reported commits") {
            const std::string path = dir.file("kiosk-" + std::to_string(killAfter) + ".db");
            int fds[2];
            REQUIRE(pipe(fds) == 0);
            const pid_t child = fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                close(fds[0]);
                checkInUntilKilled(path, fds[1]);
            }
            close(fds[1]);
            std::set<std::string> committed;
            char buffer[kIdLength];
            while (static_cast<int>(committed.size()) < killAfter &&
                   read(fds[0], buffer, kIdLength) == static_cast<ssize_t>(kIdLength)) {
                committed.insert(std::string(buffer, kIdLength));
            }
            kill(child, SIGKILL);
            while (read(fds[0], buffer, kIdLength) == static_cast<ssize_t>(kIdLength)) {
                committed.insert(std::string(buffer, kIdLength));
            }
            close(fds[0]);
            int status = 0;
            waitpid(child, &status, 0);
            INFO("child status " << status);
            REQUIRE(static_cast<int>(committed.size()) >= killAfter);

            Store store(path);
            REQUIRE(store.db().integrityOk());
            for (const std::string& visitId : committed) {
                INFO("visit " << visitId);
                REQUIRE(store.findEvent(visitId).has_value());
            }
            // Whole actions only: every member has their visit, and all are queued.
            const auto members = countRows(store.db(), "SELECT count(*) FROM members");
            CHECK(countRows(store.db(), "SELECT count(*) FROM visits") == members);
            CHECK(store.eventCount() == 2 * members);
            CHECK(static_cast<std::int64_t>(store.outboxDepth()) == store.eventCount());
            CHECK(members >= static_cast<std::int64_t>(committed.size()));
        }
    }
}

namespace {

int synchronousLevel(Database& db) {
    Statement& row = db.prepare("PRAGMA synchronous");
    REQUIRE(row.step());
    const int level = static_cast<int>(row.columnInt(0));
    row.reset();
    return level;
}

}  // namespace

TEST_CASE("a commit that need not wait for the disk waits again once its scope ends, even on an error", "[store][durability]") {
    TempDir dir;
    Store store(dir.file("kiosk.db"));
    CHECK(synchronousLevel(store.db()) == 2);  // FULL: every commit waits for the disk
    {
        CommitWithoutWaitingForDisk reportOnly(store.db());
        CHECK(synchronousLevel(store.db()) == 1);  // NORMAL
    }
    CHECK(synchronousLevel(store.db()) == 2);
    try {
        CommitWithoutWaitingForDisk reportOnly(store.db());
        throw std::runtime_error("refusé");
    } catch (const std::runtime_error&) {
    }
    CHECK(synchronousLevel(store.db()) == 2);
}
