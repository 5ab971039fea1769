#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "hub_test_support.hpp"
#include "privacy_probe.hpp"
#include "service/retention_service.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;

namespace {

const std::string kPlace = "fleurie-boulangerie/fenetre";

struct MemberHistory {
    Event registration;
    std::vector<Event> visits;
};

// A member who signed up `monthsAgo` and came on each of `visitMonthsAgo`.
MemberHistory memberWithVisits(FakeKiosk& kiosk, const std::string& id, int monthsAgo, std::vector<int> visitMonthsAgo) {
    const TimeMs now = systemNowMs();
    Member member = cowork::testing::sampleMember(id, generateMemberCode([](const std::string&) { return false; }));
    member.consentAt = monthsBefore(now, monthsAgo);
    MemberHistory history{kiosk.event(MemberRegistered{member}, member.consentAt), {}};
    for (const int months : visitMonthsAgo) {
        const TimeMs at = monthsBefore(now, months);
        history.visits.push_back(kiosk.event(VisitStarted{newUuid7(at), kiosk.siteId(), kPlace, id, at}, at));
    }
    return history;
}

void sync(RunningHub& hub, FakeKiosk& kiosk, const MemberHistory& history) {
    std::vector<Event> events{history.registration};
    events.insert(events.end(), history.visits.begin(), history.visits.end());
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody(events), kiosk.token()).status == 200);
}

}  // namespace

TEST_CASE("visits lose their member after three months, in the projection and in the log", "[hub][privacy]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const MemberHistory zoe = memberWithVisits(kiosk, "m-zoe", 5, {4, 2, 0});
    sync(hub, kiosk, zoe);
    REQUIRE(hub.count("SELECT count(*) FROM visits WHERE member_id = 'm-zoe'") == 3);

    const RetentionReport report = RetentionService(hub.storage(), systemNowMs).apply();
    CHECK(report.visitsUnlinked == 1);
    CHECK(report.membersForgotten == 0);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id = 'm-zoe'") == 2);
    CHECK(hub.count("SELECT count(*) FROM visits") == 3);  // still counted
    const std::string oldVisit = std::get<VisitStarted>(zoe.visits[0].payload).visitId;
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.started' AND json_extract(payload, '$.visit_id') = '" +
                    oldVisit + "' AND json_extract(payload, '$.member_id') IS NULL") == 1);
    CHECK(hub.count("SELECT count(*) FROM members WHERE id = 'm-zoe'") == 1);

    // A stricter setting unlinks more; running again changes nothing more.
    hub.storage().saveSetting("visit_link_months", "1");
    CHECK(RetentionService(hub.storage(), systemNowMs).apply().visitsUnlinked == 1);
    CHECK(RetentionService(hub.storage(), systemNowMs).apply().visitsUnlinked == 0);
}

TEST_CASE("a member not seen for 13 months is deleted everywhere, their visits stay anonymous", "[hub][privacy]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    const MemberHistory gone = memberWithVisits(kiosk, "m-gone", 20, {19, 14});
    const MemberHistory regular = memberWithVisits(kiosk, "m-regular", 20, {19, 1});
    sync(hub, kiosk, gone);
    sync(hub, kiosk, regular);
    const SyncResponse before = decodeSyncResponse(hub.post("/api/v1/sync", kiosk.syncBody({}), kiosk.token()).body);

    const RetentionReport report = RetentionService(hub.storage(), systemNowMs).apply();
    CHECK(report.membersForgotten == 1);
    CHECK(hub.count("SELECT count(*) FROM members") == 1);
    CHECK(hub.count("SELECT count(*) FROM members WHERE id = 'm-regular'") == 1);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'member.registered' AND payload LIKE '%m-gone%'") == 0);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind <> 'member.forgotten' AND payload LIKE '%m-gone%'") == 0);
    CHECK(hub.count("SELECT count(*) FROM visits") == 4);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id IS NOT NULL") == 1);

    // Kiosks are told to forget too.
    const SyncResponse after = decodeSyncResponse(hub.post("/api/v1/sync", kiosk.syncBody({}, before.cursor), kiosk.token()).body);
    bool told = false;
    for (const Event& e : after.changes.events) {
        if (const auto* f = std::get_if<MemberForgotten>(&e.payload)) told = told || f->memberId == "m-gone";
    }
    CHECK(told);

    // Their last-seen date survived the unlinking, so m-regular is kept next year only if seen.
    CHECK(RetentionService(hub.storage(), systemNowMs).apply().membersForgotten == 0);
}

