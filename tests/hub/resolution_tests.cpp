// Provisional check-ins: a member code a kiosk did not know (typed offline) is
// resolved by the hub, in the batch that brings the visit.
#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "hub_test_support.hpp"
#include "service/figures_measures.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::RunningHub;
using cowork::hub::testing::syncAccepted;

namespace {

const std::string kFleuriePlace = "fleurie-boulangerie/fenetre";

std::string freshCode() {
    return generateMemberCode([](const std::string&) { return false; });
}

// A visit started with a typed code the kiosk could not match to a member.
Event provisionalCheckIn(FakeKiosk& kiosk, const std::string& placeId, const std::string& code, TimeMs at = systemNowMs()) {
    return kiosk.event(VisitStarted{newUuid7(at), kiosk.siteId(), placeId, std::nullopt, at, code}, at);
}

const std::string& visitOf(const Event& checkIn) { return std::get<VisitStarted>(checkIn.payload).visitId; }

std::vector<VisitMemberResolved> resolutionsIn(const SyncResponse& response) {
    std::vector<VisitMemberResolved> found;
    for (const Event& e : response.changes.events) {
        if (const auto* r = std::get_if<VisitMemberResolved>(&e.payload)) {
            CHECK(e.origin == kHubDeviceId);
            found.push_back(*r);
        }
    }
    return found;
}

// Zoé, registered at Beaujeu: Fleurie's kiosk has not heard of her yet.
std::string registerZoeAtBeaujeu(RunningHub& hub, FakeKiosk& beaujeu, const std::string& code) {
    const Event registration = beaujeu.event(MemberRegistered{cowork::testing::sampleMember("m-zoe", code)});
    syncAccepted(hub, beaujeu, beaujeu.syncRequest({registration}));
    return "m-zoe";
}

// Fleurie's figures for the month of `now`, as the figures compute them from the log.
struct FleurieUsage {
    std::int64_t visits = 0;
    std::int64_t anonymousVisits = 0;
    std::int64_t distinctMembers = 0;
};

FleurieUsage fleurieUsageAround(RunningHub& hub, TimeMs now) {
    const LocalDate today = toParisLocal(now).date;
    const FiguresPeriod month = monthPeriod(today.year, today.month);
    const FiguresLog log = hub.storage().figuresLog(month.from, month.to);
    const NetworkHistory history(log.changes);
    const std::string scope = siteScope("fleurie-boulangerie");
    const ScopePeople people = peopleOf(history, log, month)[scope];
    return {activityOf(history, log, month)[scope].visits, people.anonymousVisits, people.distinct.value};
}

}  // namespace

TEST_CASE("a provisional check-in is resolved to the member with that code, for its site's kiosks only", "[hub][resolution]") {
    RunningHub hub;
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    FakeKiosk fleurieBis(hub, "fleurie-boulangerie");
    const std::string code = freshCode();
    const std::string zoe = registerZoeAtBeaujeu(hub, beaujeu, code);
    const SyncResponse beaujeuBefore = syncAccepted(hub, beaujeu, beaujeu.syncRequest({}));

    const Event checkIn = provisionalCheckIn(fleurie, kFleuriePlace, code);
    const SyncResponse answer = syncAccepted(hub, fleurie, fleurie.syncRequest({checkIn}));
    const auto resolved = resolutionsIn(answer);
    REQUIRE(resolved.size() == 1);
    CHECK(resolved[0].visitId == visitOf(checkIn));
    CHECK(resolved[0].siteId == "fleurie-boulangerie");
    CHECK(resolved[0].memberId == zoe);
    CHECK(resolved[0].memberCode == code);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id = 'm-zoe' AND id = '" + visitOf(checkIn) + "'") == 1);

    // The other kiosk of the site hears of it; Beaujeu's does not.
    CHECK(resolutionsIn(syncAccepted(hub, fleurieBis, fleurieBis.syncRequest({}))).size() == 1);
    CHECK(resolutionsIn(syncAccepted(hub, beaujeu, beaujeu.syncRequest({}, beaujeuBefore.cursor))).empty());

    // The same batch again is answered once.
    syncAccepted(hub, fleurie, fleurie.syncRequest({checkIn}));
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.member_resolved'") == 1);
}

