// A kiosk applies the link period by its own (hub-corrected) clock at start and
// on its minute tick, so that a kiosk left offline keeps no link too long.
#include <catch2/catch.hpp>

#include "i18n/catalog.hpp"
#include "kiosk_harness.hpp"

using namespace cowork;
using namespace cowork::kiosk;

namespace {

std::string linkedVisit(Store& store, TimeMs at) {
    const std::string visit = newUuid7(at);
    store.recordLocal({store.makeEvent(VisitStarted{visit, "fleurie-boulangerie", "fleurie-boulangerie/fenetre",
                                                    std::string("m-zoe"), at}, at)}, at);
    return visit;
}

bool linked(Store& store, const std::string& visit) {
    Statement& row = store.db().prepare(
        "SELECT (SELECT count(*) FROM visits WHERE id = ?1 AND member_id IS NOT NULL) + "
        "(SELECT count(*) FROM events WHERE kind = 'visit.started' AND json_extract(payload, '$.visit_id') = ?1 "
        "AND json_extract(payload, '$.member_id') IS NOT NULL)");
    row.bind(1, visit);
    row.step();
    const bool any = row.columnInt(0) > 0;
    row.reset();
    return any;
}

}  // namespace

TEST_CASE("a kiosk offline removes old links at start and on its minute tick", "[privacy]") {
    kiosk::testing::KioskHarness h;
    const TimeMs now = h.clock().now();
    const std::string fourMonthsOld = linkedVisit(h.store(), monthsBefore(now, 4));
    const std::string almostThree = linkedVisit(h.store(), monthsBefore(now, 3) + 2 * kMinuteMs);

    KioskApp restarted(h.store(), Catalog::load(kiosk::testing::assetsDir() + "/i18n"), h.clock().clock(), h.monotonicClock().clock());
    CHECK_FALSE(linked(h.store(), fourMonthsOld));
    CHECK(linked(h.store(), almostThree));

    h.advance(3 * kMinuteMs);
    h.frames(1);
    CHECK_FALSE(linked(h.store(), almostThree));
}
