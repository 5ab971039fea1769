// A migration that reshapes projections and the rebuild it calls for are one
// transaction: a crash during the rebuild must not lose the need to rebuild.
#include <catch2/catch.hpp>

#include "events/event_codec.hpp"
#include "store/migrations.hpp"
#include "store/site_reads.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cowork;

TEST_CASE("a crash while projections are rebuilt after a migration rebuilds them at the next start", "[migrations][crash]") {
    cowork::testing::TempDir dir;
    const std::string path = dir.file("kiosk.db");
    constexpr TimeMs kNow = 1'780'000'000'000;
    Store source(dir.file("source.db"));
    const Event site = source.makeEvent(SiteConfigured{cowork::testing::sampleSite()}, kNow);
    {
        // A version 4 file whose log holds a site its projections do not show yet.
        Database old(path);
        migrate(old, 4);
        old.prepare("INSERT INTO events(id, origin, stamp, kind, payload, received_at) VALUES(?1,?2,?3,?4,?5,?6)")
            .bind(1, site.id).bind(2, site.origin).bind(3, site.stamp.packed).bind(4, site.kind())
            .bind(5, encodePayload(site.payload).dump()).bind(6, kNow).run();
        // The power cut: the rebuild's first projection write fails.
        old.exec("CREATE TRIGGER power_cut BEFORE INSERT ON sites BEGIN SELECT RAISE(ABORT, 'coupure de courant simulée'); END");
    }
    CHECK_THROWS(Store(path));
    Database(path).exec("DROP TRIGGER power_cut");

    Store restarted(path);
    CHECK(restarted.db().userVersion() == latestSchemaVersion());
    CHECK(loadSite(restarted.db(), "fleurie-boulangerie").has_value());
}
