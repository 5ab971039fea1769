// Console accounts through the API (docs/console-api.md, "Session and
// accounts"): invitations, roles, disabling, one's own password and sessions,
// and the audit log's role checks.
#include <catch2/catch.hpp>

#include "hub_test_support.hpp"
#include "smtp_sink.hpp"

using namespace cowork;
using namespace cowork::hub;
using cowork::hub::testing::Reply;
using cowork::hub::testing::RunningHub;

namespace {

const std::string kNewPassword = "une phrase de passe neuve";

// The token at the end of https://HOST/#/invitation/TOKEN.
std::string tokenOf(const Json& invited) {
    const std::string url = invited["invitation_url"].get<std::string>();
    return url.substr(url.rfind('/') + 1);
}

// A request with no session, as the invitation page sends it.
Reply postAnonymous(const RunningHub& hub, const std::string& path, const Json& body, const httplib::Headers& headers = {}) {
    const auto result = hub.client()->Post(path.c_str(), headers, body.dump(), "application/json");
    if (!result) return {0, ""};
    return {result->status, result->body};
}

Json invite(const RunningHub& hub, const std::string& email, const std::string& role, const Json& sites = Json::array()) {
    const Reply reply = hub.admin("POST", "/api/v1/admin/users", Json{{"email", email}, {"role", role}, {"site_ids", sites}}.dump());
    if (reply.status != 201) throw std::runtime_error("invitation refused: " + reply.body);
    return reply.json();
}

// A second hub client signed in as another account, sharing the hub.
struct OtherSession {
    std::string session;
    std::string csrfToken;
};

OtherSession sessionOf(RunningHub& hub) { return {hub.session, hub.csrfToken}; }
void use(RunningHub& hub, const OtherSession& other) {
    hub.session = other.session;
    hub.csrfToken = other.csrfToken;
}

std::vector<Json> auditEntries(const RunningHub& hub, const std::string& query = "") {
    const Reply reply = hub.admin("GET", "/api/v1/admin/audit" + query);
    if (reply.status != 200) throw std::runtime_error("audit refused: " + reply.body);
    return reply.json()["entries"].get<std::vector<Json>>();
}

}  // namespace

TEST_CASE("a coordinator invites an account: a one-time link valid 7 days, listed as invited", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const Json invited = invite(hub, "anim@ccsb.example", "animator", {"fleurie-boulangerie"});
    const std::string url = invited["invitation_url"];
    CHECK(url.rfind("https://127.0.0.1:" + std::to_string(hub.port()) + "/#/invitation/", 0) == 0);
    CHECK(tokenOf(invited).size() >= 32);
    CHECK(invited["emailed"] == false);  // this hub has no SMTP settings
    const TimeMs expires = invited["invitation_expires_at"];
    CHECK(std::abs(expires - (systemNowMs() + 7 * kDayMs)) < kMinuteMs);
    CHECK(invited["user"]["role"] == "animator");
    CHECK(invited["user"]["invited"] == true);
    CHECK(invited["user"]["disabled"] == false);
    CHECK(invited["user"]["site_ids"] == Json{"fleurie-boulangerie"});

    const Json users = hub.admin("GET", "/api/v1/admin/users").json()["users"];
    REQUIRE(users.size() == 2);
    CHECK(users[0]["email"] == "anim@ccsb.example");
    CHECK(users[1]["email"] == "coord@ccsb.example");
    CHECK(users[1]["invited"] == false);
    // The token is stored hashed: the link is nowhere in the hub's file.
    CHECK(hub.count("SELECT count(*) FROM hub_invitations WHERE token_hash = '" + tokenOf(invited) + "'") == 0);
}

