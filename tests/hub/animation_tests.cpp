// Animators' hours on the hub: the coordinator's designation (sent to kiosks),
// sessions arriving by sync once, the coordinator's confirmation or correction,
// the monthly CSV for pay, an animator reading only their own hours, and the
// pay records' retention and erasure rules.
#include <catch2/catch.hpp>

#include "access/storage_audit_log.hpp"
#include "domain/animation_hours.hpp"
#include "domain/member_code.hpp"
#include "hub_test_support.hpp"
#include "service/animation_service.hpp"
#include "service/retention_service.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;
using cowork::testing::TempDir;

namespace {

const std::string kSite = "fleurie-boulangerie";
const std::string kOtherSite = "beaujeu-tiers-lieu";

Member member(const std::string& id, const std::string& firstName) {
    Member m = cowork::testing::sampleMember(id, generateMemberCode([](const std::string&) { return false; }));
    m.firstName = firstName;
    m.email = id + "@example.org";
    m.consentAt = systemNowMs();
    return m;
}

// 10:00 on the 10th of last month, Paris time: in the past, inside one month.
struct LastMonth {
    TimeMs morning = 0;
    std::string month;  // "2026-11"
};
LastMonth lastMonth() {
    const LocalDate today = toParisLocal(systemNowMs()).date;
    const LocalDate day = addMonths({today.year, today.month, 10}, -1);
    char text[8];
    std::snprintf(text, sizeof text, "%04d-%02d", day.year, day.month);
    return {parisLocalToUtc(day, 10 * 60), text};
}

void sync(RunningHub& hub, FakeKiosk& kiosk, const std::vector<Event>& events) {
    const Reply reply = hub.post("/api/v1/sync", kiosk.syncBody(events), kiosk.token());
    INFO(reply.body);
    REQUIRE(reply.status == 200);
}

std::vector<AuditEntry> auditOf(RunningHub& hub, const std::string& action) {
    AuditQuery query;
    query.action = action;
    return hub.storage().auditEntries(query);
}

std::string designation(const std::vector<std::string>& sites) { return Json{{"site_ids", sites}}.dump(); }

// Léa and Paul signed up at the bakery; Léa animates it.
struct Network {
    Member lea = member("m-lea", "Léa");
    Member paul = member("m-paul", "Paul");
};

Network signUpAndDesignate(RunningHub& hub, FakeKiosk& kiosk) {
    Network n;
    sync(hub, kiosk, {kiosk.event(MemberRegistered{n.lea}), kiosk.event(MemberRegistered{n.paul})});
    REQUIRE(hub.admin("PUT", "/api/v1/admin/animators/m-lea", designation({kSite})).status == 200);
    REQUIRE(hub.admin("PUT", "/api/v1/admin/animators/m-paul", designation({kSite})).status == 200);
    return n;
}

}  // namespace

TEST_CASE("the coordinator designates an animator: every kiosk hears it, the audit log keeps ids", "[hub][animation]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk bakery(hub, kSite);
    FakeKiosk other(hub, kOtherSite);
    const Member lea = member("m-lea", "Léa");
    sync(hub, bakery, {bakery.event(MemberRegistered{lea})});

    CHECK(hub.admin("PUT", "/api/v1/admin/animators/m-lea", designation({kSite, "nulle-part"})).status == 400);
    CHECK(hub.admin("PUT", "/api/v1/admin/animators/m-inconnu", designation({kSite})).status == 404);
    CHECK(hub.admin("PUT", "/api/v1/admin/animators/m-lea", "{}").json()["field"] == "site_ids");
    const Reply set = hub.admin("PUT", "/api/v1/admin/animators/m-lea", designation({kSite}));
    REQUIRE(set.status == 200);

    const Json listed = hub.admin("GET", "/api/v1/admin/animators").json()["animators"];
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["first_name"] == "Léa");
    CHECK(listed[0]["site_ids"] == Json::array({kSite}));

    // Another site's kiosk receives it too (a member may animate several sites).
    const SyncResponse answer = cowork::hub::testing::syncAccepted(hub, other, other.syncRequest({}));
    bool heard = false;
    for (const Event& event : answer.changes.events) heard = heard || event.kind() == "member.animator_set";
    CHECK(heard);

    const auto entries = auditOf(hub, "member.animator_set");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].objectId == "m-lea");
    CHECK(entries[0].before["site_ids"] == Json::array());
    CHECK(entries[0].after["site_ids"] == Json::array({kSite}));
    CHECK((entries[0].before.dump() + entries[0].after.dump()).find("Léa") == std::string::npos);

    hub.logInAs(Role::Animator, "anim@ccsb.example", {kSite});
    CHECK(hub.admin("PUT", "/api/v1/admin/animators/m-lea", designation({})).status == 403);
    CHECK(hub.admin("GET", "/api/v1/admin/animators").status == 403);
}

