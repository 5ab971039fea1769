// Members and their personal data in the console (RGPD): search, the member's
// page, export, correction sent on to the kiosks, erasure everywhere, the
// processing register, and the audit entries they leave (ids only).
#include <catch2/catch.hpp>

#include "access/storage_audit_log.hpp"
#include "domain/member_code.hpp"
#include "hub_test_support.hpp"
#include "privacy_probe.hpp"
#include "service/member_data_service.hpp"
#include "store/member_reads.hpp"
#include "sync/kiosk_sync_store.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::FakeKiosk;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;
using cowork::testing::TempDir;

namespace {

const std::string kSite = "fleurie-boulangerie";
const std::string kPlace = "fleurie-boulangerie/fenetre";

std::string freshCode() { return generateMemberCode([](const std::string&) { return false; }); }

Member memberNamed(const std::string& id, const std::string& firstName, const std::string& email) {
    Member member = cowork::testing::sampleMember(id, freshCode());
    member.firstName = firstName;
    member.email = email;
    member.consentAt = systemNowMs();
    return member;
}

// A member registered at the kiosk, with a visit and a message to the animator.
struct SignedUp {
    Member member;
    Event registration;
    std::string visitId;
};

SignedUp signUpWithVisit(RunningHub& hub, FakeKiosk& kiosk, const Member& member, bool withMessage = true) {
    const TimeMs now = systemNowMs();
    SignedUp s{member, kiosk.event(MemberRegistered{member}, now), newUuid7(now)};
    std::vector<Event> events{s.registration, kiosk.event(VisitStarted{s.visitId, kiosk.siteId(), kPlace, member.id, now}, now)};
    if (withMessage) {
        AnimatorMessage message{newUuid7(now), kiosk.siteId(), member.firstName, *member.email, "Le wifi ne marche pas", now};
        events.push_back(kiosk.event(MessageSent{message}, now));
    }
    const Reply reply = hub.post("/api/v1/sync", kiosk.syncBody(events), kiosk.token());
    if (reply.status != 200) throw std::runtime_error("sync refused: " + reply.body);
    return s;
}

Principal as(Role role) {
    Principal p{"u-" + std::string(toString(role)), std::string(toString(role)) + "@ccsb.example", role, {}};
    if (role == Role::Animator) p.siteIds = {kSite};
    return p;
}

std::vector<AuditEntry> auditOf(RunningHub& hub, const std::string& action) {
    AuditQuery query;
    query.action = action;
    return hub.storage().auditEntries(query);
}

// The invariant of the audit log: no member's details in before or after.
void checkHoldsNoPersonalData(const AuditEntry& entry, const Member& member) {
    const std::string text = entry.before.dump() + entry.after.dump();
    for (const std::string& secret : {member.firstName, member.email.value_or("@"), member.code,
                                      formatMemberCode(member.code), member.commune.value_or("@")}) {
        INFO(entry.action << " must not hold " << secret);
        CHECK(text.find(secret) == std::string::npos);
    }
}

struct Download {
    int status = 0;
    std::string body;
    std::string disposition;
    std::string cacheControl;
    std::string contentType;
};

Download download(const RunningHub& hub, const std::string& path) {
    const auto result = hub.client()->Get(path.c_str(), {{"Cookie", "cowork_session=" + hub.session}});
    if (!result) return {};
    return {result->status, result->body, result->get_header_value("Content-Disposition"),
            result->get_header_value("Cache-Control"), result->get_header_value("Content-Type")};
}

}  // namespace