TEST_CASE("retention goes by the hub's time, not by a kiosk clock stuck in the past", "[hub][privacy]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, "fleurie-boulangerie");
    // A Pi without a battery-backed clock believes it is 20 months ago.
    const TimeMs deviceNow = monthsBefore(systemNowMs(), 20);
    Member member = cowork::testing::sampleMember("m-today", "K7M4PX");
    member.consentAt = deviceNow;
    const Event registered = kiosk.event(MemberRegistered{member}, deviceNow);
    const Event visit = kiosk.event(VisitStarted{newUuid7(deviceNow), kiosk.siteId(), kPlace, std::string("m-today"), deviceNow}, deviceNow);
    REQUIRE(hub.post("/api/v1/sync", kiosk.syncBody({registered, visit}, 0, deviceNow), kiosk.token()).status == 200);

    const RetentionReport report = RetentionService(hub.storage(), systemNowMs).apply();
    CHECK(report.membersForgotten == 0);
    CHECK(report.visitsUnlinked == 0);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id = 'm-today'") == 1);
}

TEST_CASE("a provisional check-in loses its member after three months, resolution included", "[hub][privacy][resolution]") {
    RunningHub hub;
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const MemberHistory zoe = memberWithVisits(beaujeu, "m-zoe", 5, {});
    sync(hub, beaujeu, zoe);
    const std::string code = std::get<MemberRegistered>(zoe.registration.payload).member.code;
    const TimeMs fourMonthsAgo = monthsBefore(systemNowMs(), 4);
    const std::string visitId = newUuid7(fourMonthsAgo);
    const Event typedOffline =
        fleurie.event(VisitStarted{visitId, fleurie.siteId(), kPlace, std::nullopt, fourMonthsAgo, code}, fourMonthsAgo);
    REQUIRE(hub.post("/api/v1/sync", fleurie.syncBody({typedOffline}), fleurie.token()).status == 200);
    REQUIRE(hub.count("SELECT count(*) FROM visits WHERE member_id = 'm-zoe'") == 1);

    CHECK(RetentionService(hub.storage(), systemNowMs).apply().visitsUnlinked == 1);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id IS NULL AND member_code IS NULL AND id = '" + visitId + "'") == 1);
    CHECK(hub.count("SELECT count(*) FROM visit_resolutions WHERE member_id IS NULL AND visit_id = '" + visitId + "'") == 1);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.member_resolved' "
                    "AND json_extract(payload, '$.member_id') IS NULL AND json_extract(payload, '$.visit_id') = '" + visitId + "'") == 1);
    CHECK(hub.count("SELECT count(*) FROM events WHERE id = '" + typedOffline.id + "' "
                    "AND json_type(payload, '$.member_code') IS NULL") == 1);
    CHECK(hub.count("SELECT count(*) FROM events WHERE payload LIKE '%m-zoe%' AND kind <> 'member.registered'") == 0);
}

TEST_CASE("after the period nothing in the hub's file links a visit to a person, by id or by code", "[hub][privacy]") {
    RunningHub hub;
    FakeKiosk beaujeu(hub, "beaujeu-tiers-lieu");
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const MemberHistory zoe = memberWithVisits(beaujeu, "m-zoe", 5, {});
    sync(hub, beaujeu, zoe);
    const std::string zoeCode = std::get<MemberRegistered>(zoe.registration.payload).member.code;
    const std::string nobodysCode = generateMemberCode([&](const std::string& c) { return c == zoeCode; });
    const TimeMs fourMonthsAgo = monthsBefore(systemNowMs(), 4);
    const auto typed = [&](const std::string& code) {
        return fleurie.event(VisitStarted{newUuid7(fourMonthsAgo), fleurie.siteId(), kPlace, std::nullopt, fourMonthsAgo, code},
                             fourMonthsAgo);
    };
    const Event zoeTyped = typed(zoeCode);       // resolved to Zoé
    const Event nobodyTyped = typed(nobodysCode);  // resolved to nobody
    const Event zoeKnown = fleurie.event(
        VisitStarted{newUuid7(fourMonthsAgo), fleurie.siteId(), kPlace, std::string("m-zoe"), fourMonthsAgo}, fourMonthsAgo);
    REQUIRE(hub.post("/api/v1/sync", fleurie.syncBody({zoeTyped, nobodyTyped, zoeKnown}), fleurie.token()).status == 200);
    // The same id again with another content: kept for the coordinator.
    Event reused = zoeKnown;
    std::get<VisitStarted>(reused.payload).at += kMinuteMs;
    REQUIRE(hub.post("/api/v1/sync", fleurie.syncBody({reused}), fleurie.token()).status == 409);
    REQUIRE(hub.count("SELECT count(*) FROM hub_conflicts") == 1);

    RetentionService(hub.storage(), systemNowMs).apply();

    Database db(hub.databasePath());
    for (const Event* visit : {&zoeTyped, &nobodyTyped, &zoeKnown}) {
        const std::string& visitId = std::get<VisitStarted>(visit->payload).visitId;
        for (const std::string& person : {std::string("m-zoe"), zoeCode, nobodysCode}) {
            INFO("visit " << visitId << ", " << person);
            CHECK(cowork::testing::tablesLinking(db, visitId, person) == std::vector<std::string>{});
        }
    }
    CHECK(hub.count("SELECT count(*) FROM visits") == 3);  // still counted
    const std::string bytes = cowork::testing::checkpointedBytes(hub.databasePath());
    CHECK(bytes.find(nobodysCode) == std::string::npos);
    CHECK(bytes.find("\"member_code\":\"" + zoeCode + "\"") == std::string::npos);
    CHECK(bytes.find("\"member_id\":\"m-zoe\"") == std::string::npos);
}

