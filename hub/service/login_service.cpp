#include "service/login_service.hpp"

#include "security/secrets.hpp"

namespace cowork::hub {

LoginService::LoginService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

void LoginService::refuseIfThrottled(const std::string& key, TimeMs now) {
    if (storage_.loginFailuresSince(key, now - kLoginLockoutMs) >= kMaxLoginFailures) {
        throw ApiError(429, "trop d'essais manqués : réessayez dans 15 minutes");
    }
}

NewSession LoginService::logIn(const std::string& email, const std::string& password, const std::string& address) {
    std::lock_guard lock(loginMutex_);
    const TimeMs now = clock_();
    const std::string accountKey = "account:" + email;
    const std::string addressKey = "address:" + address;
    refuseIfThrottled(accountKey, now);
    refuseIfThrottled(addressKey, now);
    const auto hash = storage_.coordinatorPasswordHash(email);
    // Verify even for an unknown account, so timing does not tell which exist.
    static const std::string decoy = hashPassword("cowork-decoy-password");
    const bool valid = verifyPassword(hash.value_or(decoy), password) && hash.has_value();
    if (!valid) {
        storage_.recordLoginFailure({accountKey, addressKey}, now);
        throw ApiError(401, "adresse e-mail ou mot de passe incorrect", "password");
    }
    storage_.clearLoginFailures(accountKey);
    return storage_.createSession(email, now, now + kSessionLifetimeMs);
}

// Until accounts have roles, every account is the coordinator's.
ConsoleSession LoginService::requireSession(const std::string& token) {
    const TimeMs now = clock_();
    const auto session = token.empty() ? std::nullopt : storage_.touchSession(token, now, now - kSessionIdleMs);
    if (!session) throw ApiError(401, "session absente ou expirée : connectez-vous");
    return {Principal{session->email, session->email, Role::Coordinator, {}}, session->csrfToken};
}

void LoginService::logOut(const std::string& token) { storage_.endSession(token); }

}  // namespace cowork::hub
