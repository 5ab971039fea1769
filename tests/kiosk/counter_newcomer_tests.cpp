// The counter as a newcomer meets it (issue 9, items 11 to 13): who may choose
// the shopkeeper's PIN, how long a first name stays on screen, and the
// sign-up's commune list and counts in words.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/pin_guard.hpp"
#include "i18n/french_collation.hpp"
#include "kiosk_harness.hpp"
#include "store/kiosk_reads.hpp"
#include "store/member_reads.hpp"
#include "sync/kiosk_sync_store.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::HarnessOptions;
using cowork::kiosk::testing::KioskHarness;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";

// What a successful enrollment leaves (the demo's events stand in for the hub's).
void enrollByHand(KioskHarness& h) {
    h.store().setMeta("sync.hub_url", "https://hub.ccsb.example:8443");
    h.store().setMeta("sync.token", "jeton");
    h.store().setMeta("sync.site_id", kSite);
    h.store().setMeta("kiosk.site_id", kSite);
    h.store().db().prepare("DELETE FROM meta WHERE key = 'enrollment.code'").run();
}

// The demo network's data, but a kiosk enrolled with a hub: what a real shop has.
void makeEnrolled(KioskHarness& h) {
    h.store().db().prepare("DELETE FROM meta WHERE key = 'kiosk.demo'").run();
    enrollByHand(h);
    h.app().reload();
    h.frames(1);
}

// A kiosk not enrolled yet, on its first-start screen.
void makeUnenrolled(KioskHarness& h) {
    h.store().db().prepare("DELETE FROM meta WHERE key IN ('kiosk.demo', 'kiosk.site_id')").run();
    h.app().reload();
    h.app().apply(intent::Home{});
    h.frames(1);
    REQUIRE(h.screen() == Screen::FirstStart);
}

void openShopkeeperPin(KioskHarness& h) {
    h.holdAt(20, 20, 2100);  // the top-left corner, two seconds
    REQUIRE(h.screen() == Screen::ShopkeeperPin);
}

void enterPin(KioskHarness& h, const std::string& pin) {
    h.typeOnKeypad(pin);
    h.tap(h.text("pin.submit"));
}

// Whether the site's PIN, as this kiosk holds it, is `pin`.
bool sitePinIs(KioskHarness& h, const std::string& pin) {
    const auto hash = loadShopkeeperPinHash(h.store().db(), kSite);
    return hash && pinMatches(*hash, pin);
}

std::size_t position(const std::vector<std::string>& list, const std::string& name) {
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), name) - list.begin());
}

}  // namespace

TEST_CASE("an enrolled kiosk without a PIN does not let whoever presses the corner choose one", "[counter][pin]") {
    KioskHarness h;
    makeEnrolled(h);
    openShopkeeperPin(h);
    CHECK_FALSE(h.app().view().pinSet);
    CHECK_FALSE(h.sees(h.text("pin.submit")));  // no keypad to choose one: the screen says whom to ask (pin.none_yet)
    CHECK_FALSE(h.sees("1"));
    // Whatever reaches the app (a stray intent, an old screen) sets nothing either.
    h.app().apply(intent::Type{"246810"});
    h.app().apply(intent::SubmitPin{});
    h.frames(1);
    CHECK(h.screen() != Screen::Shopkeeper);
    CHECK(h.ui().errorKey == "pin.none_yet");
    CHECK_FALSE(PinStore(h.store(), kSite).hasPin());
    for (const Event& queued : h.store().outbox(1000)) CHECK_FALSE(std::holds_alternative<ShopkeeperPinSet>(queued.payload));
}

TEST_CASE("the demo keeps its first-use shortcut: the first PIN typed becomes the PIN", "[counter][pin]") {
    KioskHarness h;  // --demo
    openShopkeeperPin(h);
    enterPin(h, "246810");
    CHECK(h.screen() == Screen::Shopkeeper);
    CHECK(PinStore(h.store(), kSite).hasPin());
}

