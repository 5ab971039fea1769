// Animators at the kiosk: « J'anime » and « Fin de l'animation » through the
// real screens and keypad, Home's « Animation en cours », and closing time
// ending a session left open.
#include <catch2/catch.hpp>

#include "app/site_status.hpp"
#include "kiosk_harness.hpp"
#include "store/animation_reads.hpp"

using namespace cowork;
using namespace cowork::kiosk;
using cowork::kiosk::testing::KioskHarness;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";

// Léa signs up here; the coordinator's designation arrives by sync.
Member registerLea(KioskHarness& h, const std::vector<std::string>& animates) {
    SignUpDraft draft;
    draft.firstName = "Léa";
    draft.consent = true;
    const auto member = KioskActions(h.store(), kSite).registerMember(draft, h.clock().now());
    REQUIRE(member);
    h.store().applyReceived({h.store().makeEvent(AnimatorSet{member->id, animates}, h.clock().now())}, h.clock().now());
    h.app().reload();
    h.frames(2);
    return *member;
}

std::int64_t queued(KioskHarness& h, const std::string& kind) {
    return cowork::testing::count(h.store(), "SELECT count(*) FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.kind = '" +
                                                 kind + "'");
}

void startAnimating(KioskHarness& h, const std::string& code) {
    h.tap(h.text("animation.start_button"));
    REQUIRE(h.screen() == Screen::AnimationStart);
    h.typeOnKeypad(code);
}

}  // namespace

TEST_CASE("an animator starts with « J'anime » and their code, Home says so, and they end it", "[flow][animation]") {
    KioskHarness h;
    CHECK_FALSE(h.sees(h.text("animation.start_button")));  // nobody animates here: no button
    const Member lea = registerLea(h, {kSite});
    REQUIRE(h.sees(h.text("animation.start_button")));

    const TimeMs before = h.clock().now();
    startAnimating(h, lea.code);
    REQUIRE(h.screen() == Screen::AnimationStartDone);
    CHECK(h.showsText(h.app().catalog().format("animation.started", {{"name", "Léa"}})));
    const auto open = findOpenAnimationOf(h.store().db(), kSite, lea.id);
    REQUIRE(open);
    CHECK(open->startedAt >= before);  // when the last key was typed
    CHECK(open->startedAt <= h.clock().now());
    CHECK(queued(h, "animation.started") == 1);

    h.tap(h.text("done.back_home"));
    REQUIRE(h.screen() == Screen::Home);
    CHECK(h.showsText("Animation en cours\u202f: Léa"));
    CHECK_FALSE(h.sees(h.text("animation.start_button")));

    h.advance(90 * kMinuteMs);
    h.tapAt(300, 250);  // the panel went dark: a first touch only wakes it
    h.tap(h.text("animation.end_button"));
    REQUIRE(h.screen() == Screen::AnimationEnd);
    h.typeOnKeypad(lea.code);
    REQUIRE(h.screen() == Screen::AnimationEndDone);
    const auto ended = loadAnimationSession(h.store().db(), open->id);
    REQUIRE(ended);
    REQUIRE(ended->endedAt);
    CHECK(*ended->endedAt - open->startedAt >= 90 * kMinuteMs);
    CHECK(*ended->endedAt <= h.clock().now());
    CHECK(ended->endedHow == AnimationEnd::ByAnimator);
    CHECK(queued(h, "animation.ended") == 1);

    h.tap(h.text("done.back_home"));
    CHECK_FALSE(h.showsText("Animation en cours\u202f: Léa"));
    CHECK(h.sees(h.text("animation.start_button")));
}

TEST_CASE("only an animator of this site may start, once, and only they end their session", "[flow][animation]") {
    KioskHarness h;
    const Member lea = registerLea(h, {"beaujeu-tiers-lieu"});  // an animator, of another site
    SignUpDraft draft;
    draft.firstName = "Paul";
    draft.consent = true;
    const auto paul = KioskActions(h.store(), kSite).registerMember(draft, h.clock().now());
    REQUIRE(paul);
    h.store().applyReceived({h.store().makeEvent(AnimatorSet{paul->id, {kSite}}, h.clock().now())}, h.clock().now());
    h.app().reload();
    h.frames(2);

    startAnimating(h, lea.code);
    CHECK(h.screen() == Screen::AnimationStart);
    CHECK(h.ui().errorKey == "animation.not_animator");
    CHECK(loadOpenAnimations(h.store().db(), kSite).empty());

    h.typeOnKeypad(paul->code);
    REQUIRE(h.screen() == Screen::AnimationStartDone);
    h.tap(h.text("done.back_home"));
    // One session at a time on Home: the way to end it, not a second start.
    CHECK_FALSE(h.sees(h.text("animation.start_button")));
    CHECK(KioskActions(h.store(), kSite).startAnimation(paul->id, h.clock().now()) == ActionResult::AlreadyHere);
    CHECK(loadOpenAnimations(h.store().db(), kSite).size() == 1);

    h.tap(h.text("animation.end_button"));
    h.typeOnKeypad(lea.code);
    CHECK(h.ui().errorKey == "animation.not_started");
    CHECK(loadOpenAnimations(h.store().db(), kSite).size() == 1);
}

TEST_CASE("a session left open is ended at closing time, marked for the coordinator to confirm", "[animation][closing]") {
    KioskHarness h;
    const Member lea = registerLea(h, {kSite});
    startAnimating(h, lea.code);
    REQUIRE(h.screen() == Screen::AnimationStartDone);
    h.tap(h.text("done.back_home"));
    const TimeMs closing = parisLocalToUtc({2026, 12, 1}, 13 * 60);  // the bakery closes at 13:00
    h.advance(closing - h.clock().now() + 2 * kMinuteMs);
    h.frames(2);  // the minute tick sweeps
    const auto sessions = loadAnimationSessions(h.store().db(), 0, closing + kDayMs, lea.id);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].endedAt == closing);
    CHECK(sessions[0].endedHow == AnimationEnd::AtClosing);
    CHECK(sessions[0].needsConfirmation());
    CHECK(queued(h, "animation.ended") == 1);
    CHECK_FALSE(h.showsText("Animation en cours\u202f: Léa"));
    // Closed now: a new session waits for the opening.
    h.tapAt(300, 250);  // the panel went dark: a first touch only wakes it
    startAnimating(h, lea.code);
    CHECK(h.ui().errorKey == "animation.closed");
}

TEST_CASE("closing time ends visits and animation sessions alike, at the end of the opening they started in", "[closing]") {
    OpeningHours hours;
    hours.weekly[1] = {{390, 780}, {930, 1140}};  // Tuesday 06:30-13:00, 15:30-19:00
    const LocalDate tuesday{2026, 12, 1};
    const TimeMs closing = parisLocalToUtc(tuesday, 13 * 60);
    const AnimationSession morning{"a1", kSite, "m", parisLocalToUtc(tuesday, 9 * 60), std::nullopt, std::nullopt};
    const AnimationSession afternoon{"a2", kSite, "m", parisLocalToUtc(tuesday, 16 * 60), std::nullopt, std::nullopt};
    CHECK(animationEndsAtClosing({morning}, hours, closing - 1).empty());
    const auto ends = animationEndsAtClosing({morning, afternoon}, hours, closing + 5 * kMinuteMs);
    REQUIRE(ends.size() == 1);
    CHECK(ends[0].sessionId == "a1");
    CHECK(ends[0].at == closing);
    CHECK(ends[0].how == AnimationEnd::AtClosing);
}
