#include <catch2/catch.hpp>

#include "events/event_codec.hpp"
#include "store/migrations.hpp"
#include "store/projector.hpp"
#include "store/state_dump.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;

std::vector<std::string> tableNames(Database& db) {
    std::vector<std::string> names;
    Statement& row = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (row.step()) names.push_back(row.columnText(0));
    return names;
}

}  // namespace

TEST_CASE("an empty file is brought to the latest schema", "[migrations]") {
    TempDir dir;
    {
        Store store(dir.file("new.db"));
    }
    Database db(dir.file("new.db"));
    CHECK(db.userVersion() == latestSchemaVersion());
    const auto names = tableNames(db);
    for (const char* table : {"events", "outbox", "meta", "sites", "visits", "members", "messages"}) {
        CHECK(std::find(names.begin(), names.end(), table) != names.end());
    }
}

TEST_CASE("a file at each earlier schema version migrates with its data", "[migrations]") {
    // A reference store at the latest version, to compare the migrated ones with.
    TempDir dir;
    Store source(dir.file("source.db"));
    const Event site = source.makeEvent(SiteConfigured{cowork::testing::sampleSite()}, kNow);
    const Event visit = source.makeEvent(
        VisitStarted{newUuid7(kNow), "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, kNow}, kNow);
    source.recordLocal({site, visit}, kNow);
    const Json expected = dumpProjections(source.db());

    for (int version = 1; version < latestSchemaVersion(); ++version) {
        DYNAMIC_SECTION("from version " << version) {
            const std::string path = dir.file("v" + std::to_string(version) + ".db");
            {
                // Write as that version's code did: the log and outbox (version 1 on),
                // and the sites and visits projections (version 2 on).
                Database old(path);
                migrate(old, version);
                for (const Event& event : {site, visit}) {
                    old.prepare("INSERT INTO events(id, origin, stamp, kind, payload, received_at) VALUES(?1,?2,?3,?4,?5,?6)")
                        .bind(1, event.id).bind(2, event.origin).bind(3, event.stamp.packed).bind(4, event.kind())
                        .bind(5, encodePayload(event.payload).dump()).bind(6, kNow).run();
                    old.prepare("INSERT INTO outbox(event_id, queued_at) VALUES(?1, ?2)").bind(1, event.id).bind(2, kNow).run();
                    // Today's projector writes visit columns version 5 added; the site's
                    // projection is the same in every version (older visits are rebuilt).
                    const bool sameShape = version >= 5 || std::holds_alternative<SiteConfigured>(event.payload);
                    if (version >= 2 && sameShape) applyToProjections(old, event);
                }
                REQUIRE(old.userVersion() == version);
            }
            Store migrated(path);
            CHECK(migrated.db().userVersion() == latestSchemaVersion());
            CHECK(migrated.eventCount() == 2);
            CHECK(migrated.outboxDepth() == 2);
            CHECK(dumpProjections(migrated.db()) == expected);
        }
    }
}

TEST_CASE("a file written by a newer version is refused with a clear message", "[migrations]") {
    TempDir dir;
    const std::string path = dir.file("future.db");
    {
        Store store(path);
        store.db().setUserVersion(latestSchemaVersion() + 1);
    }
    try {
        Store store(path);
        FAIL("a newer schema was opened");
    } catch (const SchemaTooNewError& e) {
        const std::string message = e.what();
        CHECK(message.find("plus récente") != std::string::npos);
        CHECK(message.find("mettez le logiciel à jour") != std::string::npos);
    }
    Database db(path);
    CHECK(db.userVersion() == latestSchemaVersion() + 1);  // untouched
}