TEST_CASE("a session from a kiosk is counted once however often it comes, and only for the kiosk's own site", "[hub][animation][sync]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk bakery(hub, kSite);
    FakeKiosk other(hub, kOtherSite);
    const Network n = signUpAndDesignate(hub, bakery);
    const LastMonth when = lastMonth();
    const std::string id = newUuid7(when.morning);
    const std::vector<Event> session = {
        bakery.event(AnimationStarted{id, kSite, n.lea.id, when.morning}),
        bakery.event(AnimationEnded{id, when.morning + 90 * kMinuteMs, AnimationEnd::ByAnimator})};
    sync(hub, bakery, session);
    sync(hub, bakery, session);  // the acknowledgement was lost: sent again
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind LIKE 'animation.%'") == 2);
    const Json month = hub.admin("GET", "/api/v1/admin/animation-sessions?month=" + when.month).json();
    REQUIRE(month["sessions"].size() == 1);
    CHECK(month["totals"][0]["hours"] == Approx(1.5));

    // Another site's kiosk cannot end it, nor start one for the bakery.
    CHECK(hub.post("/api/v1/sync", other.syncBody({other.event(AnimationEnded{id, when.morning, AnimationEnd::ByAnimator})}),
                   other.token()).status == 403);
    const std::string forged = newUuid7(when.morning);
    CHECK(hub.post("/api/v1/sync", other.syncBody({other.event(AnimationStarted{forged, kSite, n.lea.id, when.morning})}),
                   other.token()).status == 403);
    const Reply unknown = hub.post(
        "/api/v1/sync", bakery.syncBody({bakery.event(AnimationEnded{newUuid7(when.morning), when.morning, AnimationEnd::ByAnimator})}),
        bakery.token());
    CHECK(unknown.status == 400);
    CHECK(unknown.json()["field"] == "events[0].payload.session_id");
}

TEST_CASE("the coordinator confirms a session closed at closing time or corrects it, audit-logged", "[hub][animation]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk bakery(hub, kSite);
    const Network n = signUpAndDesignate(hub, bakery);
    const LastMonth when = lastMonth();
    const std::string closed = newUuid7(when.morning);
    const std::string forgotten = newUuid7(when.morning + 1);
    sync(hub, bakery, {bakery.event(AnimationStarted{closed, kSite, n.lea.id, when.morning}),
                       bakery.event(AnimationEnded{closed, when.morning + 3 * kHourMs, AnimationEnd::AtClosing}),
                       bakery.event(AnimationStarted{forgotten, kSite, n.paul.id, when.morning}),
                       bakery.event(AnimationEnded{forgotten, when.morning + 9 * kHourMs, AnimationEnd::AtClosing})});
    const auto sessions = [&] { return hub.admin("GET", "/api/v1/admin/animation-sessions?month=" + when.month).json(); };
    CHECK(sessions()["sessions"][0]["to_confirm"] == true);
    CHECK(sessions()["sessions"][1]["to_confirm"] == true);

    // Confirmed as it is: the same times.
    const Json same = {{"started_at", when.morning}, {"ended_at", when.morning + 3 * kHourMs}};
    const Reply confirmed = hub.admin("POST", "/api/v1/admin/animation-sessions/" + closed + "/correction", same.dump());
    REQUIRE(confirmed.status == 200);
    CHECK(confirmed.json()["session"]["to_confirm"] == false);
    CHECK(confirmed.json()["session"]["hours"] == Approx(3.0));

    // Paul forgot to end his: he animated until noon.
    const Json noon = {{"started_at", when.morning}, {"ended_at", when.morning + 2 * kHourMs}};
    REQUIRE(hub.admin("POST", "/api/v1/admin/animation-sessions/" + forgotten + "/correction", noon.dump()).status == 200);
    const Json after = sessions();
    for (const Json& total : after["totals"]) {
        CHECK(total["to_confirm"] == 0);
        CHECK(total["hours"] == Approx(total["member_id"] == n.lea.id ? 3.0 : 2.0));
    }

    const Json backwards = {{"started_at", when.morning}, {"ended_at", when.morning - 1}};
    const Reply refused = hub.admin("POST", "/api/v1/admin/animation-sessions/" + forgotten + "/correction", backwards.dump());
    CHECK(refused.status == 400);
    CHECK(refused.json()["field"] == "ended_at");
    const Json tooLong = {{"started_at", when.morning}, {"ended_at", when.morning + 20 * kHourMs}};
    CHECK(hub.admin("POST", "/api/v1/admin/animation-sessions/" + forgotten + "/correction", tooLong.dump()).status == 400);
    CHECK(hub.admin("POST", "/api/v1/admin/animation-sessions/" + newUuid7(1) + "/correction", noon.dump()).status == 404);

    const auto entries = auditOf(hub, "animation.corrected");
    REQUIRE(entries.size() == 2);  // the refusals left nothing
    CHECK(entries[0].objectId == forgotten);
    CHECK(entries[0].siteId == kSite);
    CHECK(entries[0].before["ended_at"] == when.morning + 9 * kHourMs);
    CHECK(entries[0].before["ended_how"] == "at_closing");
    CHECK(entries[0].after["ended_at"] == when.morning + 2 * kHourMs);

    hub.logInAs(Role::Animator, "anim@ccsb.example", {kSite});
    CHECK(hub.admin("POST", "/api/v1/admin/animation-sessions/" + forgotten + "/correction", noon.dump()).status == 403);
}

