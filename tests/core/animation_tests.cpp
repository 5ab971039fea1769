// Animators and their sessions in the core: the events' JSON, how the
// projection folds them in any order, once, and the hours they count.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "domain/animation_hours.hpp"
#include "events/event_codec.hpp"
#include "store/animation_reads.hpp"
#include "store/state_dump.hpp"
#include "test_support.hpp"

using namespace cowork;
using cowork::testing::TempDir;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";
constexpr const char* kLea = "m-lea";
// Tuesday 1 December 2026, 10:00 in Paris.
const TimeMs kMorning = parisLocalToUtc({2026, 12, 1}, 10 * 60);

Event roundTrip(const Event& event) {
    const Json json = parseJson(encodeEvent(event).dump());
    return decodeEvent(JsonObject(json, ""));
}

std::optional<AnimationSession> session(Store& store, const std::string& id) { return loadAnimationSession(store.db(), id); }

}  // namespace

TEST_CASE("the animators' events keep their names and fields through JSON", "[animation]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    const std::string sessionId = newUuid7(kMorning);
    const std::vector<Event> events = {
        hub.makeEvent(AnimatorSet{kLea, {kSite, "beaujeu-tiers-lieu"}}, kMorning),
        hub.makeEvent(AnimationStarted{sessionId, kSite, kLea, kMorning}, kMorning),
        hub.makeEvent(AnimationEnded{sessionId, kMorning + kHourMs, AnimationEnd::AtClosing}, kMorning),
        hub.makeEvent(AnimationCorrected{sessionId, kMorning, kMorning + 2 * kHourMs}, kMorning),
    };
    CHECK(events[0].kind() == "member.animator_set");
    CHECK(events[1].kind() == "animation.started");
    CHECK(events[2].kind() == "animation.ended");
    CHECK(events[3].kind() == "animation.corrected");
    CHECK(encodePayload(events[1].payload) ==
          Json{{"session_id", sessionId}, {"site_id", kSite}, {"member_id", kLea}, {"at", kMorning}});
    CHECK(encodePayload(events[2].payload)["how"] == "at_closing");
    for (const Event& event : events) CHECK(canonicalEventText(roundTrip(event)) == canonicalEventText(event));
    CHECK(siteWrittenBy(events[1].payload) == std::optional<std::string>(kSite));
    CHECK_FALSE(siteWrittenBy(events[0].payload));
}

TEST_CASE("a bad animation event is refused by the field at fault", "[animation]") {
    const auto refusal = [](const std::string& kind, const Json& payload) {
        try {
            decodePayload(kind, JsonObject(payload, "payload"));
        } catch (const InputError& e) {
            return e.field();
        }
        return std::string("accepted");
    };
    const std::string id = newUuid7(kMorning);
    CHECK(refusal("animation.ended", {{"session_id", id}, {"at", 1}, {"how", "member"}}) == "payload.how");
    CHECK(refusal("animation.started", {{"session_id", "pas-un-uuid"}, {"site_id", kSite}, {"member_id", kLea}, {"at", 1}}) ==
          "payload.session_id");
    CHECK(refusal("animation.corrected", {{"session_id", id}, {"started_at", 10}, {"ended_at", 10}}) == "payload.ended_at");
    CHECK(refusal("member.animator_set", {{"member_id", kLea}, {"site_ids", {kSite, kSite}}}) == "payload.site_ids[1]");
    CHECK(refusal("member.animator_set", {{"member_id", kLea}, {"site_ids", Json::array()}}) == "accepted");
}

