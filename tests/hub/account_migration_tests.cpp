// The accounts migration: a hub of the previous version keeps its coordinators
// (now coordinator users) and their open sessions.
#include <catch2/catch.hpp>

#include "security/secrets.hpp"
#include "storage/hub_schema.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "store/sqlite_db.hpp"
#include "test_support.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

// The hub schema's version before the accounts' step (10), which later steps follow.
constexpr int kBeforeAccounts = 9;

// Takes a new hub file back to the schema before accounts, with one
// coordinator and one open session of theirs, as the previous version kept them.
void backToCoordinatorsOnly(const std::string& path, const std::string& passwordHash, const std::string& sessionToken) {
    Database db(path);
    db.exec(R"sql(
DROP INDEX hub_sessions_by_user;
ALTER TABLE hub_sessions DROP COLUMN user_id;
DROP TABLE hub_invitations; DROP TABLE hub_user_sites; DROP TABLE hub_users;
DROP TABLE hub_message_handled;
DROP TABLE hub_figures_sync; DROP TABLE hub_figures_frozen;
CREATE TABLE hub_coordinators (email TEXT PRIMARY KEY, password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
)sql");
    db.prepare("UPDATE meta SET value = ?1 WHERE key = 'hub_schema'").bind(1, std::to_string(kBeforeAccounts)).run();
    db.prepare("INSERT INTO hub_coordinators VALUES('coord@ccsb.example', ?1, 1000)").bind(1, passwordHash).run();
    db.prepare("INSERT INTO hub_sessions(token_hash, email, expires_at, csrf_token, last_used_at) "
               "VALUES(?1, 'coord@ccsb.example', ?2, 'csrf', ?3)")
        .bind(1, sha256Hex(sessionToken))
        .bind(2, systemNowMs() + kHourMs)
        .bind(3, systemNowMs())
        .run();
}

}  // namespace

TEST_CASE("coordinators of the previous version become coordinator users and stay signed in", "[hub][accounts][migration]") {
    cowork::testing::TempDir dir;
    const std::string path = dir.file("hub.db");
    { SqliteHubStorage created(path); }
    const std::string hash = hashPassword("un mot de passe solide");
    backToCoordinatorsOnly(path, hash, "jeton-de-session");

    SqliteHubStorage storage(path);
    const auto account = storage.userWithEmail("coord@ccsb.example");
    REQUIRE(account);
    CHECK(account->role == Role::Coordinator);
    CHECK(account->hasPassword);
    CHECK(account->createdAt == 1000);
    CHECK(storage.coordinatorPasswordHash("coord@ccsb.example") == hash);
    const auto session = storage.touchSession("jeton-de-session", systemNowMs(), systemNowMs() - kHourMs);
    REQUIRE(session);
    CHECK(session->userId == account->id);
}
