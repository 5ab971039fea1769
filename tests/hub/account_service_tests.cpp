// AccountService with a principal made for each role: who may manage accounts,
// what it writes to the audit log, and when it e-mails an invitation.
#include <catch2/catch.hpp>

#include "security/secrets.hpp"
#include "service/account_service.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "test_support.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

struct RecordingAudit final : AuditLog {
    std::vector<std::pair<Principal, AuditRecord>> records;
    void record(const Principal& who, const AuditRecord& what) override { records.emplace_back(who, what); }
};

struct Accounts {
    cowork::testing::TempDir dir;
    SqliteHubStorage storage{dir.file("hub.db")};
    Clock clock = [] { return TimeMs{1'780'000'000'000}; };
    LoginService login{storage, clock};
    RecordingAudit audit;
    std::vector<InvitationMail> mailed;
    AccountService service{storage, login, audit, clock, [this](const InvitationMail& mail) {
                               mailed.push_back(mail);
                               return true;
                           }};
    Principal coordinator{"c1", "coord@ccsb.example", Role::Coordinator, {}};
};

const std::string kInvite = R"({"email": "elu@ccsb.example", "role": "elected"})";

}  // namespace

TEST_CASE("only a coordinator manages accounts", "[hub][accounts][service]") {
    Accounts a;
    const Principal animator{"a1", "anim@ccsb.example", Role::Animator, {"fleurie-boulangerie"}};
    const Principal elected{"e1", "elu@ccsb.example", Role::Elected, {}};
    for (const Principal& principal : {animator, elected}) {
        CHECK_THROWS_AS(a.service.listUsers(principal), ApiError);
        CHECK_THROWS_AS(a.service.inviteUser(principal, kInvite, "hub.example"), ApiError);
        CHECK_THROWS_AS(a.service.disableUser(principal, "c1"), ApiError);
        CHECK_THROWS_AS(a.service.renewInvitation(principal, "c1", "hub.example"), ApiError);
    }
    CHECK(a.storage.users().empty());
    CHECK(a.audit.records.empty());
    CHECK(a.service.listUsers(a.coordinator)["users"].empty());
}

TEST_CASE("an invitation is e-mailed with its link and audited without its token", "[hub][accounts][service]") {
    Accounts a;
    const Json invited = a.service.inviteUser(a.coordinator, kInvite, "hub.example:8443");
    const std::string url = invited["invitation_url"];
    CHECK(url.rfind("https://hub.example:8443/#/invitation/", 0) == 0);
    CHECK(invited["emailed"] == true);
    REQUIRE(a.mailed.size() == 1);
    CHECK(a.mailed[0].to == "elu@ccsb.example");
    CHECK(a.mailed[0].url == url);
    CHECK(a.mailed[0].roleLabel == "élu");
    REQUIRE(a.audit.records.size() == 1);
    const auto& [who, what] = a.audit.records[0];
    CHECK(who.userId == "c1");
    CHECK(what.action == "user.invited");
    CHECK(what.after["email"] == "elu@ccsb.example");
    const std::string token = url.substr(url.rfind('/') + 1);
    CHECK(what.after.dump().find(token) == std::string::npos);
}

TEST_CASE("a request whose Host could carry more than a host name invites no one", "[hub][accounts][service]") {
    Accounts a;
    CHECK_THROWS_AS(a.service.inviteUser(a.coordinator, kInvite, "evil.example/phish?"), ApiError);
    CHECK_THROWS_AS(a.service.inviteUser(a.coordinator, kInvite, ""), ApiError);
    CHECK(a.storage.users().empty());
    CHECK(a.mailed.empty());
}

TEST_CASE("an invited account cannot log in before it accepts", "[hub][accounts][service]") {
    Accounts a;
    a.service.inviteUser(a.coordinator, kInvite, "hub.example");
    CHECK_THROWS_AS(a.login.logIn("elu@ccsb.example", "", "127.0.0.1"), ApiError);
    CHECK_FALSE(a.storage.userWithEmail("ELU@ccsb.example")->hasPassword);
}

TEST_CASE("a coordinator may not demote nor disable themself", "[hub][accounts][service]") {
    Accounts a;
    const std::string id = a.storage.saveUser(NewUser{"coord@ccsb.example", Role::Coordinator, {}}, hashPassword("un mot de passe solide"),
                                              a.clock());
    const Principal self{id, "coord@ccsb.example", Role::Coordinator, {}};
    CHECK_THROWS_AS(a.service.updateUser(self, id, R"({"role": "animator", "site_ids": ["fleurie-boulangerie"]})"), ApiError);
    CHECK_THROWS_AS(a.service.disableUser(self, id), ApiError);
    CHECK(a.storage.user(id)->role == Role::Coordinator);
    CHECK_FALSE(a.storage.user(id)->disabledAt);
    CHECK(a.audit.records.empty());
}