TEST_CASE("an invitation is checked, accepted once, and signs the person in with their role", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const std::string token = tokenOf(invite(hub, "elu@ccsb.example", "elected"));

    const Reply checked = postAnonymous(hub, "/api/v1/invitations/check", {{"token", token}});
    REQUIRE(checked.status == 200);
    CHECK(checked.json() == Json{{"email", "elu@ccsb.example"}, {"role", "elected"}});

    const Reply tooShort = postAnonymous(hub, "/api/v1/invitations/accept", {{"token", token}, {"password", "court"}});
    CHECK(tooShort.status == 400);
    CHECK(tooShort.json()["field"] == "password");

    const auto accepted = hub.client()->Post("/api/v1/invitations/accept", Json{{"token", token}, {"password", kNewPassword}}.dump(),
                                             "application/json");
    REQUIRE(accepted);
    REQUIRE(accepted->status == 200);
    CHECK(accepted->get_header_value("Set-Cookie").find("HttpOnly; Secure; SameSite=Strict") != std::string::npos);
    CHECK(parseJson(accepted->body)["user"]["role"] == "elected");
    CHECK(parseJson(accepted->body)["idle_timeout_s"] == 1800);
    hub.keepSession(*accepted);
    CHECK(hub.admin("GET", "/api/v1/session").json()["user"]["email"] == "elu@ccsb.example");

    // Used once.
    const Reply again = postAnonymous(hub, "/api/v1/invitations/accept", {{"token", token}, {"password", "un autre mot de passe"}});
    CHECK(again.status == 410);
    CHECK(again.json()["field"] == "token");
    CHECK(postAnonymous(hub, "/api/v1/invitations/check", {{"token", token}}).status == 410);
    CHECK(hub.logIn("elu@ccsb.example", kNewPassword).status == 200);
    CHECK(hub.logIn("elu@ccsb.example", "un autre mot de passe").status == 401);
}

TEST_CASE("an invitation expires after 7 days", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const std::string token = tokenOf(invite(hub, "elu@ccsb.example", "elected"));
    hub.clockShiftMs = 7 * kDayMs - kMinuteMs;
    CHECK(postAnonymous(hub, "/api/v1/invitations/check", {{"token", token}}).status == 200);
    hub.clockShiftMs = 7 * kDayMs + kMinuteMs;
    CHECK(postAnonymous(hub, "/api/v1/invitations/check", {{"token", token}}).status == 410);
    CHECK(postAnonymous(hub, "/api/v1/invitations/accept", {{"token", token}, {"password", kNewPassword}}).status == 410);
    CHECK(hub.logIn("elu@ccsb.example", kNewPassword).status == 401);
}

TEST_CASE("invitation routes refuse another origin and a body not in JSON", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const std::string token = tokenOf(invite(hub, "elu@ccsb.example", "elected"));
    const Reply forged = postAnonymous(hub, "/api/v1/invitations/accept", {{"token", token}, {"password", kNewPassword}},
                                       {{"Origin", "https://attaquant.example"}});
    CHECK(forged.status == 403);
    CHECK(forged.json()["field"] == "origin");
    const auto form = hub.client()->Post("/api/v1/invitations/accept", "token=x&password=y", "application/x-www-form-urlencoded");
    REQUIRE(form);
    CHECK(form->status == 415);
    CHECK(postAnonymous(hub, "/api/v1/invitations/check", {{"token", token}}).status == 200);  // still unused
}

TEST_CASE("a new invitation link replaces the old one", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const Json invited = invite(hub, "elu@ccsb.example", "elected");
    const std::string id = invited["user"]["id"];
    const Reply renewed = hub.admin("POST", "/api/v1/admin/users/" + id + "/invitation");
    REQUIRE(renewed.status == 200);
    CHECK(renewed.json()["user"]["id"] == id);
    CHECK(postAnonymous(hub, "/api/v1/invitations/check", {{"token", tokenOf(invited)}}).status == 410);
    CHECK(postAnonymous(hub, "/api/v1/invitations/check", {{"token", tokenOf(renewed.json())}}).status == 200);
}