TEST_CASE("members' data is the coordinator's alone: an animator or an elected official is refused", "[hub][members]") {
    TempDir dir;
    SqliteHubStorage storage(dir.file("hub.db"));
    StorageAuditLog audit(storage, systemNowMs);
    MemberDataService members(storage, audit, systemNowMs);
    const Member zoe = memberNamed("m-zoe", "Zoé", "zoe@example.org");
    storage.recordHubEvents({MemberRegistered{zoe}}, systemNowMs());

    for (const Role role : {Role::Animator, Role::Elected}) {
        INFO(toString(role));
        const Principal who = as(role);
        const auto refused = [](auto action) {
            try {
                action();
            } catch (const ApiError& e) {
                return e.status();
            }
            return 200;
        };
        CHECK(refused([&] { members.search(who, R"({"query": "zo"})"); }) == 403);
        CHECK(refused([&] { members.details(who, "m-zoe"); }) == 403);
        CHECK(refused([&] { members.exportData(who, "m-zoe", "json"); }) == 403);
        CHECK(refused([&] { members.correct(who, "m-zoe", R"({"first_name": "Zoë"})"); }) == 403);
        CHECK(refused([&] { members.forget(who, "m-zoe"); }) == 403);
        CHECK(refused([&] { members.processingRegister(who); }) == 403);
    }
    CHECK(loadMember(Store(dir.file("hub.db"), StoreRole::Hub).db(), "m-zoe")->firstName == "Zoé");
    CHECK(storage.auditEntries(AuditQuery{}).empty());
    CHECK(members.search(as(Role::Coordinator), R"({"query": "zo"})")["members"].size() == 1);
}

TEST_CASE("search finds a member code exactly, case and separators aside, or a first-name prefix, accents aside", "[hub][members]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, kSite);
    const SignedUp elodie = signUpWithVisit(hub, kiosk, memberNamed("m-elodie", "Élodie", "elodie@example.org"));
    signUpWithVisit(hub, kiosk, memberNamed("m-eloise", "Eloïse", "eloise@example.org"));
    signUpWithVisit(hub, kiosk, memberNamed("m-zoe", "Zoé", "zoe@example.org"));

    const Reply byName = hub.admin("POST", "/api/v1/admin/members/search", R"({"query": "elo"})");
    REQUIRE(byName.status == 200);
    REQUIRE(byName.json()["members"].size() == 2);
    const Json first = byName.json()["members"][0];
    CHECK(first["id"] == "m-elodie");
    CHECK(first["first_name"] == "Élodie");
    CHECK(first["code"] == formatMemberCode(elodie.member.code));
    CHECK(first["commune"] == "Chénas");
    CHECK(first["last_seen"].is_number_integer());
    CHECK(hub.admin("POST", "/api/v1/admin/members/search", R"({"query": "ÉLO"})").json()["members"].size() == 2);

    // Typed as on a card, lower case and with a space instead of the dash.
    std::string typed = formatMemberCode(elodie.member.code);
    typed[3] = ' ';
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const Reply byCode = hub.admin("POST", "/api/v1/admin/members/search", Json{{"query", typed}}.dump());
    REQUIRE(byCode.json()["members"].size() == 1);
    CHECK(byCode.json()["members"][0]["id"] == "m-elodie");
    CHECK(hub.admin("POST", "/api/v1/admin/members/search", R"({"query": "xavier"})").json()["members"].empty());

    const Reply empty = hub.admin("POST", "/api/v1/admin/members/search", R"({"query": "  "})");
    CHECK(empty.status == 400);
    CHECK(empty.json()["field"] == "query");
}

TEST_CASE("search gives 50 members at most", "[hub][members]") {
    TempDir dir;
    SqliteHubStorage storage(dir.file("hub.db"));
    StorageAuditLog audit(storage, systemNowMs);
    MemberDataService members(storage, audit, systemNowMs);
    std::vector<EventPayload> registrations;
    for (int i = 0; i < 55; ++i) registrations.push_back(MemberRegistered{memberNamed("m-" + std::to_string(i), "Marie", "m@example.org")});
    storage.recordHubEvents(registrations, systemNowMs());
    const Json found = members.search(as(Role::Coordinator), R"({"query": "mar"})");
    CHECK(found["members"].size() == kMaxMembersFound);
    CHECK(found["truncated"] == true);
}

