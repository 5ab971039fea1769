// Full flows through the real screens: taps by label on the on-screen keyboard
// and keypads, assertions on the store and the UI state.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "events/uuid7.hpp"
#include "kiosk_harness.hpp"
#include "store/kiosk_reads.hpp"
#include "store/member_reads.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::KioskHarness;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";
constexpr const char* kWindowPlace = "fleurie-boulangerie/fenetre";

std::int64_t countRows(Store& store, const char* table) {
    Statement& row = store.db().prepare(std::string("SELECT count(*) FROM ") + table);
    row.step();
    const auto n = row.columnInt(0);
    row.reset();
    return n;
}

Member registerZoe(KioskHarness& h) {
    SignUpDraft draft;
    draft.firstName = "Zoé";
    draft.consent = true;
    const auto member = KioskActions(h.store(), kSite).registerMember(draft, h.clock().now());
    REQUIRE(member);
    h.app().reload();
    h.frames(1);
    return *member;
}

void openShopkeeperPin(KioskHarness& h) {
    h.holdAt(20, 20, 2100);  // the top-left corner, two seconds
    REQUIRE(h.screen() == Screen::ShopkeeperPin);
}

}  // namespace

TEST_CASE("a first-time visitor signs up typing an accented name on the on-screen keyboard, then checks in", "[flow]") {
    KioskHarness h;
    REQUIRE(h.screen() == Screen::Home);
    h.tap(h.text("home.check_in"));
    REQUIRE(h.screen() == Screen::CheckInCode);
    h.tap(h.text("checkin.first_visit"));
    REQUIRE(h.screen() == Screen::SignUp);

    h.typeOnKeyboard("Zoé-Anaïs");
    CHECK(h.ui().signUp.firstName == "Zoé-Anaïs");
    h.tap("⌫");
    CHECK(h.ui().signUp.firstName == "Zoé-Anaï");  // a whole accented letter less
    h.typeOnKeyboard("s");
    h.tap(h.text("signup.next"));
    REQUIRE(h.ui().signUp.step == SignUpStep::Reach);

    h.typeOnKeyboard("zoe.m@exemple.fr");
    h.tap(h.text("signup.next"));
    REQUIRE(h.ui().signUp.step == SignUpStep::Commune);
    h.tap("Fleurie");
    h.tap(h.text("signup.next"));
    REQUIRE(h.ui().signUp.step == SignUpStep::Consent);

    CHECK_FALSE(h.widget(h.text("signup.create"))->enabled);  // no consent, no code
    h.tap(h.text("signup.consent_ask"));
    h.tap(h.text("signup.create"));
    REQUIRE(h.screen() == Screen::NewMemberCode);

    const std::string code = h.ui().newMemberCode;
    CHECK(checkMemberCode(code) == MemberCodeCheck::Valid);
    const auto member = findMemberByCode(h.store().db(), code);
    REQUIRE(member);
    CHECK(member->firstName == "Zoé-Anaïs");
    CHECK(member->email == "zoe.m@exemple.fr");
    CHECK(member->commune == "Fleurie");
    CHECK(member->consentAt > 0);
    CHECK(member->consentAt <= h.clock().now());
    CHECK(h.ui().signUp.firstName.empty());  // saved: the draft is gone

    h.tap(h.text("newcode.continue"));
    REQUIRE(h.screen() == Screen::PickPlace);
    h.tap("Table fenêtre");
    REQUIRE(h.screen() == Screen::CheckInDone);
    const auto visit = findOpenVisitOfMember(h.store().db(), kSite, member->id);
    REQUIRE(visit);
    CHECK(visit->placeId == kWindowPlace);
    CHECK(h.store().outboxDepth() >= 2);  // registration and visit, waiting for the hub
}

TEST_CASE("an anonymous check-in counts a visit and stores nothing personal", "[flow]") {
    KioskHarness h;
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.anonymous"));
    REQUIRE(h.screen() == Screen::PickPlace);
    h.tap("Comptoir du fond");
    REQUIRE(h.screen() == Screen::CheckInDone);
    const auto open = loadOpenVisits(h.store().db(), kSite);
    REQUIRE(open.size() == 1);
    CHECK_FALSE(open[0].memberId.has_value());
    CHECK(countRows(h.store(), "members") == 0);

    // The done screen goes back by itself; the place shows taken.
    h.advance(kDoneScreenMs);
    h.frames(1);
    CHECK(h.screen() == Screen::Home);
}