TEST_CASE("sessions fold the same in any order, once, and on replay; the first end and the newest correction win",
          "[animation][store]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    const std::string first = newUuid7(kMorning);
    const std::string second = newUuid7(kMorning + 1);
    std::vector<Event> events;
    events.push_back(hub.makeEvent(AnimatorSet{kLea, {kSite}}, kMorning - kDayMs));
    events.push_back(hub.makeEvent(AnimatorSet{kLea, {kSite, "beaujeu-tiers-lieu"}}, kMorning - kHourMs));
    events.push_back(kiosk.makeEvent(AnimationStarted{first, kSite, kLea, kMorning}, kMorning));
    // The animator's end, then the sweep's (a second device that had not seen it).
    events.push_back(kiosk.makeEvent(AnimationEnded{first, kMorning + kHourMs, AnimationEnd::ByAnimator}, kMorning + kHourMs));
    events.push_back(kiosk.makeEvent(AnimationEnded{first, kMorning + 3 * kHourMs, AnimationEnd::AtClosing}, kMorning + 3 * kHourMs));
    events.push_back(kiosk.makeEvent(AnimationStarted{second, kSite, kLea, kMorning + 4 * kHourMs}, kMorning + 4 * kHourMs));
    events.push_back(kiosk.makeEvent(AnimationEnded{second, kMorning + 9 * kHourMs, AnimationEnd::AtClosing}, kMorning + 9 * kHourMs));
    events.push_back(hub.makeEvent(AnimationCorrected{second, kMorning + 4 * kHourMs, kMorning + 5 * kHourMs}, kMorning + kDayMs));
    events.push_back(hub.makeEvent(AnimationCorrected{second, kMorning + 4 * kHourMs, kMorning + 6 * kHourMs}, kMorning + kDayMs + 1));

    Store inOrder(dir.file("in-order.db"));
    inOrder.applyReceived(events, kMorning);
    const Json expected = dumpProjections(inOrder.db());
    const auto firstSession = session(inOrder, first);
    REQUIRE(firstSession);
    CHECK(firstSession->endedAt == kMorning + kHourMs);
    CHECK(firstSession->endedHow == AnimationEnd::ByAnimator);
    CHECK_FALSE(firstSession->needsConfirmation());
    const auto secondSession = session(inOrder, second);
    REQUIRE(secondSession);
    CHECK(secondSession->endedHow == AnimationEnd::AtClosing);
    CHECK(secondSession->end() == kMorning + 6 * kHourMs);  // the newest correction
    CHECK_FALSE(secondSession->needsConfirmation());
    CHECK(isAnimatorOf(inOrder.db(), kLea, "beaujeu-tiers-lieu"));  // the newer designation

    std::mt19937 random(12);
    for (int round = 0; round < 5; ++round) {
        std::shuffle(events.begin(), events.end(), random);
        Store shuffled(dir.file("shuffled-" + std::to_string(round) + ".db"));
        for (const Event& event : events) shuffled.applyReceived({event}, kMorning);
        REQUIRE(dumpProjections(shuffled.db()) == expected);
        // Applying everything again changes nothing and logs nothing twice.
        const auto again = shuffled.applyReceived(events, kMorning);
        CHECK(std::count(again.begin(), again.end(), ApplyOutcome::AlreadyPresent) == static_cast<long>(events.size()));
        CHECK(shuffled.eventCount() == static_cast<std::int64_t>(events.size()));
        REQUIRE(dumpProjections(shuffled.db()) == expected);
    }
    inOrder.rebuildProjections();
    CHECK(dumpProjections(inOrder.db()) == expected);
}

TEST_CASE("an end arriving before its start makes no open session; a withdrawn animator animates nowhere", "[animation][store]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    const std::string id = newUuid7(kMorning);
    const Event start = kiosk.makeEvent(AnimationStarted{id, kSite, kLea, kMorning}, kMorning);
    const Event end = kiosk.makeEvent(AnimationEnded{id, kMorning + kHourMs, AnimationEnd::ByAnimator}, kMorning + kHourMs);
    Store target(dir.file("target.db"));
    target.applyReceived({end}, kMorning);
    CHECK(loadOpenAnimations(target.db(), kSite).empty());
    CHECK_FALSE(loadAnimationSession(target.db(), id));
    target.applyReceived({start}, kMorning);
    CHECK(loadOpenAnimations(target.db(), kSite).empty());
    CHECK(loadAnimationSession(target.db(), id)->endedAt == kMorning + kHourMs);

    target.applyReceived({hub.makeEvent(AnimatorSet{kLea, {kSite}}, kMorning)}, kMorning);
    CHECK(isAnimatorOf(target.db(), kLea, kSite));
    target.applyReceived({hub.makeEvent(AnimatorSet{kLea, {}}, kMorning + 1)}, kMorning);
    CHECK_FALSE(isAnimatorOf(target.db(), kLea, kSite));
}