TEST_CASE("wrong current passwords are throttled as logins are", "[hub][accounts][service]") {
    Accounts a;
    const std::string id = a.storage.saveUser(NewUser{"elu@ccsb.example", Role::Elected, {}}, hashPassword("un mot de passe solide"),
                                              a.clock());
    const Principal elected{id, "elu@ccsb.example", Role::Elected, {}};
    const std::string wrong = R"({"current_password": "pas le bon", "new_password": "une phrase de passe neuve"})";
    for (int i = 0; i < kMaxLoginFailures; ++i) {
        try {
            a.service.changePassword(elected, "", wrong);
            FAIL("a wrong current password was taken");
        } catch (const ApiError& e) {
            CHECK(e.status() == 403);
        }
    }
    try {
        a.service.changePassword(elected, "", R"({"current_password": "un mot de passe solide", "new_password": "une phrase de passe neuve"})");
        FAIL("not throttled");
    } catch (const ApiError& e) {
        CHECK(e.status() == 429);
    }
    CHECK(verifyPassword(*a.storage.passwordHashOf(id), "un mot de passe solide"));
}

namespace {

// Each attempt from its own address: only the account's count is at stake.
std::string addressNumber(int i) { return "192.0.2." + std::to_string(i + 1); }

int loginStatus(LoginService& login, const std::string& email, const std::string& password, const std::string& address) {
    try {
        login.logIn(email, password, address);
        return 200;
    } catch (const ApiError& e) {
        return e.status();
    }
}

}  // namespace

// Accounts match whatever the case of the e-mail typed: so must their count of
// failures, or each casing of one address gets its own five tries.
TEST_CASE("failed logins count for the account whatever the case of its e-mail", "[hub][accounts][service][security]") {
    Accounts a;
    const std::string id = a.storage.saveUser(NewUser{"elu@ccsb.example", Role::Elected, {}}, hashPassword("un mot de passe solide"),
                                              a.clock());
    for (int i = 0; i < kMaxLoginFailures; ++i) {
        CHECK(loginStatus(a.login, "Elu@ccsb.example", "pas le bon", addressNumber(i)) == 401);
    }
    CHECK(loginStatus(a.login, "elu@CCSB.example", "un mot de passe solide", addressNumber(10)) == 429);
    // The change of one's own password counts against the same account.
    const Principal elected{id, "elu@ccsb.example", Role::Elected, {}};
    try {
        a.login.requireCurrentPassword(elected, "un mot de passe solide");
        FAIL("not throttled");
    } catch (const ApiError& e) {
        CHECK(e.status() == 429);
    }
}

TEST_CASE("failed logins for an unknown e-mail count whatever its case", "[hub][accounts][service][security]") {
    Accounts a;
    for (int i = 0; i < kMaxLoginFailures; ++i) {
        CHECK(loginStatus(a.login, i % 2 ? "Personne@ccsb.example" : "personne@CCSB.example", "pas le bon", addressNumber(i)) == 401);
    }
    CHECK(loginStatus(a.login, "PERSONNE@ccsb.example", "pas le bon", addressNumber(10)) == 429);
}

// One subscriber holds a whole IPv6 /64: each of its addresses its own five
// tries would be no limit at all. IPv4 addresses are still counted one by one.
TEST_CASE("failed logins count for an IPv6 address's /64, and for an IPv4 address alone", "[hub][accounts][service][security]") {
    Accounts a;
    int unknown = 0;
    const auto failWith = [&](const std::string& address) {
        return loginStatus(a.login, "inconnu" + std::to_string(++unknown) + "@example.org", "x", address);
    };
    for (int i = 0; i < kMaxLoginFailures; ++i) CHECK(failWith("2001:db8:1:2::a" + std::to_string(i)) == 401);
    CHECK(failWith("2001:db8:1:2:ffff:ffff:ffff:ffff") == 429);
    CHECK(failWith("2001:db8:1:3::a0") == 401);  // the next /64 is someone else
    for (int i = 0; i < kMaxLoginFailures; ++i) CHECK(failWith(addressNumber(i)) == 401);
    CHECK(failWith(addressNumber(kMaxLoginFailures)) == 401);
}

// The reset link is what a coordinator sends someone locked out: once it is
// accepted, the new password must work at once.
TEST_CASE("accepting a reset link ends the account's sessions and its lockout", "[hub][accounts][service][security]") {
    Accounts a;
    const std::string id = a.storage.saveUser(NewUser{"elu@ccsb.example", Role::Elected, {}}, hashPassword("un mot de passe solide"),
                                              a.clock());
    const NewSession before = a.login.logIn("elu@ccsb.example", "un mot de passe solide", addressNumber(20));
    for (int i = 0; i < kMaxLoginFailures; ++i) {
        CHECK(loginStatus(a.login, "elu@ccsb.example", "pas le bon", addressNumber(i)) == 401);
    }
    REQUIRE(loginStatus(a.login, "elu@ccsb.example", "un mot de passe solide", addressNumber(10)) == 429);

    const Json renewed = a.service.renewInvitation(a.coordinator, id, "hub.example");
    const std::string url = renewed["invitation_url"];
    const AcceptedInvitation accepted =
        a.service.acceptInvitation(Json{{"token", url.substr(url.rfind('/') + 1)}, {"password", "une phrase de passe neuve"}}.dump());

    CHECK_THROWS_AS(a.login.requireSession(before.token), ApiError);
    CHECK(a.login.requireSession(accepted.session.token).principal.userId == id);
    CHECK(loginStatus(a.login, "elu@ccsb.example", "une phrase de passe neuve", addressNumber(11)) == 200);
}