TEST_CASE("a member checks in with their code and checks out with it, another leaves by tapping the place", "[flow]") {
    KioskHarness h;
    const Member zoe = registerZoe(h);

    h.tap(h.text("home.check_in"));
    h.typeOnKeypad(zoe.code);  // the sixth character submits
    REQUIRE(h.screen() == Screen::PickPlace);
    CHECK(h.ui().greetingName == "Zoé");
    h.tap("Table fenêtre");
    REQUIRE(h.screen() == Screen::CheckInDone);
    h.tap(h.text("done.back_home"));

    // Typing the code again while checked in says so, and records nothing.
    const auto events = h.store().eventCount();
    h.tap(h.text("home.check_in"));
    h.typeOnKeypad(zoe.code);
    CHECK(h.screen() == Screen::CheckInCode);
    CHECK(h.ui().errorKey == "checkin.already_here");
    CHECK(h.store().eventCount() == events);
    h.tap(h.text("nav.home"));

    h.tap(h.text("home.check_out"));
    REQUIRE(h.screen() == Screen::CheckOut);
    h.tap(h.text("checkout.type_code"));
    h.typeOnKeypad(zoe.code);
    REQUIRE(h.screen() == Screen::CheckOutDone);
    CHECK_FALSE(findOpenVisitOfMember(h.store().db(), kSite, zoe.id));
    const auto visits = loadVisitsStartedBetween(h.store().db(), kSite, 0, h.clock().now() + 1);
    REQUIRE(visits.size() == 1);
    CHECK(visits[0].endedHow == VisitEnd::ByMember);

    h.tap(h.text("done.back_home"));
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.anonymous"));
    h.tap("Comptoir du fond");
    h.tap(h.text("done.back_home"));
    h.tap(h.text("home.check_out"));
    h.tap("Comptoir du fond");
    REQUIRE(h.screen() == Screen::CheckOutDone);
    CHECK(loadOpenVisits(h.store().db(), kSite).empty());
}

TEST_CASE("a mistyped member code is refused with a message and nothing recorded", "[flow]") {
    KioskHarness h;
    const Member zoe = registerZoe(h);
    std::string wrong = zoe.code;
    wrong[5] = wrong[5] == 'A' ? 'B' : 'A';
    const auto events = h.store().eventCount();
    h.tap(h.text("home.check_in"));
    h.typeOnKeypad(wrong);
    CHECK(h.screen() == Screen::CheckInCode);
    CHECK(h.ui().errorKey == "code.invalid");
    CHECK(h.store().eventCount() == events);
}

TEST_CASE("visits still open at closing time are closed automatically and marked so", "[flow]") {
    KioskHarness h;
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.anonymous"));
    h.tap("Table fenêtre");
    h.tap(h.text("done.back_home"));
    REQUIRE(loadOpenVisits(h.store().db(), kSite).size() == 1);

    const TimeMs closing = parisLocalToUtc({2026, 12, 1}, 13 * 60);
    h.clock().set(closing + 30'000);
    h.frames(2);
    CHECK(loadOpenVisits(h.store().db(), kSite).empty());
    const auto visits = loadVisitsStartedBetween(h.store().db(), kSite, 0, closing);
    REQUIRE(visits.size() == 1);
    CHECK(visits[0].endedAt == closing);
    CHECK(visits[0].endedHow == VisitEnd::AtClosing);
    CHECK_FALSE(h.app().view().status.open);
    CHECK_FALSE(h.widget(h.text("home.check_in"))->enabled);
}

TEST_CASE("the shopkeeper's PIN: set on first use in the demo, five wrong tries lock it, the lock doubles", "[flow][pin]") {
    KioskHarness h;
    openShopkeeperPin(h);
    h.typeOnKeypad("246810");
    h.tap(h.text("pin.submit"));
    REQUIRE(h.screen() == Screen::Shopkeeper);
    h.tap(h.text("nav.home"));

    openShopkeeperPin(h);
    for (int i = 0; i < 5; ++i) {
        h.typeOnKeypad("111111");
        h.tap(h.text("pin.submit"));
    }
    CHECK(h.screen() == Screen::ShopkeeperPin);
    CHECK(isLocked(h.app().view().pinLock, h.clock().now()));
    h.typeOnKeypad("246810");
    h.tap(h.text("pin.submit"));
    CHECK(h.screen() == Screen::ShopkeeperPin);  // the right PIN is refused while locked

    h.advance(5 * kMinuteMs);
    h.frames(1);
    openShopkeeperPin(h);
    h.typeOnKeypad("246810");
    h.tap(h.text("pin.submit"));
    CHECK(h.screen() == Screen::Shopkeeper);

    // A shopkeeper who walks away: the mode leaves by itself after 60 s.
    h.advance(kInactivityMs);
    h.frames(1);
    CHECK(h.screen() == Screen::Home);

    openShopkeeperPin(h);
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 5; ++i) {
            h.typeOnKeypad("999999");
            h.tap(h.text("pin.submit"));
        }
        if (round == 0) {
            h.advance(5 * kMinuteMs);
            h.frames(1);
            openShopkeeperPin(h);
        }
    }
    const PinLock lock = PinStore(h.store(), kSite).lock();
    CHECK(lock.lockouts == 2);
    CHECK(lock.lockedUntil - h.clock().now() > 9 * kMinuteMs);  // the second lock lasts 10 minutes
}

