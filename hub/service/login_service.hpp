#pragma once
#include <mutex>
#include <string>

#include "access/principal.hpp"
#include "service/api_error.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr int kMaxLoginFailures = 5;
constexpr TimeMs kLoginLockoutMs = 15 * kMinuteMs;
constexpr TimeMs kSessionLifetimeMs = 8 * kHourMs;

// Coordinator logins: Argon2id passwords, sessions by opaque token, and after
// five failures for an account or from an address, 15 minutes of refusals.
class LoginService {
public:
    LoginService(HubStorage& storage, Clock clock);

    // The new session's token; throws ApiError 401 (wrong) or 429 (throttled).
    std::string logIn(const std::string& email, const std::string& password, const std::string& address);
    // The coordinator's email; throws ApiError 401.
    std::string requireSession(const std::string& token);
    // Who holds this session; throws ApiError 401.
    Principal requirePrincipal(const std::string& token);
    void logOut(const std::string& token);

private:
    void refuseIfThrottled(const std::string& key, TimeMs now);

    HubStorage& storage_;
    Clock clock_;
    // One login at a time: the throttle's check and count cannot be raced by
    // parallel attempts, and Argon2id's 64 MiB are needed once, not per worker.
    std::mutex loginMutex_;
};

}  // namespace cowork::hub