TEST_CASE("right after the code is accepted, the installer chooses the shopkeeper's PIN, twice", "[counter][pin]") {
    KioskHarness h;
    makeUnenrolled(h);
    h.typeOnKeyboard("hub.ccsb.example:8443");
    h.tap("##enroll-code");
    h.typeOnKeyboard("7kq2");
    h.tap(h.text("first.save"));

    // The sync worker enrolls (here by hand) and wakes the screen.
    enrollByHand(h);
    h.app().reload();
    h.frames(1);

    REQUIRE(h.screen() == Screen::PinChange);
    REQUIRE(h.ui().pinChange.step == PinStep::New);
    enterPin(h, "482915");
    REQUIRE(h.ui().pinChange.step == PinStep::Confirm);
    enterPin(h, "482916");  // a slip: both must match
    CHECK(h.ui().errorKey == "pin.mismatch");
    CHECK_FALSE(PinStore(h.store(), kSite).hasPin());
    REQUIRE(h.ui().pinChange.step == PinStep::New);
    enterPin(h, "482915");
    enterPin(h, "482915");
    CHECK(h.screen() == Screen::Home);
    CHECK(sitePinIs(h, "482915"));
    // An event for the hub, which gives it to the site's other kiosks and to the coordinator's reset.
    const auto queued = h.store().outbox(1000);
    REQUIRE_FALSE(queued.empty());
    CHECK(std::holds_alternative<ShopkeeperPinSet>(queued.back().payload));
}

TEST_CASE("an installer who walked away: the PIN step is not offered to the next person", "[counter][pin]") {
    KioskHarness h;
    makeUnenrolled(h);
    h.typeOnKeyboard("hub.ccsb.example");
    h.tap("##enroll-code");
    h.typeOnKeyboard("7kq2");
    h.tap(h.text("first.save"));
    h.advance(kInactivityMs + 1000);  // the hub answered late, nobody touched the screen meanwhile
    enrollByHand(h);
    h.app().reload();
    h.frames(1);
    CHECK(h.screen() == Screen::Home);
    CHECK_FALSE(PinStore(h.store(), kSite).hasPin());
}

TEST_CASE("the shopkeeper changes the PIN by typing the current one, then the new one twice", "[counter][pin]") {
    KioskHarness h;
    makeEnrolled(h);
    PinStore(h.store(), kSite).setPin("246810", h.clock().now());
    h.app().reload();
    openShopkeeperPin(h);
    enterPin(h, "246810");
    REQUIRE(h.screen() == Screen::Shopkeeper);
    for (int i = 0; i < 3; ++i) h.drag(400, 420, 400, 80, 8, 30);  // the button is at the bottom of the list
    h.frames(2);
    h.tap(h.text("shop.change_pin"));
    REQUIRE(h.screen() == Screen::PinChange);
    REQUIRE(h.ui().pinChange.step == PinStep::Current);
    enterPin(h, "111111");
    CHECK(h.ui().errorKey == "pin.wrong");  // counted like any wrong try
    CHECK(PinStore(h.store(), kSite).lock().failures == 1);
    enterPin(h, "246810");
    REQUIRE(h.ui().pinChange.step == PinStep::New);
    enterPin(h, "97531086");
    enterPin(h, "97531086");
    CHECK(h.screen() == Screen::Shopkeeper);
    CHECK(sitePinIs(h, "97531086"));
}