TEST_CASE("a registration the hub forgot, pushed again by a kiosk after a new epoch, stays forgotten", "[hub][privacy][epoch]") {
    RunningHub hub;
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const MemberHistory gone = memberWithVisits(fleurie, "m-gone", 20, {});
    sync(hub, fleurie, gone);
    REQUIRE(RetentionService(hub.storage(), systemNowMs).apply().membersForgotten == 1);

    // A kiosk that still holds it sends it again, as it does for a restored hub.
    const Reply again = hub.post("/api/v1/sync", fleurie.syncBody({gone.registration}), fleurie.token());
    REQUIRE(again.status == 200);
    CHECK(again.json()["acked"] == Json::array({gone.registration.id}));
    CHECK(hub.count("SELECT count(*) FROM members") == 0);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind <> 'member.forgotten' AND payload LIKE '%m-gone%'") == 0);
    // Another kiosk is not told of her.
    FakeKiosk villie(hub, "villie-morgon-bar");
    CHECK(cowork::hub::testing::syncAccepted(hub, villie, villie.syncRequest({})).changes.members.empty());
}

TEST_CASE("a visit whose link the hub removed does not regain it when a kiosk pushes it again", "[hub][privacy][epoch]") {
    RunningHub hub;
    FakeKiosk fleurie(hub, "fleurie-boulangerie");
    const MemberHistory zoe = memberWithVisits(fleurie, "m-zoe", 5, {4});
    sync(hub, fleurie, zoe);
    REQUIRE(RetentionService(hub.storage(), systemNowMs).apply().visitsUnlinked == 1);

    const Reply again = hub.post("/api/v1/sync", fleurie.syncBody({zoe.visits[0]}), fleurie.token());
    CHECK(again.status == 200);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id IS NOT NULL") == 0);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'visit.started' AND payload LIKE '%m-zoe%'") == 0);
    CHECK(hub.count("SELECT count(*) FROM hub_conflicts") == 0);
}

// An ended session is of no use, but its row holds an e-mail and a CSRF token:
// it must not wait for its token to come back to be deleted.
TEST_CASE("retention deletes console sessions that expired or went idle", "[hub][privacy][console]") {
    RunningHub hub;
    hub.logInAs(Role::Elected, "elu@ccsb.example");  // idle by the time retention runs
    const std::string userId = hub.storage().userWithEmail("elu@ccsb.example")->id;
    const TimeMs later = systemNowMs() + 31 * kMinuteMs;
    hub.storage().createSession(userId, later - kMinuteMs, later - 1);          // expired, used a minute ago
    const NewSession live = hub.storage().createSession(userId, later - 10 * kMinuteMs, later + kHourMs);
    REQUIRE(hub.count("SELECT count(*) FROM hub_sessions") == 3);

    const RetentionReport report = RetentionService(hub.storage(), [later] { return later; }).apply();
    CHECK(report.sessionsDeleted == 2);
    CHECK(hub.count("SELECT count(*) FROM hub_sessions") == 1);
    CHECK(hub.count("SELECT count(*) FROM hub_sessions WHERE token_hash = '" + sha256Hex(live.token) + "'") == 1);
}
