#pragma once
#include <mutex>
#include <string>
#include <vector>

#include "access/principal.hpp"
#include "service/api_error.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr int kMaxLoginFailures = 5;
constexpr TimeMs kLoginLockoutMs = 15 * kMinuteMs;
constexpr TimeMs kSessionLifetimeMs = 8 * kHourMs;
constexpr TimeMs kSessionIdleMs = 30 * kMinuteMs;

// A signed-in console user and the token their state-changing requests echo.
struct ConsoleSession {
    Principal principal;
    std::string csrfToken;
};

Principal principalOf(const UserAccount& account);

// Under which key an account's failed logins are counted (hub_login_failures).
std::string accountThrottleKey(const std::string& userId);

// Console logins: Argon2id passwords, sessions by opaque token, and after
// five failures for an account or from an address (an IPv6 one with its /64:
// security/throttle_key.hpp), 15 minutes of refusals.
class LoginService {
public:
    LoginService(HubStorage& storage, Clock clock);

    // The new session; throws ApiError 401 (wrong), 403 (disabled account) or 429 (throttled).
    NewSession logIn(const std::string& email, const std::string& password, const std::string& address);
    // A session for an account already authenticated (an accepted invitation).
    NewSession openSession(const std::string& userId);
    // Who holds this session, which stays open for another idle period; throws ApiError 401.
    ConsoleSession requireSession(const std::string& token);
    void logOut(const std::string& token);
    // Before a signed-in person changes their password: throttled as logins are
    // (a stolen session must not try passwords at will); throws ApiError 403
    // `current_password` or 429.
    void requireCurrentPassword(const Principal& principal, const std::string& password);

private:
    // 429, with the wait until every key allows a try again, when any key has had
    // its five failures in the last 15 minutes.
    void refuseIfThrottled(const std::vector<std::string>& keys, TimeMs now);

    HubStorage& storage_;
    Clock clock_;
    // One login at a time: the throttle's check and count cannot be raced by
    // parallel attempts, and Argon2id's 64 MiB are needed once, not per worker.
    std::mutex loginMutex_;
};

}  // namespace cowork::hub