TEST_CASE("a member's page shows their registration, their linked visits and their messages", "[hub][members]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, kSite);
    const SignedUp zoe = signUpWithVisit(hub, kiosk, memberNamed("m-zoe", "Zoé", "zoe@example.org"));

    const Reply page = hub.admin("GET", "/api/v1/admin/members/m-zoe");
    REQUIRE(page.status == 200);
    const Json data = page.json();
    CHECK(data["member"]["first_name"] == "Zoé");
    CHECK(data["member"]["email"] == "zoe@example.org");
    CHECK(data["member"]["commune"] == "Chénas");
    CHECK(data["member"]["code"] == formatMemberCode(zoe.member.code));
    CHECK(data["member"]["consent_at"] == zoe.member.consentAt);
    CHECK(data["member"]["sign_up_site_id"] == kSite);
    REQUIRE(data["visits"].size() == 1);
    CHECK(data["visits"][0]["id"] == zoe.visitId);
    CHECK(data["visits"][0]["site_id"] == kSite);
    CHECK(data["visits"][0]["place_id"] == kPlace);
    CHECK(data["visits"][0]["ended_at"].is_null());
    REQUIRE(data["messages"].size() == 1);
    CHECK(data["messages"][0]["text"] == "Le wifi ne marche pas");
    CHECK(data["link_months"] == 3);

    const Reply unknown = hub.admin("GET", "/api/v1/admin/members/m-personne");
    CHECK(unknown.status == 404);
    CHECK(unknown.json()["field"] == "member_id");
}

TEST_CASE("export in JSON and CSV: a download not cached, recorded in the audit by ids", "[hub][members]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, kSite);
    const SignedUp zoe = signUpWithVisit(hub, kiosk, memberNamed("m-zoe", "Zoé", "zoe@example.org"));

    const Download json = download(hub, "/api/v1/admin/members/m-zoe/export?format=json");
    REQUIRE(json.status == 200);
    CHECK(json.disposition == "attachment; filename=\"donnees-membre-m-zoe.json\"");
    CHECK(json.cacheControl == "no-store");
    CHECK(json.contentType.rfind("application/json", 0) == 0);
    const Json data = parseJson(json.body);
    CHECK(data["member"]["email"] == "zoe@example.org");
    CHECK(data["visits"].size() == 1);
    CHECK(data["messages"].size() == 1);

    const Download csv = download(hub, "/api/v1/admin/members/m-zoe/export?format=csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.disposition == "attachment; filename=\"donnees-membre-m-zoe.csv\"");
    CHECK(csv.cacheControl == "no-store");
    CHECK(csv.contentType.rfind("text/csv", 0) == 0);
    CHECK(csv.body.rfind("\xEF\xBB\xBF" "Membre\r\nidentifiant;code;prénom;e-mail;", 0) == 0);
    CHECK(csv.body.find("m-zoe;" + formatMemberCode(zoe.member.code) + ";Zoé;zoe@example.org;") != std::string::npos);
    CHECK(csv.body.find("\r\n\r\nPassages") != std::string::npos);
    CHECK(csv.body.find(zoe.visitId + ";" + kSite + ";" + kPlace + ";") != std::string::npos);
    CHECK(csv.body.find("\r\n\r\nMessages aux animateurs\r\n") != std::string::npos);
    CHECK(csv.body.find("Le wifi ne marche pas") != std::string::npos);

    const Download badFormat = download(hub, "/api/v1/admin/members/m-zoe/export?format=xml");
    CHECK(badFormat.status == 400);
    CHECK(parseJson(badFormat.body)["field"] == "format");

    const auto entries = auditOf(hub, "member.exported");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].objectId == "m-zoe");
    CHECK(entries[0].after["format"] == "csv");
    for (const AuditEntry& entry : entries) checkHoldsNoPersonalData(entry, zoe.member);
}

// What a member typed at the kiosk goes into the coordinator's spreadsheet:
// some spreadsheets skip a leading tab or carriage return and read the formula behind it.
TEST_CASE("a member's export neutralises formulas behind a leading tab or carriage return", "[hub][members][security]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, kSite);
    signUpWithVisit(hub, kiosk, memberNamed("m-tab", "\t=1+1", "tab@example.org"));
    const Download csv = download(hub, "/api/v1/admin/members/m-tab/export?format=csv");
    REQUIRE(csv.status == 200);
    INFO(csv.body);
    CHECK(csv.body.find(";'\t=1+1;tab@example.org;") != std::string::npos);
    CHECK(csv.body.find(";\t=1+1;") == std::string::npos);
}

