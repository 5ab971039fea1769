// Writes a PNG of every screen at 800x480 and 1280x800 (and portrait 480x800,
// and Home on a panel turned a quarter) into $COWORK_SCREENSHOT_DIR: what a
// shopkeeper and a teleworker see.
// A hidden Catch test (run by scripts/screenshots), so the harness's checks work.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/kiosk_actions.hpp"
#include "app/pin_guard.hpp"
#include "domain/member_code.hpp"
#include "kiosk_harness.hpp"
#include "store/site_reads.hpp"
#include "sync/kiosk_sync_store.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::HarnessOptions;
using cowork::kiosk::testing::KioskHarness;

namespace {

struct Shooter {
    KioskHarness& h;
    std::string dir;
    std::string suffix;
    int failures = 0;
    void shot(const std::string& name) {
        h.frames(2);
        const std::string path = dir + "/" + name + "-" + suffix + ".png";
        if (!h.runner().screenshot(path)) ++failures;
        std::printf("%s\n", path.c_str());
    }
};

void seedVisits(KioskHarness& h) {
    KioskActions actions(h.store(), "fleurie-boulangerie");
    SignUpDraft draft;
    draft.firstName = "Zoé";
    draft.consent = true;
    const auto zoe = actions.registerMember(draft, h.clock().now());
    actions.checkIn(zoe->id, "fleurie-boulangerie/comptoir", h.clock().now() - 3'600'000);
    h.app().reload();
}

int shootAll(const std::string& dir, int width, int height, float scale) {
    HarnessOptions options;
    options.width = width;
    options.height = height;
    options.scale = scale;
    KioskHarness h(options);
    PinStore(h.store(), "fleurie-boulangerie").setPin("246810", h.clock().now());
    Shooter s{h, dir, std::to_string(width) + "x" + std::to_string(height)};
    s.shot("01-home-empty");
    seedVisits(h);
    s.shot("02-home");
    h.tap(h.text("home.check_in"));
    h.typeOnKeypad("K7M");
    s.shot("03-check-in-code");
    h.tap(h.text("nav.home"));
    h.tap(h.text("home.check_in"));
    h.tap(h.text("checkin.first_visit"));
    h.typeOnKeyboard("Zoé-Anaïs");
    s.shot("04-sign-up-name");
    h.tap(h.text("signup.next"));
    h.tap(h.text("signup.skip"));
    h.tap("Fleurie");
    s.shot("05-sign-up-commune");
    h.tap(h.text("signup.next"));
    h.tap(h.text("signup.consent_ask"));
    s.shot("06-sign-up-consent");
    h.tap(h.text("signup.create"));
    s.shot("07-new-member-code");
    h.tap(h.text("newcode.continue"));
    s.shot("08-pick-place");
    h.tap("Table fenêtre");
    s.shot("09-checked-in");
    h.tap(h.text("done.back_home"));
    h.tap(h.text("home.check_out"));
    s.shot("10-check-out");
    h.tap(h.text("nav.home"));
    h.tap(h.text("home.network"));
    s.shot("11-network");
    h.tap("Mini-cowork du Bar des Sports");
    s.shot("12-site-detail");
    h.tap(h.text("nav.home"));
    h.tap(h.text("home.contact"));
    s.shot("13-contact");
    h.tap(h.text("contact.write"));
    h.typeOnKeyboard("Bonjour, la clé du local ?");
    s.shot("14-contact-message");
    h.tap(h.text("contact.send"));
    h.tap(h.text("nav.home"));
    h.holdAt(20, 20, 2100);
    h.typeOnKeypad("2468");
    s.shot("15-shopkeeper-pin");
    h.typeOnKeypad("10");
    h.tap(h.text("pin.submit"));
    s.shot("16-shopkeeper");
    h.tap(h.text("nav.home"));
    h.tap("English");
    s.shot("17-home-english");
    return s.failures;
}

int shootFirstStart(const std::string& dir) {
    HarnessOptions options;
    options.demo = false;
    KioskHarness h(options);
    Shooter s{h, dir, "800x480"};
    s.shot("18-first-start");
    return s.failures;
}

// An enrolled kiosk as sync leaves it: other sites' free places with their age,
// a code typed offline waiting for the hub, a failing link in the shopkeeper's status.
int shootSynced(const std::string& dir) {
    HarnessOptions options;
    KioskHarness h(options);
    Store& store = h.store();
    store.db().prepare("DELETE FROM meta WHERE key = 'kiosk.demo'").run();
    store.setMeta("sync.hub_url", "https://hub.ccsb.example:8443");
    store.setMeta("sync.token", "jeton");
    const TimeMs now = h.clock().now();
    SyncResponse answer;
    answer.serverTimeMs = now;
    answer.epoch = "demo";
    int n = 0;
    for (const Site& site : loadSites(store.db())) {
        const TimeMs age = (n++ % 3) * 20 * kMinuteMs + 2 * kMinuteMs;
        answer.changes.availability.push_back({site.id, n % 4, 3, true, SiteOverride::None, now - age});
    }
    applySyncResponse(store, answer, now - 2 * kMinuteMs, "boot");
    const std::string code = std::string("K7M4X") + memberCodeCheckCharacter("K7M4X");
    KioskActions(store, "fleurie-boulangerie").checkIn(std::nullopt, "fleurie-boulangerie/fenetre", now - 600'000, code);
    PinStore(store, "fleurie-boulangerie").setPin("246810", now);
    noteSyncFailure(store, "sync.problem.no_network", now - 60'000);
    h.app().reload();
    Shooter s{h, dir, "800x480"};
    h.tap(h.text("home.network"));
    s.shot("20-network-synced");
    h.tap(h.text("nav.home"));
    s.shot("21-home-offline");
    h.holdAt(20, 20, 2100);
    h.typeOnKeypad("246810");
    h.tap(h.text("pin.submit"));
    for (int i = 0; i < 4; ++i) h.drag(400, 440, 400, 120, 10, 16);  // down to the device's state
    h.frames(60);                                                     // the glide settles
    s.shot("22-shopkeeper-sync-status");
    return s.failures;
}

int shootFirstStartFailed(const std::string& dir) {
    HarnessOptions options;
    options.demo = false;
    KioskHarness h(options);
    h.store().setMeta("enrollment.hub_address", "https://hub.ccsb.example:8443");
    h.store().setMeta("enrollment.last_problem", "sync.problem.untrusted");
    h.app().reload();
    Shooter s{h, dir, "800x480"};
    s.shot("23-first-start-untrusted");
    return s.failures;
}

// The shopkeeper's PIN on an enrolled kiosk: none yet (whom to ask), then the
// installer's step right after the hub accepted the code.
int shootPinScreens(const std::string& dir) {
    KioskHarness h;
    Store& store = h.store();
    store.db().prepare("DELETE FROM meta WHERE key IN ('kiosk.demo', 'kiosk.site_id')").run();
    h.app().reload();
    h.app().apply(intent::Home{});
    h.frames(1);
    Shooter s{h, dir, "800x480"};
    h.typeOnKeyboard("hub.ccsb.example:8443");
    h.tap("##enroll-code");
    h.typeOnKeyboard("7kq2");
    h.tap(h.text("first.save"));
    store.setMeta("sync.hub_url", "https://hub.ccsb.example:8443");
    store.setMeta("sync.token", "jeton");
    store.setMeta("kiosk.site_id", "fleurie-boulangerie");
    store.db().prepare("DELETE FROM meta WHERE key = 'enrollment.code'").run();
    h.app().reload();
    h.typeOnKeypad("4829");
    s.shot("25-pin-after-enrollment");
    h.tap(h.text("nav.home"));
    h.holdAt(20, 20, 2100);
    s.shot("24-shopkeeper-no-pin");
    return s.failures;
}

// A tiers-lieu with twelve places, some taken: the Home tiles must share the screen.
int shootBigSite(const std::string& dir, int width, int height) {
    HarnessOptions options;
    options.width = width;
    options.height = height;
    options.demoSite = "belleville-tiers-lieu";
    KioskHarness h(options);
    KioskActions actions(h.store(), options.demoSite);
    for (const char* place : {"belleville-tiers-lieu/1", "belleville-tiers-lieu/4", "belleville-tiers-lieu/5"}) {
        actions.checkIn(std::nullopt, place, h.clock().now());
    }
    actions.setPlaceService("belleville-tiers-lieu/12", false, h.clock().now());
    h.app().reload();
    Shooter s{h, dir, std::to_string(width) + "x" + std::to_string(height)};
    s.shot("19-home-tiers-lieu");
    return s.failures;
}

// « J'anime »: Léa, animator of the bakery, starts a session, and Home says so.
int shootAnimation(const std::string& dir, int width, int height, float scale) {
    HarnessOptions options;
    options.width = width;
    options.height = height;
    options.scale = scale;
    KioskHarness h(options);
    seedVisits(h);
    SignUpDraft draft;
    draft.firstName = "Léa";
    draft.consent = true;
    const auto lea = KioskActions(h.store(), "fleurie-boulangerie").registerMember(draft, h.clock().now());
    h.store().applyReceived({h.store().makeEvent(AnimatorSet{lea->id, {"fleurie-boulangerie"}}, h.clock().now())}, h.clock().now());
    h.app().reload();
    Shooter s{h, dir, std::to_string(width) + "x" + std::to_string(height)};
    s.shot("26-home-animators");
    h.tap(h.text("animation.start_button"));
    h.typeOnKeypad(lea->code.substr(0, 4));
    s.shot("27-animation-code");
    h.typeOnKeypad(lea->code.substr(4));
    s.shot("28-animation-started");
    h.tap(h.text("done.back_home"));
    s.shot("29-home-animation-in-progress");
    return s.failures;
}

// Home on an 800x480 panel mounted on its side (rotate = 90): the picture as
// the panel shows it, laid out in portrait.
int shootTurned(const std::string& dir) {
    HarnessOptions options;
    options.rotation = platform::Rotation::Quarter;
    KioskHarness h(options);
    seedVisits(h);
    h.frames(2);
    const std::string path = dir + "/kiosk-rotate-90.png";
    std::printf("%s\n", path.c_str());
    return h.runner().screenshot(path) ? 0 : 1;
}

}  // namespace

TEST_CASE("screenshot of a panel mounted on its side", "[.screenshots]") {
    const char* env = std::getenv("COWORK_SCREENSHOT_DIR");
    const std::string dir = env && *env ? env : ".";
    CHECK(shootTurned(dir) == 0);
}

TEST_CASE("screenshots of the animators' screens", "[.screenshots]") {
    const char* env = std::getenv("COWORK_SCREENSHOT_DIR");
    const std::string dir = env && *env ? env : ".";
    int failures = 0;
    failures += shootAnimation(dir, 800, 480, 1.0f);
    failures += shootAnimation(dir, 480, 800, 1.0f);
    failures += shootAnimation(dir, 1280, 800, 1.4f);
    CHECK(failures == 0);
}

TEST_CASE("screenshots of every screen", "[.screenshots]") {
    const char* env = std::getenv("COWORK_SCREENSHOT_DIR");
    const std::string dir = env && *env ? env : ".";
    int failures = 0;
    failures += shootAll(dir, 800, 480, 1.0f);
    failures += shootAll(dir, 1280, 800, 1.4f);
    failures += shootAll(dir, 480, 800, 1.0f);
    failures += shootFirstStart(dir);
    failures += shootSynced(dir);
    failures += shootFirstStartFailed(dir);
    failures += shootPinScreens(dir);
    failures += shootBigSite(dir, 800, 480);
    failures += shootBigSite(dir, 480, 800);
    CHECK(failures == 0);
}