TEST_CASE("the shopkeeper puts a place out of service, marks the site full and forces a check-out", "[flow]") {
    KioskHarness h;
    PinStore(h.store(), "fleurie-boulangerie").setPin("246810", h.clock().now());
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.anonymous"));
    h.tap("Table fenêtre");
    h.tap(h.text("done.back_home"));

    openShopkeeperPin(h);
    h.typeOnKeypad("246810");
    h.tap(h.text("pin.submit"));
    REQUIRE(h.screen() == Screen::Shopkeeper);
    h.tap(h.text("shop.out_of_service"));  // the first place: Comptoir du fond
    CHECK_FALSE(h.app().view().place("fleurie-boulangerie/comptoir")->place.inService);
    h.tap(h.text("shop.force_checkout"));  // the only enabled one is the taken place
    CHECK(loadOpenVisits(h.store().db(), kSite).empty());
    h.tap(h.text("shop.mark_full"));
    CHECK(h.app().view().status.full);
    CHECK(h.app().view().status.reason == "Complet");

    // Closing for the holidays: visitors read why, on Home.
    h.tap("Congés");
    h.tap(h.text("shop.close_now"));
    CHECK_FALSE(h.app().view().status.open);
    CHECK(h.app().view().status.reason == "Congés");
    h.tap(h.text("nav.home"));
    CHECK(h.screen() == Screen::Home);
    CHECK_FALSE(h.widget(h.text("home.check_in"))->enabled);
}

TEST_CASE("60 s without a touch in the middle of a sign-up returns Home and saves nothing", "[flow]") {
    KioskHarness h;
    const auto events = h.store().eventCount();
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.first_visit"));
    h.typeOnKeyboard("Hélène");
    h.tap(h.text("signup.next"));
    h.typeOnKeyboard("06 12");
    REQUIRE(h.ui().signUp.firstName == "Hélène");

    h.advance(kInactivityMs - 1000);
    h.frames(1);
    CHECK(h.screen() == Screen::SignUp);  // 59 s: still there
    h.advance(1000);
    h.frames(1);
    CHECK(h.screen() == Screen::Home);
    CHECK(h.ui().signUp.firstName.empty());
    CHECK(h.ui().signUp.reach.empty());
    CHECK(h.store().eventCount() == events);
    CHECK(countRows(h.store(), "members") == 0);
}

TEST_CASE("English is one tap away, and the next person gets French again", "[flow][i18n]") {
    KioskHarness h;
    h.tap("English");
    CHECK(h.sees("Check in"));
    h.tap("Check in");
    CHECK(h.sees("Just today, no sign-up"));
    h.advance(kInactivityMs);
    h.frames(2);
    CHECK(h.screen() == Screen::Home);
    CHECK(h.sees("Je m’installe"));
}

TEST_CASE("a mouse click works like a tap", "[flow][touch]") {
    KioskHarness h;
    const auto* button = h.widget(h.text("home.network"));
    REQUIRE(button);
    h.clickAt(button->center().x, button->center().y);
    CHECK(h.screen() == Screen::Network);
}

TEST_CASE("dragging the network list scrolls it without opening the site under the finger", "[flow][touch]") {
    KioskHarness h;
    h.tap(h.text("home.network"));
    REQUIRE(h.screen() == Screen::Network);
    const auto* first = h.widget("Mini-cowork de la boulangerie");
    REQUIRE(first);
    const float yBefore = first->min.y;
    h.drag(400, 400, 400, 150, 10, 16);
    h.frames(30);  // the glide
    CHECK(h.screen() == Screen::Network);
    const auto* after = h.widget("Mini-cowork de la boulangerie");
    REQUIRE(after);
    CHECK(after->min.y < yBefore - 200);

    // A tap after the scroll opens the site under the finger.
    const auto* target = h.widget("Tiers-lieu de Beaujeu");
    REQUIRE(target);
    h.tap("Tiers-lieu de Beaujeu");
    CHECK(h.screen() == Screen::SiteDetail);
    CHECK(h.ui().siteDetailId == "beaujeu-tiers-lieu");
}