TEST_CASE("a correction is checked field by field, and a refused one changes nothing", "[hub][members]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk kiosk(hub, kSite);
    const SignedUp zoe = signUpWithVisit(hub, kiosk, memberNamed("m-zoe", "Zoé", "zoe@example.org"));
    const std::string path = "/api/v1/admin/members/m-zoe";
    // The valid body with one field changed.
    const auto with = [](Json body, const char* key, const Json& value) {
        body[key] = value;
        return body;
    };
    const auto refusedField = [&](const Json& body) {
        const Reply reply = hub.admin("PUT", path, body.dump());
        CHECK(reply.status == 400);
        return reply.json()["field"].get<std::string>();
    };
    const Json valid = {{"first_name", "Zoë"}, {"email", "zoe.martin@example.org"}, {"phone", "06 12 34 56 78"},
                        {"employer", "Mairie de Fleurie"}, {"commune", "Juliénas"}};
    CHECK(refusedField(with(valid, "first_name", " ")) == "first_name");
    CHECK(refusedField(with(valid, "first_name", std::string(81, 'a'))) == "first_name");
    CHECK(refusedField(with(valid, "email", "zoe.example.org")) == "email");
    CHECK(refusedField(with(valid, "phone", "06 12")) == "phone");
    CHECK(refusedField(with(valid, "commune", "Lyon")) == "commune");
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'member.corrected'") == 0);
    CHECK(auditOf(hub, "member.corrected").empty());

    const Reply corrected = hub.admin("PUT", path, valid.dump());
    REQUIRE(corrected.status == 200);
    CHECK(corrected.json()["member"]["first_name"] == "Zoë");
    CHECK(corrected.json()["member"]["email"] == "zoe.martin@example.org");
    CHECK(corrected.json()["member"]["commune"] == "Juliénas");
    CHECK(corrected.json()["member"]["code"] == formatMemberCode(zoe.member.code));  // the code stays
    CHECK(hub.admin("GET", path).json()["member"]["phone"] == "06 12 34 56 78");
    CHECK(hub.admin("PUT", path, with(valid, "commune", "Hors du territoire").dump()).status == 200);

    const auto entries = auditOf(hub, "member.corrected");
    REQUIRE(entries.size() == 2);
    CHECK(entries[1].after["fields"] == Json({"first_name", "email", "phone", "employer", "commune"}));
    CHECK(entries[0].after["fields"] == Json({"commune"}));
    Member corrected1 = zoe.member;
    corrected1.firstName = "Zoë";
    corrected1.email = "zoe.martin@example.org";
    corrected1.commune = "Juliénas";
    for (const AuditEntry& entry : entries) {
        checkHoldsNoPersonalData(entry, zoe.member);
        checkHoldsNoPersonalData(entry, corrected1);
    }
}