// A renewed link is how a coordinator resets a password: whoever held the
// account's open sessions (a stolen one too) is signed out by the reset.
TEST_CASE("accepting a reset link ends every session the account had open", "[hub][accounts][security]") {
    RunningHub hub;
    hub.logInAs(Role::Elected, "elu@ccsb.example");
    const OtherSession elected = sessionOf(hub);
    REQUIRE(hub.admin("GET", "/api/v1/session").status == 200);
    hub.logInAsCoordinator();
    const std::string id = hub.storage().userWithEmail("elu@ccsb.example")->id;
    const Reply renewed = hub.admin("POST", "/api/v1/admin/users/" + id + "/invitation");
    REQUIRE(renewed.status == 200);
    const OtherSession coordinator = sessionOf(hub);

    const auto accepted = hub.client()->Post("/api/v1/invitations/accept",
                                             Json{{"token", tokenOf(renewed.json())}, {"password", kNewPassword}}.dump(),
                                             "application/json");
    REQUIRE(accepted);
    REQUIRE(accepted->status == 200);
    CHECK(hub.count("SELECT count(*) FROM hub_sessions WHERE user_id = '" + id + "'") == 1);  // the new one only
    use(hub, elected);
    CHECK(hub.admin("GET", "/api/v1/session").status == 401);
    hub.keepSession(*accepted);
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);
    use(hub, coordinator);  // another account's session is not touched
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);
}

TEST_CASE("creating an account refuses a duplicate e-mail, an unknown role and an animator without a known site", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    invite(hub, "anim@ccsb.example", "animator", {"fleurie-boulangerie"});
    const auto refusal = [&hub](const Json& body) { return hub.admin("POST", "/api/v1/admin/users", body.dump()); };

    const Reply duplicate = refusal({{"email", "ANIM@ccsb.example"}, {"role", "elected"}});
    CHECK(duplicate.status == 409);
    CHECK(duplicate.json()["field"] == "email");
    const Reply role = refusal({{"email", "x@ccsb.example"}, {"role", "maire"}});
    CHECK(role.status == 400);
    CHECK(role.json()["field"] == "role");
    const Reply noSite = refusal({{"email", "x@ccsb.example"}, {"role", "animator"}, {"site_ids", Json::array()}});
    CHECK(noSite.status == 400);
    CHECK(noSite.json()["field"] == "site_ids");
    const Reply unknownSite = refusal({{"email", "x@ccsb.example"}, {"role", "animator"}, {"site_ids", {"nulle-part"}}});
    CHECK(unknownSite.status == 400);
    CHECK(unknownSite.json()["field"] == "site_ids");
    const Reply badEmail = refusal({{"email", "pas une adresse"}, {"role", "elected"}});
    CHECK(badEmail.status == 400);
    CHECK(badEmail.json()["field"] == "email");
    CHECK(hub.admin("GET", "/api/v1/admin/users").json()["users"].size() == 2);  // nothing written
}

TEST_CASE("a coordinator changes an account's role and sites, but not their own role", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const std::string id = invite(hub, "anim@ccsb.example", "animator", {"fleurie-boulangerie"})["user"]["id"];
    const Reply changed = hub.admin("PUT", "/api/v1/admin/users/" + id,
                                    Json{{"role", "animator"}, {"site_ids", {"fleurie-boulangerie", "villie-morgon-bar"}}}.dump());
    REQUIRE(changed.status == 200);
    CHECK(changed.json()["user"]["site_ids"] == Json{"fleurie-boulangerie", "villie-morgon-bar"});
    const Reply unknown = hub.admin("PUT", "/api/v1/admin/users/" + id, Json{{"role", "animator"}, {"site_ids", {"nulle-part"}}}.dump());
    CHECK(unknown.status == 400);
    CHECK(unknown.json()["field"] == "site_ids");
    const Reply elected = hub.admin("PUT", "/api/v1/admin/users/" + id, Json{{"role", "elected"}, {"site_ids", {"fleurie-boulangerie"}}}.dump());
    CHECK(elected.json()["user"]["site_ids"] == Json::array());  // only an animator has sites

    const std::string self = hub.admin("GET", "/api/v1/session").json()["user"]["id"];
    const Reply demoted = hub.admin("PUT", "/api/v1/admin/users/" + self, Json{{"role", "elected"}}.dump());
    CHECK(demoted.status == 409);
    CHECK(demoted.json()["field"] == "role");
    CHECK(hub.admin("GET", "/api/v1/session").json()["user"]["role"] == "coordinator");
    CHECK(hub.admin("PUT", "/api/v1/admin/users/inconnu", Json{{"role", "elected"}}.dump()).status == 404);
}

