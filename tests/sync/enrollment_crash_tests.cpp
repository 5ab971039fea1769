// Enrollment is one write in the kiosk's store: the hub's answer (token, device
// id, site, pins) and the site the screens show commit together or not at all.
#include <catch2/catch.hpp>

#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;

TEST_CASE("a power cut while an enrollment is saved leaves the kiosk enrolled for its site, or not enrolled", "[sync][crash]") {
    RunningHub hub;
    TestKiosk kiosk;
    // The cut comes once the hub's answer is being kept, before the site the screens read is.
    cowork::testing::failWritesTo(kiosk.store().db(), "meta", "NEW.key = 'kiosk.site_id'");
    CHECK_THROWS(kiosk.enroll(hub, "fleurie-boulangerie"));
    kiosk.store().db().exec("DROP TRIGGER temp.power_cut_meta_INSERT; DROP TRIGGER temp.power_cut_meta_UPDATE");

    const bool enrolled = loadEnrollment(kiosk.store()).has_value();
    CHECK(enrolled == kiosk.store().meta("kiosk.site_id").has_value());
    CHECK_FALSE(enrolled);  // nothing committed before the cut
    // The spent code is refused and forgotten: the first-start screen asks for a new one.
    CHECK(kiosk::enrollPending(kiosk.store(), testTimeouts(), "Comptoir", systemNowMs()).problem == kiosk::SyncProblem::WrongCode);
    CHECK(kiosk.enroll(hub, "fleurie-boulangerie").ok());
    CHECK(kiosk.store().meta("kiosk.site_id") == "fleurie-boulangerie");
}