TEST_CASE("a code that matches nobody is resolved to nobody and the visit stays anonymous", "[hub][resolution]") {
    RunningHub hub;
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const Event checkIn = provisionalCheckIn(fleurie, kFleuriePlace, freshCode());
    const SyncResponse answer = syncAccepted(hub, fleurie, fleurie.syncRequest({checkIn}));
    const auto resolved = resolutionsIn(answer);
    REQUIRE(resolved.size() == 1);
    CHECK_FALSE(resolved[0].memberId.has_value());
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id IS NULL AND id = '" + visitOf(checkIn) + "'") == 1);

    // A visit with its member known needs no answer.
    const Event known = fleurie.checkIn(kFleuriePlace);
    CHECK(resolutionsIn(syncAccepted(hub, fleurie, fleurie.syncRequest({known}, answer.cursor))).empty());
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.member_resolved'") == 1);
}

TEST_CASE("a member registered in the same batch resolves the code it brings", "[hub][resolution]") {
    RunningHub hub;
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const std::string code = freshCode();
    const Event checkIn = provisionalCheckIn(fleurie, kFleuriePlace, code);
    const Event registration = fleurie.event(MemberRegistered{cowork::testing::sampleMember("m-new", code)});
    const auto resolved = resolutionsIn(syncAccepted(hub, fleurie, fleurie.syncRequest({checkIn, registration})));
    REQUIRE(resolved.size() == 1);
    CHECK(resolved[0].memberId == "m-new");
}

TEST_CASE("a kiosk may not write a member resolution", "[hub][resolution]") {
    RunningHub hub;
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const Event checkIn = provisionalCheckIn(fleurie, kFleuriePlace, freshCode());
    const Event forged = fleurie.event(VisitMemberResolved{visitOf(checkIn), "fleurie-boulangerie", std::string("m-zoe"),
                                                           std::get<VisitStarted>(checkIn.payload).memberCode.value()});
    const auto reply = hub.post("/api/v1/sync", fleurie.syncBody({checkIn, forged}), fleurie.token());
    CHECK(reply.status == 403);
    CHECK(reply.json()["field"] == "events[1].kind");
    CHECK(hub.count("SELECT count(*) FROM visits") == 0);
}

TEST_CASE("statistics count the member a provisional check-in was resolved to", "[hub][resolution][stats]") {
    RunningHub hub;
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const std::string code = freshCode();
    registerZoeAtBeaujeu(hub, beaujeu, code);
    const TimeMs now = systemNowMs();
    syncAccepted(hub, fleurie, fleurie.syncRequest({provisionalCheckIn(fleurie, kFleuriePlace, code, now - kHourMs)}));

    const FleurieUsage site = fleurieUsageAround(hub, now);
    CHECK(site.visits == 1);
    CHECK(site.anonymousVisits == 0);
    CHECK(site.distinctMembers == 1);
}

TEST_CASE("a code resolved to nobody is resolved again when its registration arrives within the link period",
          "[hub][resolution][privacy]") {
    RunningHub hub;
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const TimeMs now = systemNowMs();
    // Zoé signed up at Beaujeu offline; she typed her new code at Fleurie before Beaujeu synced.
    const std::string code = freshCode();
    const Event checkIn = provisionalCheckIn(fleurie, kFleuriePlace, code, now - kHourMs);
    const SyncResponse first = syncAccepted(hub, fleurie, fleurie.syncRequest({checkIn}));
    REQUIRE(resolutionsIn(first).size() == 1);
    REQUIRE_FALSE(resolutionsIn(first)[0].memberId.has_value());

    registerZoeAtBeaujeu(hub, beaujeu, code);
    const auto again = resolutionsIn(syncAccepted(hub, fleurie, fleurie.syncRequest({}, first.cursor)));
    REQUIRE(again.size() == 1);
    CHECK(again[0].visitId == visitOf(checkIn));
    CHECK(again[0].memberId == std::optional<std::string>("m-zoe"));
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id = 'm-zoe' AND id = '" + visitOf(checkIn) + "'") == 1);
    const FleurieUsage site = fleurieUsageAround(hub, now);
    CHECK(site.anonymousVisits == 0);
    CHECK(site.distinctMembers == 1);
}

TEST_CASE("a code resolved to nobody past the link period stays anonymous when its registration arrives",
          "[hub][resolution][privacy]") {
    RunningHub hub;
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const std::string code = freshCode();
    const TimeMs longAgo = systemNowMs() - 100 * kDayMs;  // past the 3 months, retention not run yet
    const SyncResponse first = syncAccepted(hub, fleurie, fleurie.syncRequest({provisionalCheckIn(fleurie, kFleuriePlace, code, longAgo)}));
    registerZoeAtBeaujeu(hub, beaujeu, code);
    CHECK(resolutionsIn(syncAccepted(hub, fleurie, fleurie.syncRequest({}, first.cursor))).empty());
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id IS NOT NULL") == 0);
}