TEST_CASE("the month's hours per animator and site download as a French spreadsheet's CSV", "[hub][animation][csv]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk bakery(hub, kSite);
    const Network n = signUpAndDesignate(hub, bakery);
    const LastMonth when = lastMonth();
    const std::string first = newUuid7(when.morning);
    const std::string second = newUuid7(when.morning + 1);
    sync(hub, bakery, {bakery.event(AnimationStarted{first, kSite, n.lea.id, when.morning}),
                       bakery.event(AnimationEnded{first, when.morning + 75 * kMinuteMs, AnimationEnd::ByAnimator}),
                       bakery.event(AnimationStarted{second, kSite, n.lea.id, when.morning + kDayMs}),
                       bakery.event(AnimationEnded{second, when.morning + kDayMs + 3 * kHourMs, AnimationEnd::AtClosing})});
    const auto result = hub.client()->Get(("/api/v1/admin/animation-hours.csv?month=" + when.month).c_str(),
                                          {{"Cookie", "cowork_session=" + hub.session}});
    REQUIRE(result);
    REQUIRE(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(result->get_header_value("Content-Disposition") == "attachment; filename=\"heures-animation-" + when.month + ".csv\"");
    const std::string& csv = result->body;
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);  // the byte-order mark: Excel reads the accents right
    CHECK(csv.find("mois;animateur;identifiant membre;lieu;heures;séances;à confirmer\r\n") == 3);
    CHECK(csv.find(when.month + ";Léa;m-lea;Mini-cowork de la boulangerie;4,25;2;1\r\n") != std::string::npos);
    CHECK(csv.find("Paul") == std::string::npos);  // no hours, no line

    CHECK(hub.admin("GET", "/api/v1/admin/animation-hours.csv?month=2026-13").status == 400);
    CHECK(hub.admin("GET", "/api/v1/admin/animation-hours.csv?month=2026-12%0d%0aX:1").status == 400);
}