TEST_CASE("a correction reaches the kiosk where the member signed up, and every kiosk's directory", "[hub][members]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk counter(hub, kSite);
    const SignedUp zoe = signUpWithVisit(hub, counter, memberNamed("m-zoe", "Zoé", "zoe@example.org"));
    // The kiosk where Zoé signed up holds her registration.
    TempDir dir;
    Store kioskStore(dir.file("kiosk.db"));
    kioskStore.applyReceived({zoe.registration}, systemNowMs());
    REQUIRE(loadMember(kioskStore.db(), "m-zoe")->firstName == "Zoé");

    REQUIRE(hub.admin("PUT", "/api/v1/admin/members/m-zoe",
                      R"({"first_name": "Zoë", "email": "zoe.martin@example.org", "commune": "Juliénas"})").status == 200);

    const SyncResponse here = cowork::hub::testing::syncAccepted(hub, counter, counter.syncRequest({}));
    const auto correction = std::find_if(here.changes.events.begin(), here.changes.events.end(),
                                         [](const Event& e) { return e.kind() == "member.corrected"; });
    REQUIRE(correction != here.changes.events.end());
    applySyncResponse(kioskStore, here, systemNowMs(), "boot");
    const auto member = loadMember(kioskStore.db(), "m-zoe");
    REQUIRE(member);
    CHECK(member->firstName == "Zoë");
    CHECK(member->email == "zoe.martin@example.org");
    CHECK(member->commune == "Juliénas");
    CHECK(member->code == zoe.member.code);

    // Elsewhere: the directory's first name, not the rest of the correction.
    FakeKiosk elsewhere(hub, "beaujeu-tiers-lieu");
    const SyncResponse there = cowork::hub::testing::syncAccepted(hub, elsewhere, elsewhere.syncRequest({}));
    CHECK(std::none_of(there.changes.events.begin(), there.changes.events.end(),
                       [](const Event& e) { return e.kind() == "member.corrected"; }));
    REQUIRE(!there.changes.members.empty());
    CHECK(there.changes.members.back().memberId == "m-zoe");
    CHECK(there.changes.members.back().firstName == "Zoë");
    CHECK(there.changes.members.back().code == zoe.member.code);
}

TEST_CASE("erasure forgets the member on the hub at once and on the kiosks at their next sync", "[hub][members][privacy]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    FakeKiosk counter(hub, kSite);
    // Her message to the animator gives her e-mail: it goes with her (message_privacy_tests.cpp).
    const SignedUp zoe = signUpWithVisit(hub, counter, memberNamed("m-zoe", "Zoéline", "zoeline@example.org"));
    TempDir dir;
    Store kioskStore(dir.file("kiosk.db"));
    kioskStore.applyReceived({zoe.registration}, systemNowMs());
    // A correction first: its event holds her details too and must go with her.
    REQUIRE(hub.admin("PUT", "/api/v1/admin/members/m-zoe",
                      R"({"first_name": "Zoélinette", "email": "zoelinette@example.org"})").status == 200);
    const SyncResponse corrected = cowork::hub::testing::syncAccepted(hub, counter, counter.syncRequest({}));
    applySyncResponse(kioskStore, corrected, systemNowMs(), "boot");
    REQUIRE(loadMember(kioskStore.db(), "m-zoe")->firstName == "Zoélinette");

    const Reply erased = hub.admin("DELETE", "/api/v1/admin/members/m-zoe");
    REQUIRE(erased.status == 200);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind = 'member.forgotten' AND json_extract(payload, '$.member_id') = 'm-zoe'") == 1);
    CHECK(hub.count("SELECT count(*) FROM members") == 0);
    CHECK(hub.count("SELECT count(*) FROM events WHERE kind IN ('member.registered', 'member.corrected')") == 0);
    CHECK(hub.count("SELECT count(*) FROM visits WHERE member_id IS NOT NULL") == 0);
    CHECK(hub.count("SELECT count(*) FROM visits") == 1);  // still counted, anonymous
    CHECK(hub.admin("GET", "/api/v1/admin/members/m-zoe").status == 404);
    CHECK(hub.admin("DELETE", "/api/v1/admin/members/m-zoe").status == 404);

    const SyncResponse next = cowork::hub::testing::syncAccepted(hub, counter, counter.syncRequest({}, corrected.cursor));
    CHECK(std::any_of(next.changes.events.begin(), next.changes.events.end(), [](const Event& e) {
        const auto* forgotten = std::get_if<MemberForgotten>(&e.payload);
        return forgotten && forgotten->memberId == "m-zoe";
    }));
    applySyncResponse(kioskStore, next, systemNowMs(), "boot");
    CHECK_FALSE(loadMember(kioskStore.db(), "m-zoe"));
    CHECK(cowork::testing::tablesContaining(kioskStore.db(), "Zoéline").empty());

    // Searched in the raw file: the registration's and the correction's first names and e-mails.
    const std::string bytes = cowork::testing::checkpointedBytes(hub.databasePath());
    for (const std::string& secret : {std::string("Zoéline"), std::string("zoeline@example.org"),
                                      std::string("zoelinette@example.org"), std::string("Le wifi ne marche pas")}) {
        INFO(secret);
        CHECK(bytes.find(secret) == std::string::npos);
    }
    const auto entries = auditOf(hub, "member.forgotten");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].objectId == "m-zoe");
    CHECK(entries[0].after.is_null());
    checkHoldsNoPersonalData(entries[0], zoe.member);
}

