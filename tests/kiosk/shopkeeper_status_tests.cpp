// The shopkeeper's device status says what the sync cannot settle alone: a
// kiosk to update, a member's new code to pass on.
#include <catch2/catch.hpp>

#include "app/kiosk_actions.hpp"
#include "app/pin_guard.hpp"
#include "kiosk_harness.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::KioskHarness;

TEST_CASE("the shopkeeper's status says the kiosk needs updating and gives a member's new code", "[flow][sync]") {
    KioskHarness h;
    const TimeMs now = h.clock().now();
    h.store().db().prepare("INSERT INTO unread_events(id, kind, event, reason, received_at) VALUES('01900000-0000-7000-8000-00000000abcd', "
                           "'site.renamed', '{}', 'type d''événement inconnu', ?1)").bind(1, now).run();
    SignUpDraft draft;
    draft.firstName = "Max";
    draft.consent = true;
    const auto max = KioskActions(h.store(), "fleurie-boulangerie").registerMember(draft, now);
    REQUIRE(max);
    h.store().db().prepare("INSERT INTO member_code_changes(member_id, old_code, new_code, at) VALUES(?1, 'K7M4XA', ?2, ?3)")
        .bind(1, max->id).bind(2, max->code).bind(3, now).run();
    PinStore(h.store(), "fleurie-boulangerie").setPin("246810", now);
    h.app().reload();

    h.holdAt(20, 20, 2100);
    h.typeOnKeypad("246810");
    h.tap(h.text("pin.submit"));
    REQUIRE(h.screen() == Screen::Shopkeeper);
    h.frames(2);
    CHECK(h.app().view().sync.updateNeeded);
    REQUIRE(h.app().view().sync.codeChanges.size() == 1);
    CHECK(h.app().view().sync.codeChanges[0].firstName == "Max");
    CHECK(h.app().view().sync.codeChanges[0].newCode == max->code);

    // Two weeks on, the notice is gone.
    h.advance(15 * kDayMs);
    h.app().reload();
    CHECK(h.app().view().sync.codeChanges.empty());
}