TEST_CASE("an animator's account sees its own member's hours once linked, and no one else's", "[hub][animation][roles]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk bakery(hub, kSite);
    const Network n = signUpAndDesignate(hub, bakery);
    const LastMonth when = lastMonth();
    for (const Member* who : {&n.lea, &n.paul}) {
        const std::string id = newUuid7(when.morning);
        sync(hub, bakery, {bakery.event(AnimationStarted{id, kSite, who->id, when.morning}),
                           bakery.event(AnimationEnded{id, when.morning + kHourMs, AnimationEnd::ByAnimator})});
    }
    hub.storage().saveUser(NewUser{"lea@ccsb.example", Role::Animator, {kSite}}, hashPassword(RunningHub::kTestPassword),
                           systemNowMs());
    const std::string leaAccount = hub.storage().userWithEmail("lea@ccsb.example")->id;
    const std::string coordinatorAccount = hub.storage().userWithEmail("coord@ccsb.example")->id;
    CHECK(hub.admin("PUT", "/api/v1/admin/users/" + coordinatorAccount + "/member", R"({"member_id": "m-lea"})").status == 400);
    CHECK(hub.admin("PUT", "/api/v1/admin/users/" + leaAccount + "/member", R"({"member_id": "m-inconnu"})").status == 404);

    REQUIRE(hub.logIn("lea@ccsb.example", RunningHub::kTestPassword).status == 200);
    const Reply unlinked = hub.admin("GET", "/api/v1/admin/animation-sessions?month=" + when.month);
    CHECK(unlinked.status == 403);
    CHECK(unlinked.json()["error"].get<std::string>().find("relié") != std::string::npos);

    hub.logInAsCoordinator();
    const Reply linked = hub.admin("PUT", "/api/v1/admin/users/" + leaAccount + "/member", R"({"member_id": "m-lea"})");
    REQUIRE(linked.status == 200);
    CHECK(linked.json()["user"]["member_id"] == "m-lea");
    const auto entries = auditOf(hub, "user.member_linked");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].after["member_id"] == "m-lea");

    REQUIRE(hub.logIn("lea@ccsb.example", RunningHub::kTestPassword).status == 200);
    CHECK(hub.get("/api/v1/session", {{"Cookie", "cowork_session=" + hub.session}}).json()["user"]["member_id"] == "m-lea");
    const Json own = hub.admin("GET", "/api/v1/admin/animation-sessions?month=" + when.month).json();
    REQUIRE(own["sessions"].size() == 1);
    CHECK(own["sessions"][0]["member_id"] == "m-lea");
    CHECK(hub.admin("GET", "/api/v1/admin/animation-sessions?month=" + when.month + "&member_id=m-paul").status == 403);
    const Reply csv = hub.admin("GET", "/api/v1/admin/animation-hours.csv?month=" + when.month);
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("Léa") != std::string::npos);
    CHECK(csv.body.find("Paul") == std::string::npos);

    hub.logInAs(Role::Elected, "elu@ccsb.example");
    CHECK(hub.admin("GET", "/api/v1/admin/animation-sessions?month=" + when.month).status == 403);
    CHECK(hub.admin("GET", "/api/v1/admin/animation-hours.csv?month=" + when.month).status == 403);
}

TEST_CASE("pay records: a designated animator is not forgotten for absence, an erased one keeps their hours, "
          "and sessions go after 3 years", "[hub][animation][privacy]") {
    TempDir dir;
    SqliteHubStorage storage(dir.file("hub.db"));
    storage.importNetwork(loadNetworkFile(cowork::hub::testing::kDemoNetwork), systemNowMs());
    const TimeMs now = systemNowMs();
    const TimeMs longAgo = monthsBefore(now, 40);
    Member lea = member("m-lea", "Léa");
    lea.consentAt = longAgo;
    Member paul = member("m-paul", "Paul");
    paul.consentAt = longAgo;
    const std::string old = newUuid7(longAgo);
    const std::string recent = newUuid7(now - kDayMs);
    storage.recordHubEvents({MemberRegistered{lea}, MemberRegistered{paul}, AnimatorSet{lea.id, {kSite}},
                             AnimationStarted{old, kSite, paul.id, longAgo},
                             AnimationEnded{old, longAgo + kHourMs, AnimationEnd::ByAnimator},
                             AnimationStarted{recent, kSite, paul.id, now - kDayMs},
                             AnimationEnded{recent, now - kDayMs + kHourMs, AnimationEnd::ByAnimator}},
                            now);
    const RetentionReport report = RetentionService(storage, systemNowMs).apply();
    CHECK(report.membersForgotten == 0);  // Léa is designated, Paul animated yesterday
    CHECK(report.animationSessionsDeleted == 1);
    CHECK_FALSE(storage.animationSession(old));
    CHECK(storage.animationSession(recent));
    CHECK(storage.memberSummary(lea.id));

    // Erasure: the member goes, their designation with them, their hours stay (by id).
    REQUIRE(storage.forgetMember(paul.id, now));
    const auto kept = storage.animationSession(recent);
    REQUIRE(kept);
    CHECK(kept->memberId == paul.id);
    StorageAuditLog audit(storage, systemNowMs);
    AnimationService animation(storage, audit, systemNowMs);
    const Principal coordinator{"u", "c@ccsb.example", Role::Coordinator, {}};
    const LocalDate day = toParisLocal(now - kDayMs).date;
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", day.year, day.month);
    const std::string csv = animation.monthlyCsv(coordinator, month);
    CHECK(csv.find(";(membre effacé);m-paul;") != std::string::npos);
    const auto hours = animatedHoursBySite(storage, day, day);
    CHECK(hours.size() <= 1);  // the session may straddle midnight: its part of that day only
    storage.forgetMember(lea.id, now);
    CHECK(storage.animators().empty());
}