TEST_CASE("a member sends a message to the animator, it waits in the outbox", "[flow]") {
    KioskHarness h;
    h.tap(h.text("home.contact"));
    REQUIRE(h.screen() == Screen::Contact);
    h.tap(h.text("contact.write"));
    h.typeOnKeyboard("clé wifi ?");
    h.tap(h.text("contact.send"));
    const auto messages = loadRecentMessages(h.store().db(), kSite, 5);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].text == "clé wifi ?");
    CHECK(messages[0].state == DeliveryState::Pending);
    CHECK(h.ui().contact.text.empty());
    CHECK(h.screen() == Screen::Contact);  // where its state shows: en attente
}

TEST_CASE("a kiosk with no site shows the first-start screen", "[flow]") {
    cowork::kiosk::testing::HarnessOptions options;
    options.demo = false;
    KioskHarness h(options);
    CHECK(h.screen() == Screen::FirstStart);
    h.typeOnKeyboard("https://hub.ccsb.fr:8443");
    h.tap("##enroll-code");
    h.typeOnKeyboard("x7");
    h.tap(h.text("first.save"));
    CHECK(h.store().meta(meta::kHubAddress) == "https://hub.ccsb.fr:8443");
    CHECK(h.store().meta(meta::kEnrollmentCode) == "x7");
}

TEST_CASE("on the corpoworking site, sign-up offers its partner employers", "[flow]") {
    cowork::kiosk::testing::HarnessOptions options;
    options.demoSite = "lybertec-corpoworking";
    KioskHarness h(options);
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.first_visit"));
    h.typeOnKeyboard("Maël");
    h.tap(h.text("signup.next"));
    h.tap(h.text("signup.skip"));
    REQUIRE(h.ui().signUp.step == SignUpStep::Employer);
    h.tap("Entreprise partenaire B");
    h.tap(h.text("signup.next"));
    REQUIRE(h.ui().signUp.step == SignUpStep::Commune);
    h.tap(h.text("signup.skip"));
    h.tap(h.text("signup.consent_ask"));
    h.tap(h.text("signup.create"));
    REQUIRE(h.screen() == Screen::NewMemberCode);
    const auto member = findMemberByCode(h.store().db(), h.ui().newMemberCode);
    REQUIRE(member);
    CHECK(member->firstName == "Maël");
    CHECK(member->employer == "Entreprise partenaire B");
    CHECK_FALSE(member->commune.has_value());
    CHECK_FALSE(member->email.has_value());
}

TEST_CASE("the PIN set at the counter is a site event for the hub, and a coordinator's reset replaces it", "[pin]") {
    KioskHarness h;
    PinStore pins(h.store(), kSite);
    CHECK(pins.check("246810", h.clock().now()) == PinCheck::NoPin);  // checking never sets one
    pins.setPin("246810", h.clock().now());
    const auto queued = h.store().outbox(100);
    REQUIRE_FALSE(queued.empty());
    const auto* set = std::get_if<ShopkeeperPinSet>(&queued.back().payload);
    REQUIRE(set);
    CHECK(set->siteId == kSite);
    CHECK(set->pinHash.rfind("$argon2id$", 0) == 0);

    // The coordinator resets it on the hub; the kiosk receives the new hash.
    Event reset{newUuid7(h.clock().now()), "hub", HlcStamp{queued.back().stamp.packed + (1 << 16)},
                ShopkeeperPinSet{kSite, hashPin("135790")}};
    h.store().applyReceived({reset}, h.clock().now());
    CHECK(pins.check("246810", h.clock().now()) == PinCheck::Wrong);
    CHECK(pins.check("135790", h.clock().now()) == PinCheck::Accepted);
}

TEST_CASE("a coordinator's PIN reset lifts the lock the old PIN's wrong tries set", "[pin]") {
    KioskHarness h;
    PinStore pins(h.store(), kSite);
    pins.setPin("246810", h.clock().now());
    for (int i = 0; i < kTriesBeforeLock; ++i) pins.check("000000", h.clock().now());
    REQUIRE(pins.check("246810", h.clock().now()) == PinCheck::Locked);

    Event reset{newUuid7(h.clock().now()), "hub", HlcStamp{h.store().outbox(100).back().stamp.packed + (1 << 16)},
                ShopkeeperPinSet{kSite, hashPin("135790")}};
    h.store().applyReceived({reset}, h.clock().now());
    CHECK(pins.lock() == PinLock{});
    CHECK(pins.check("135790", h.clock().now()) == PinCheck::Accepted);
}