TEST_CASE("a check-in or check-out confirmation with a first name goes Home by itself after about 10 s", "[counter][privacy]") {
    KioskHarness h;
    SignUpDraft draft;
    draft.firstName = "Élodie";
    draft.consent = true;
    const auto elodie = KioskActions(h.store(), kSite).registerMember(draft, h.clock().now());
    REQUIRE(elodie);
    h.app().reload();

    h.tap(h.text("home.check_in"));
    h.typeOnKeypad(elodie->code);
    h.tap("Table fenêtre");
    REQUIRE(h.screen() == Screen::CheckInDone);
    REQUIRE(h.ui().greetingName == "Élodie");
    // She reads it and touches the screen (not the button): the 10 s stand.
    h.advance(4000);
    h.tapAt(400, 200);
    h.advance(6000);
    h.frames(1);
    CHECK(h.screen() == Screen::Home);
    CHECK(h.ui().greetingName.empty());

    h.tap(h.text("home.check_out"));
    h.tap(h.text("checkout.type_code"));
    h.typeOnKeypad(elodie->code);
    REQUIRE(h.screen() == Screen::CheckOutDone);
    h.advance(kDoneScreenMs);
    h.frames(1);
    CHECK(h.screen() == Screen::Home);
    CHECK(kDoneScreenMs <= 12'000);
}

TEST_CASE("the sign-up's communes: this site's first, then outside the territory, then in French alphabetical order", "[counter][i18n]") {
    KioskHarness h;
    // É with E, Saint- names together (a space or dash sorts before letters), case and accents aside.
    const std::vector<std::string> expected = {
        "Fleurie", "Hors du territoire", "Aigueperse", "Azolette", "Beaujeu", "Belleville-en-Beaujolais", "Cenves", "Cercié",
        "Charentay", "Chénas", "Chénelette", "Chiroubles", "Corcelles-en-Beaujolais", "Deux-Grosnes", "Dracé", "Émeringes",
        "Juliénas", "Jullié", "Lancié", "Lantignié", "Les Ardillats", "Marchampt", "Odenas", "Propières",
        "Quincié-en-Beaujolais", "Régnié-Durette", "Saint-Bonnet-des-Bruyères", "Saint-Didier-sur-Beaujeu",
        "Saint-Étienne-la-Varenne", "Saint-Georges-de-Reneins", "Saint-Igny-de-Vers", "Saint-Lager", "Taponas", "Vauxrenard",
        "Vernay", "Villié-Morgon"};
    CHECK(h.app().view().communes == expected);

    // On screen in that order, "Hors du territoire" in the visitor's language, stored in French.
    h.tap("English");
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.first_visit"));
    h.typeOnKeyboard("Ana");
    h.tap(h.text("signup.next"));
    h.tap(h.text("signup.skip"));
    REQUIRE(h.ui().signUp.step == SignUpStep::Commune);
    std::vector<std::string> shown;
    for (const auto& record : ui::WidgetLog::instance().records()) shown.push_back(record.label);
    CHECK(position(shown, "Fleurie") < position(shown, "Outside the area"));
    CHECK(position(shown, "Outside the area") < position(shown, "Aigueperse"));
    CHECK(position(shown, "Aigueperse") < position(shown, "Vernay"));
    h.tap("Outside the area");
    h.tap(h.text("signup.next"));
    h.tap(h.text("signup.consent_ask"));
    h.tap(h.text("signup.create"));
    const auto member = findMemberByCode(h.store().db(), h.ui().newMemberCode);
    REQUIRE(member);
    CHECK(member->commune == "Hors du territoire");  // the value the hub and the statistics see
}

TEST_CASE("counts read as French: aucune place libre, 1 place libre, 2 places libres", "[counter][i18n]") {
    Catalog tr = Catalog::load(kiosk::testing::assetsDir() + "/i18n");
    const auto freeHere = [&](int n) { return tr.format("network.free_here", {{"n", std::to_string(n)}}); };
    CHECK(freeHere(0) == "aucune place libre");
    CHECK(freeHere(1) == "1 place libre");
    CHECK(freeHere(2) == "2 places libres");
    CHECK(tr.format("network.free_at", {{"n", "1"}, {"age", "il y a 5 min"}}) == "1 place libre (il y a 5 min)");
    CHECK(tr.format("shop.set_aside", {{"n", "1"}}).rfind("1 enregistrement refusé par le hub, gardé ici", 0) == 0);
    CHECK(tr.format("shop.set_aside", {{"n", "3"}}).rfind("3 enregistrements refusés par le hub, gardés ici", 0) == 0);
    tr.setLanguage(Language::English);
    CHECK(freeHere(0) == "no free place");
    CHECK(freeHere(1) == "1 free place");
    CHECK(freeHere(2) == "2 free places");
    // No "(s)" left in either catalogue.
    for (Language language : {Language::French, Language::English}) {
        for (const std::string& key : tr.keys(language)) {
            INFO(key);
            CHECK(tr.textIn(language, key).find("(s)") == std::string::npos);
        }
    }
}

TEST_CASE("French collation: accents and case aside, St- read as Saint-, a dash before letters", "[counter][i18n]") {
    CHECK(frenchSortKey("Saint-Étienne-la-Varenne") == "saint etienne la varenne");
    CHECK(frenchSortKey("St-Lager") == frenchSortKey("Saint Lager"));
    CHECK(frenchSortKey("Ste-Foy") == "sainte foy");
    CHECK(frenchSortKey("L’Œuvre") == "l oeuvre");
    CHECK(frenchCollationLess("Saint-Lager", "Sainte-Foy"));  // all the Saint- names before Sainte-
    CHECK(frenchCollationLess("St-Igny", "Saint-Lager"));
    CHECK(frenchCollationLess("émeringes", "Fleurie"));
    CHECK(frenchCollationLess("Cercie", "Cercié"));  // equal but for the accent: the plain one first
    CHECK_FALSE(frenchCollationLess("Cercié", "Cercie"));
}