TEST_CASE("forgetting an animator ends the designation and keeps the sessions as pay records", "[animation][privacy]") {
    TempDir dir;
    Store hub(dir.file("hub.db"), StoreRole::Hub);
    Store kiosk(dir.file("kiosk.db"));
    const std::string id = newUuid7(kMorning);
    hub.applyReceived({kiosk.makeEvent(MemberRegistered{cowork::testing::sampleMember(kLea, "K7M4QX")}, kMorning)}, kMorning);
    hub.recordLocal({hub.makeEvent(AnimatorSet{kLea, {kSite}}, kMorning)}, kMorning);
    hub.applyReceived({kiosk.makeEvent(AnimationStarted{id, kSite, kLea, kMorning}, kMorning),
                       kiosk.makeEvent(AnimationEnded{id, kMorning + kHourMs, AnimationEnd::ByAnimator}, kMorning)},
                      kMorning);
    hub.recordLocal({hub.makeEvent(MemberForgotten{kLea}, kMorning + kDayMs)}, kMorning + kDayMs);
    CHECK_FALSE(isAnimatorOf(hub.db(), kLea, kSite));
    // A designation arriving late (a replay, another order) does not bring them back.
    hub.applyReceived({hub.makeEvent(AnimatorSet{kLea, {kSite}}, kMorning + 2 * kDayMs)}, kMorning);
    CHECK_FALSE(isAnimatorOf(hub.db(), kLea, kSite));
    const auto kept = loadAnimationSession(hub.db(), id);
    REQUIRE(kept);
    CHECK(kept->memberId == kLea);
    const auto [from, to] = parisMonthBounds(2026, 12);
    CHECK(animatedHoursBySite(loadAnimationSessions(hub.db(), from, to), from, to).at(kSite) == Approx(1.0));
    hub.rebuildProjections();
    CHECK_FALSE(isAnimatorOf(hub.db(), kLea, kSite));
    CHECK(loadAnimationSession(hub.db(), id));
}

TEST_CASE("hours count the part of each ended session inside the month, corrected if corrected", "[animation][hours]") {
    const TimeMs lastEvening = parisLocalToUtc({2026, 11, 30}, 23 * 60);  // until 01:00 on 1 December
    std::vector<AnimationSession> sessions = {
        {"a", kSite, kLea, lastEvening, lastEvening + 2 * kHourMs, AnimationEnd::ByAnimator},
        {"b", kSite, kLea, kMorning, kMorning + 90 * kMinuteMs, AnimationEnd::AtClosing},
        {"c", "beaujeu-tiers-lieu", kLea, kMorning, std::nullopt, std::nullopt},  // open: nothing yet
        {"d", kSite, "m-paul", kMorning, kMorning + kHourMs, AnimationEnd::ByAnimator, kMorning, kMorning + 3 * kHourMs},
    };
    const auto december = monthlyHours(sessions, 2026, 12);
    REQUIRE(december.size() == 2);
    CHECK(december[0].memberId == kLea);
    CHECK(december[0].hours == Approx(2.5));  // 1 h after midnight + 1 h 30
    CHECK(december[0].sessions == 2);
    CHECK(december[0].toConfirm == 1);
    CHECK(december[1].memberId == "m-paul");
    CHECK(december[1].hours == Approx(3.0));  // the coordinator's times
    CHECK(december[1].toConfirm == 0);
    const auto november = monthlyHours(sessions, 2026, 11);
    REQUIRE(november.size() == 1);
    CHECK(november[0].hours == Approx(1.0));

    const auto [from, to] = parisMonthBounds(2026, 12);
    const auto bySite = animatedHoursBySite(sessions, from, to);
    CHECK(bySite.at(kSite) == Approx(5.5));
    CHECK_FALSE(bySite.count("beaujeu-tiers-lieu"));
}
