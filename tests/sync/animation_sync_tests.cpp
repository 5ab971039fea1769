// Animators over a real sync: the coordinator's designation reaches the kiosk,
// which then knows offline who may animate; sessions recorded offline for days
// reach the hub once, even when the hub's answer is lost on the way.
#include <catch2/catch.hpp>

#include "domain/animation_hours.hpp"
#include "domain/member_code.hpp"
#include "fault_proxy.hpp"
#include "store/animation_reads.hpp"
#include "sync_test_support.hpp"

using namespace cowork;
using namespace cowork::sync_testing;
using cowork::testing::Fault;
using cowork::testing::FaultPlan;
using cowork::testing::FaultProxy;

namespace {

constexpr const char* kSite = "fleurie-boulangerie";

// A session as the kiosk records it: the start, later the end, one transaction each.
std::string animate(TestKiosk& kiosk, const std::string& memberId, TimeMs start, TimeMs end, AnimationEnd how) {
    const std::string id = newUuid7(start);
    Store& store = kiosk.store();
    store.recordLocal({store.makeEvent(AnimationStarted{id, kSite, memberId, start}, start)}, start);
    store.recordLocal({store.makeEvent(AnimationEnded{id, end, how}, end)}, end);
    return id;
}

}  // namespace

TEST_CASE("a designation reaches the kiosk, and sessions made offline for days reach the hub once", "[sync][animation]") {
    RunningHub hub;
    FaultProxy proxy("127.0.0.1", hub.port(), FaultPlan::always(Fault::Pass));
    TestKiosk kiosk;
    REQUIRE(kiosk.enroll(hub, kSite).ok());
    kiosk.reachHubAt(proxy.port());
    REQUIRE(kiosk.sync().ok());

    Member lea = cowork::testing::sampleMember(newUuid7(systemNowMs()), generateMemberCode([](const std::string&) { return false; }));
    lea.firstName = "Léa";
    lea.consentAt = systemNowMs();
    kiosk.store().recordLocal({kiosk.store().makeEvent(MemberRegistered{lea}, kiosk.now())}, kiosk.now());
    REQUIRE(kiosk.sync().ok());
    CHECK_FALSE(isAnimatorOf(kiosk.store().db(), lea.id, kSite));
    hub.storage().recordHubEvents({AnimatorSet{lea.id, {kSite}}}, systemNowMs());  // the console's PUT
    REQUIRE(kiosk.sync().ok());
    CHECK(isAnimatorOf(kiosk.store().db(), lea.id, kSite));

    // Three days offline: one session a day, the last closed at closing time.
    const TimeMs now = systemNowMs();
    std::vector<std::string> ids;
    for (int day = 3; day >= 1; --day) {
        const TimeMs start = now - day * kDayMs;
        ids.push_back(animate(kiosk, lea.id, start, start + 2 * kHourMs, day == 1 ? AnimationEnd::AtClosing : AnimationEnd::ByAnimator));
    }
    // The hub takes the batch, the kiosk never hears back: it sends everything again.
    proxy.setPlan(FaultPlan::always(Fault::ResetAfterReply));
    CHECK_FALSE(kiosk.sync().ok());
    CHECK(kiosk.store().outboxDepth() == 6);
    CHECK(proxy.applied(Fault::ResetAfterReply) > 0);
    proxy.setPlan(FaultPlan::always(Fault::Pass));
    kiosk.syncUntilEmpty();

    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'animation.started'") == 3);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'animation.ended'") == 3);
    const auto sessions = hub.storage().animationSessions(now - 4 * kDayMs, now, lea.id);
    REQUIRE(sessions.size() == 3);
    CHECK(sessions[2].needsConfirmation());
    CHECK_FALSE(sessions[0].needsConfirmation());
    const auto bySite = animatedHoursBySite(sessions, now - 4 * kDayMs, now);
    CHECK(bySite.at(kSite) == Approx(6.0));
    // The hub keeps the sessions to itself: nothing of them comes back to the kiosk.
    CHECK(kiosk.count("SELECT count(*) FROM events WHERE kind LIKE 'animation.%'") == 6);
}