TEST_CASE("the processing register follows the settings, and a saved setting is audited", "[hub][members]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const auto retentionMonths = [&](const std::string& id) {
        const Json reg = hub.admin("GET", "/api/v1/admin/processing-register").json();
        for (const Json& item : reg["retention"]) {
            if (item["id"] == id) return item["months"].get<int>();
        }
        return -1;
    };
    const Reply reg = hub.admin("GET", "/api/v1/admin/processing-register");
    REQUIRE(reg.status == 200);
    CHECK(reg.json()["controller"]["name"] == kDefaultController);
    CHECK(reg.json()["purposes"].size() == 5);
    CHECK(retentionMonths("visit_link") == 3);
    CHECK(retentionMonths("messages") == 3);
    CHECK(retentionMonths("members") == 13);
    CHECK(retentionMonths("audit") == 12);
    CHECK(retentionMonths("backups") == 3);
    CHECK(retentionMonths("animation") == 36);  // pay records

    for (const char* bad : {R"({"visit_link_months": 0})", R"({"visit_link_months": 4})", R"({"visit_link_months": "2"})"}) {
        const Reply refused = hub.admin("PUT", "/api/v1/admin/settings", bad);
        CHECK(refused.status == 400);
        CHECK(refused.json()["field"] == "visit_link_months");
    }
    CHECK(auditOf(hub, "settings.saved").empty());

    REQUIRE(hub.admin("PUT", "/api/v1/admin/settings", R"({"visit_link_months": 1})").status == 200);
    CHECK(retentionMonths("visit_link") == 1);
    CHECK(retentionMonths("messages") == 1);
    CHECK(retentionMonths("backups") == 1);
    const auto entries = auditOf(hub, "settings.saved");
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].before["visit_link_months"] == 3);
    CHECK(entries[0].after["visit_link_months"] == 1);
    CHECK(entries[0].userEmail == "coord@ccsb.example");

    hub.storage().saveSetting("controller_name", "Communauté de Communes de test");
    CHECK(hub.admin("GET", "/api/v1/admin/processing-register").json()["controller"]["name"] == "Communauté de Communes de test");
}

TEST_CASE("the processing register names the e-mail relay only when SMTP is set", "[hub][members]") {
    TempDir dir;
    SqliteHubStorage storage(dir.file("hub.db"));
    StorageAuditLog audit(storage, systemNowMs);
    const auto recipients = [&](const std::string& relay) {
        std::vector<std::string> ids;
        const Json reg = MemberDataService(storage, audit, systemNowMs, relay).processingRegister(as(Role::Coordinator));
        for (const Json& r : reg["recipients"]) {
            ids.push_back(r["id"]);
        }
        return ids;
    };
    CHECK(recipients("") == std::vector<std::string>{"coordinators", "animators", "elected"});
    CHECK(recipients("smtp.ccsb.example:587") == std::vector<std::string>{"coordinators", "animators", "elected", "mail_relay"});
}

TEST_CASE("a kiosk may not write a member's correction: it is the coordinator's", "[hub][members]") {
    RunningHub hub;
    FakeKiosk kiosk(hub, kSite);
    signUpWithVisit(hub, kiosk, memberNamed("m-zoe", "Zoé", "zoe@example.org"), false);
    const Event forged = kiosk.event(MemberCorrected{"m-zoe", kSite, "Intrus", std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    CHECK(hub.post("/api/v1/sync", kiosk.syncBody({forged}), kiosk.token()).status == 403);
    CHECK(hub.count("SELECT count(*) FROM members WHERE first_name = 'Zoé'") == 1);
}