TEST_CASE("a new role takes effect on the account's open session", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAs(Role::Animator, "anim@ccsb.example", {"fleurie-boulangerie"});
    const auto animator = sessionOf(hub);
    const std::string id = hub.admin("GET", "/api/v1/session").json()["user"]["id"];
    hub.logInAsCoordinator();
    REQUIRE(hub.admin("PUT", "/api/v1/admin/users/" + id, Json{{"role", "elected"}}.dump()).status == 200);
    use(hub, animator);
    const Json user = hub.admin("GET", "/api/v1/session").json()["user"];
    CHECK(user["role"] == "elected");
    CHECK(user["site_ids"] == Json::array());
}

TEST_CASE("disabling an account ends its sessions at once and refuses its logins; enabling lets it in again", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAs(Role::Elected, "elu@ccsb.example");
    const auto elected = sessionOf(hub);
    const std::string id = hub.admin("GET", "/api/v1/session").json()["user"]["id"];
    hub.logInAsCoordinator();
    const Reply disabled = hub.admin("POST", "/api/v1/admin/users/" + id + "/disable");
    REQUIRE(disabled.status == 200);
    CHECK(disabled.json()["user"]["disabled"] == true);
    CHECK(hub.count("SELECT count(*) FROM hub_sessions WHERE user_id = '" + id + "'") == 0);  // ended in the same transaction

    const auto coordinator = sessionOf(hub);
    use(hub, elected);
    CHECK(hub.admin("GET", "/api/v1/session").status == 401);
    const Reply login = hub.logIn("elu@ccsb.example", RunningHub::kTestPassword);
    CHECK(login.status == 403);
    CHECK(login.json()["field"] == "email");
    CHECK(hub.logIn("elu@ccsb.example", "pas le bon mot de passe").status == 401);  // says nothing to a stranger

    use(hub, coordinator);
    CHECK(hub.admin("POST", "/api/v1/admin/users/" + id + "/enable").json()["user"]["disabled"] == false);
    CHECK(hub.logIn("elu@ccsb.example", RunningHub::kTestPassword).status == 200);
}

TEST_CASE("a coordinator cannot disable their own account", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const std::string self = hub.admin("GET", "/api/v1/session").json()["user"]["id"];
    CHECK(hub.admin("POST", "/api/v1/admin/users/" + self + "/disable").status == 409);
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);
}

TEST_CASE("animators and elected officials may not manage accounts nor read the audit log", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const std::string coordinatorId = hub.admin("GET", "/api/v1/session").json()["user"]["id"];
    for (const auto& [role, email] : {std::pair{Role::Animator, "anim@ccsb.example"}, std::pair{Role::Elected, "elu@ccsb.example"}}) {
        hub.logInAs(role, email, role == Role::Animator ? std::set<std::string>{"fleurie-boulangerie"} : std::set<std::string>{});
        CHECK(hub.admin("GET", "/api/v1/admin/users").status == 403);
        CHECK(hub.admin("GET", "/api/v1/admin/audit").status == 403);
        CHECK(hub.admin("POST", "/api/v1/admin/users", Json{{"email", "x@ccsb.example"}, {"role", "coordinator"}}.dump()).status == 403);
        CHECK(hub.admin("PUT", "/api/v1/admin/users/" + coordinatorId, Json{{"role", "elected"}}.dump()).status == 403);
        CHECK(hub.admin("POST", "/api/v1/admin/users/" + coordinatorId + "/disable").status == 403);
        CHECK(hub.admin("POST", "/api/v1/admin/users/" + coordinatorId + "/invitation").status == 403);
    }
    CHECK(hub.storage().users().size() == 3);
}

TEST_CASE("logging out everywhere ends every session of the account, not others'", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAs(Role::Elected, "elu@ccsb.example");
    const auto other = sessionOf(hub);
    hub.logInAsCoordinator();
    const auto first = sessionOf(hub);
    hub.logInAsCoordinator();
    REQUIRE(hub.admin("POST", "/api/v1/session/logout-everywhere").status == 200);
    CHECK(hub.admin("GET", "/api/v1/session").status == 401);
    use(hub, first);
    CHECK(hub.admin("GET", "/api/v1/session").status == 401);
    use(hub, other);
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);
}