TEST_CASE("a code this kiosk does not know checks in provisionally, and the hub's answer shows", "[flow][sync]") {
    KioskHarness h;
    const std::string code = std::string("K7M4X") + memberCodeCheckCharacter("K7M4X");

    SECTION("a demo kiosk has no hub to ask") {
        h.tap(h.text("home.check_in"));
        h.typeOnKeypad(code);
        CHECK(h.screen() == Screen::CheckInCode);
        CHECK(h.ui().errorKey == "code.unknown");
    }
    SECTION("an enrolled kiosk, offline") {
        h.store().db().prepare("DELETE FROM meta WHERE key = 'kiosk.demo'").run();
        h.store().setMeta("sync.hub_url", "https://hub.ccsb.example:8443");
        h.store().setMeta("sync.token", "jeton");
        h.store().setMeta("sync.site_id", kSite);
        h.app().reload();

        h.tap(h.text("home.check_in"));
        h.typeOnKeypad(code);
        REQUIRE(h.screen() == Screen::PickPlace);
        CHECK(h.ui().greetingName.empty());
        h.tap("Table fenêtre");
        REQUIRE(h.screen() == Screen::CheckInDone);
        auto visits = loadVisitsStartedBetween(h.store().db(), kSite, 0, h.clock().now() + 1);
        REQUIRE(visits.size() == 1);
        CHECK(visits[0].memberCode == code);
        CHECK_FALSE(visits[0].memberId.has_value());
        CHECK_FALSE(visits[0].codeResolved);

        // The hub knows the code (a member registered at another site) and says so.
        h.store().db().prepare("INSERT INTO member_directory(member_id, code, first_name) VALUES('m-ailleurs', ?1, 'Inès')")
            .bind(1, code).run();
        const Event resolved{newUuid7(h.clock().now()), "hub", HlcStamp::of(h.clock().now() + 1000, 0),
                             VisitMemberResolved{visits[0].id, kSite, std::string("m-ailleurs"), code}};
        h.store().applyReceived({resolved}, h.clock().now());
        h.app().reload();
        visits = loadVisitsStartedBetween(h.store().db(), kSite, 0, h.clock().now() + 1);
        CHECK(visits[0].memberId == "m-ailleurs");
        CHECK(visits[0].codeResolved);
        CHECK(h.app().view().firstNames.at("m-ailleurs") == "Inès");

        // Now known here: the same code checks out by name.
        h.tap(h.text("done.back_home"));
        h.tap(h.text("home.check_out"));
        h.tap(h.text("checkout.type_code"));
        h.typeOnKeypad(code);
        REQUIRE(h.screen() == Screen::CheckOutDone);
        CHECK(h.ui().greetingName == "Inès");
        CHECK(loadOpenVisits(h.store().db(), kSite).empty());
    }
}

TEST_CASE("a code checked in offline and learnt from the directory later is still one visit, left by the code", "[flow][sync]") {
    KioskHarness h;
    const std::string code = std::string("K7M4X") + memberCodeCheckCharacter("K7M4X");
    h.store().db().prepare("DELETE FROM meta WHERE key = 'kiosk.demo'").run();
    h.store().setMeta("sync.token", "jeton");
    h.store().setMeta("sync.hub_url", "https://hub.ccsb.example:8443");
    h.store().setMeta("sync.site_id", kSite);
    h.app().reload();
    h.tap(h.text("home.check_in"));
    h.typeOnKeypad(code);
    h.tap("Table fenêtre");
    REQUIRE(h.screen() == Screen::CheckInDone);
    h.tap(h.text("done.back_home"));

    // The directory learns whose code it is; the hub has not resolved this visit.
    h.store().db().prepare("INSERT INTO member_directory(member_id, code, first_name) VALUES('m-ailleurs', ?1, 'Inès')")
        .bind(1, code).run();
    h.app().reload();
    const auto events = h.store().eventCount();
    h.tap(h.text("home.check_in"));
    h.typeOnKeypad(code);
    CHECK(h.ui().errorKey == "checkin.already_here");
    CHECK(h.store().eventCount() == events);
    h.tap(h.text("nav.home"));
    h.tap(h.text("home.check_out"));
    h.tap(h.text("checkout.type_code"));
    h.typeOnKeypad(code);
    REQUIRE(h.screen() == Screen::CheckOutDone);
    CHECK(loadOpenVisits(h.store().db(), kSite).empty());
}
