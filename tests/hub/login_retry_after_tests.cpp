// The wait a throttled login or password check is told (its 429's Retry-After):
// until the fifth-newest failure of the account or of the address stops
// counting, whichever comes last, in whole seconds rounded up.
#include <catch2/catch.hpp>

#include "security/secrets.hpp"
#include "service/login_service.hpp"
#include "storage/sqlite_hub_storage.hpp"
#include "test_support.hpp"

using namespace cowork;
using namespace cowork::hub;

namespace {

constexpr TimeMs kStart = 1'780'000'000'000;

struct Logins {
    cowork::testing::TempDir dir;
    SqliteHubStorage storage{dir.file("hub.db")};
    TimeMs now = kStart;
    LoginService login{storage, [this] { return now; }};
    std::string userId = storage.saveUser(NewUser{"elu@ccsb.example", Role::Elected, {}}, hashPassword("un mot de passe solide"), kStart);

    // The refusal of this attempt, or nothing when it was let through.
    std::optional<ApiError> refusal(const std::string& email, const std::string& password, const std::string& address) {
        try {
            login.logIn(email, password, address);
            return std::nullopt;
        } catch (const ApiError& e) {
            return e;
        }
    }
};

}  // namespace

TEST_CASE("a locked account is told the seconds until its oldest counted failure stops counting", "[hub][throttle][retryafter]") {
    Logins l;
    for (int i = 0; i < kMaxLoginFailures; ++i) {  // one a minute, each from its own address
        l.now = kStart + i * kMinuteMs;
        CHECK(l.refusal("elu@ccsb.example", "pas le bon", "192.0.2." + std::to_string(i + 1))->status() == 401);
    }
    l.now = kStart + 5 * kMinuteMs;
    auto refused = l.refusal("elu@ccsb.example", "un mot de passe solide", "198.51.100.7");
    REQUIRE(refused);
    CHECK(refused->status() == 429);
    CHECK(refused->retryAfterSeconds() == 10 * 60);  // the first failure, at kStart, counts until kStart + 15 min
    CHECK(std::string(refused->what()) == "trop d’essais manqués : réessayez dans 10 minutes");

    l.now = kStart + 15 * kMinuteMs - 1'500;
    refused = l.refusal("elu@ccsb.example", "un mot de passe solide", "198.51.100.7");
    REQUIRE(refused);
    CHECK(refused->retryAfterSeconds() == 2);  // 1.5 s, rounded up
    CHECK(std::string(refused->what()) == "trop d’essais manqués : réessayez dans 2 secondes");

    l.now = kStart + 15 * kMinuteMs;  // four failures left in the window: a try is allowed
    CHECK_FALSE(l.refusal("elu@ccsb.example", "un mot de passe solide", "198.51.100.7"));
}

TEST_CASE("when the account and the address are both locked, the wait is the longer one", "[hub][throttle][retryafter]") {
    Logins l;
    for (int i = 0; i < kMaxLoginFailures; ++i) {  // the address, on unknown accounts
        l.now = kStart + i * 1'000;
        CHECK(l.refusal("inconnu" + std::to_string(i) + "@example.org", "x", "203.0.113.9")->status() == 401);
    }
    for (int i = 0; i < kMaxLoginFailures; ++i) {  // the account, from other addresses, 100 s later
        l.now = kStart + 100'000 + i * 1'000;
        CHECK(l.refusal("elu@ccsb.example", "pas le bon", "192.0.2." + std::to_string(i + 1))->status() == 401);
    }
    l.now = kStart + 200'000;
    const auto refused = l.refusal("elu@ccsb.example", "un mot de passe solide", "203.0.113.9");
    REQUIRE(refused);
    CHECK(refused->status() == 429);
    CHECK(refused->retryAfterSeconds() == 800);  // the account's, not the address's 700

    // From another address only the account's lock is at stake: the same wait.
    CHECK(l.refusal("elu@ccsb.example", "un mot de passe solide", "198.51.100.7")->retryAfterSeconds() == 800);
    // Another account from the locked address: the address's.
    CHECK(l.refusal("autre@ccsb.example", "x", "203.0.113.9")->retryAfterSeconds() == 700);
}

TEST_CASE("a throttled password check says its wait too", "[hub][throttle][retryafter]") {
    Logins l;
    const Principal elected{l.userId, "elu@ccsb.example", Role::Elected, {}};
    for (int i = 0; i < kMaxLoginFailures; ++i) CHECK_THROWS_AS(l.login.requireCurrentPassword(elected, "pas le bon"), ApiError);
    l.now = kStart + 30'000;
    try {
        l.login.requireCurrentPassword(elected, "un mot de passe solide");
        FAIL("not throttled");
    } catch (const ApiError& e) {
        CHECK(e.status() == 429);
        CHECK(e.retryAfterSeconds() == 15 * 60 - 30);
        CHECK(std::string(e.what()) == "trop d’essais manqués : réessayez dans 15 minutes");
    }
}

TEST_CASE("refusals other than throttling carry no Retry-After", "[hub][throttle][retryafter]") {
    Logins l;
    const auto refused = l.refusal("elu@ccsb.example", "pas le bon", "192.0.2.1");
    REQUIRE(refused);
    CHECK(refused->status() == 401);
    CHECK_FALSE(refused->retryAfterSeconds());
}