TEST_CASE("changing one's password checks the current one and ends the account's other sessions", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const auto first = sessionOf(hub);
    hub.logInAsCoordinator();
    const auto change = [&hub](const std::string& current, const std::string& next) {
        return hub.admin("POST", "/api/v1/session/password", Json{{"current_password", current}, {"new_password", next}}.dump());
    };
    const Reply wrong = change("pas le bon", kNewPassword);
    CHECK(wrong.status == 403);
    CHECK(wrong.json()["field"] == "current_password");
    const Reply tooShort = change(RunningHub::kTestPassword, "court");
    CHECK(tooShort.status == 400);
    CHECK(tooShort.json()["field"] == "new_password");
    CHECK(hub.logIn("coord@ccsb.example", RunningHub::kTestPassword).status == 200);  // nothing changed yet

    REQUIRE(change(RunningHub::kTestPassword, kNewPassword).status == 200);
    CHECK(hub.admin("GET", "/api/v1/session").status == 200);  // this session stays
    use(hub, first);
    CHECK(hub.admin("GET", "/api/v1/session").status == 401);
    CHECK(hub.logIn("coord@ccsb.example", RunningHub::kTestPassword).status == 401);
    CHECK(hub.logIn("coord@ccsb.example", kNewPassword).status == 200);
}

TEST_CASE("every account change is audited, without a password or a token", "[hub][accounts]") {
    RunningHub hub;
    hub.logInAsCoordinator();
    const Json invited = invite(hub, "anim@ccsb.example", "animator", {"fleurie-boulangerie"});
    const std::string id = invited["user"]["id"];
    hub.admin("PUT", "/api/v1/admin/users/" + id, Json{{"role", "elected"}}.dump());
    hub.admin("POST", "/api/v1/admin/users/" + id + "/disable");
    hub.admin("POST", "/api/v1/admin/users/" + id + "/enable");
    const Json renewed = hub.admin("POST", "/api/v1/admin/users/" + id + "/invitation").json();
    hub.admin("POST", "/api/v1/session/password",
              Json{{"current_password", RunningHub::kTestPassword}, {"new_password", kNewPassword}}.dump());

    const std::vector<Json> entries = auditEntries(hub);
    std::vector<std::string> actions;
    for (const Json& entry : entries) actions.push_back(entry["action"]);
    CHECK(actions == std::vector<std::string>{"user.password_changed", "user.invitation_renewed", "user.enabled", "user.disabled",
                                              "user.updated", "user.invited"});
    CHECK(entries.back()["user_email"] == "coord@ccsb.example");
    CHECK(entries.back()["object_id"] == id);
    CHECK(entries[4]["before"]["role"] == "animator");
    CHECK(entries[4]["after"]["role"] == "elected");
    const std::string everything = hub.admin("GET", "/api/v1/admin/audit").body;
    CHECK(everything.find(tokenOf(invited)) == std::string::npos);
    CHECK(everything.find(tokenOf(renewed)) == std::string::npos);
    CHECK(everything.find(RunningHub::kTestPassword) == std::string::npos);
    CHECK(everything.find(kNewPassword) == std::string::npos);
    CHECK(everything.find("argon2") == std::string::npos);
}

TEST_CASE("an invitation is e-mailed when the hub has SMTP settings", "[hub][accounts][mail]") {
    cowork::hub::testing::SmtpSink sink;
    SmtpSettings smtp;
    smtp.url = sink.url();
    smtp.from = "hub@ccsb.example.org";
    RunningHub hub(smtp);
    hub.logInAsCoordinator();
    const Json invited = invite(hub, "anim@ccsb.example", "animator", {"fleurie-boulangerie"});
    CHECK(invited["emailed"] == true);
    REQUIRE(sink.waitForMails(1, std::chrono::seconds(5)));
    const auto mail = sink.mails().front();
    CHECK(mail.to == std::vector<std::string>{"anim@ccsb.example"});
    CHECK(mail.data.find(invited["invitation_url"].get<std::string>()) != std::string::npos);
}
