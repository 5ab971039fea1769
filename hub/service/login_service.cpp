#include "service/login_service.hpp"

#include <algorithm>
#include <optional>

#include "security/secrets.hpp"
#include "security/throttle_key.hpp"

namespace cowork::hub {
namespace {

// As SQLite's COLLATE NOCASE, which matches accounts to e-mails: ASCII letters only.
std::string lowerAscii(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

// "14 minutes", "1 minute", "40 secondes": minutes rounded up from a minute on.
std::string waitInFrench(std::int64_t seconds) {
    if (seconds < 60) return std::to_string(seconds) + (seconds < 2 ? " seconde" : " secondes");
    const std::int64_t minutes = (seconds + 59) / 60;
    return std::to_string(minutes) + (minutes < 2 ? " minute" : " minutes");
}

}  // namespace

std::string accountThrottleKey(const std::string& userId) { return "account:" + userId; }

LoginService::LoginService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

void LoginService::refuseIfThrottled(const std::vector<std::string>& keys, TimeMs now) {
    std::optional<TimeMs> allowedAt;
    for (const std::string& key : keys) {
        const auto failures = storage_.latestLoginFailures(key, now - kLoginLockoutMs, kMaxLoginFailures);
        if (static_cast<int>(failures.size()) < kMaxLoginFailures) continue;
        // A failure counts for the lockout's length: the key allows a try again
        // when the oldest of these five stops counting.
        const TimeMs at = failures.back() + kLoginLockoutMs;
        allowedAt = std::max(allowedAt.value_or(at), at);
    }
    if (!allowedAt) return;
    // Whole seconds, rounded up: whoever waits that long is let in.
    const std::int64_t seconds = std::max<TimeMs>(1, (*allowedAt - now + 999) / 1000);
    throw ApiError::tooManyTries("trop d’essais manqués : réessayez dans " + waitInFrench(seconds), seconds);
}

NewSession LoginService::logIn(const std::string& email, const std::string& password, const std::string& address) {
    std::lock_guard lock(loginMutex_);
    const TimeMs now = clock_();
    const auto account = storage_.userWithEmail(email);
    // The account whatever the case of the e-mail typed: each casing must not
    // get its own tries. An unknown e-mail is counted as lookups match it.
    const std::string accountKey = account ? accountThrottleKey(account->id) : "unknown-account:" + lowerAscii(email);
    const std::string addressKey = "address:" + throttleKeyOf(address);
    refuseIfThrottled({accountKey, addressKey}, now);
    // An invited account has no password yet: nothing matches it.
    const auto hash = account ? storage_.passwordHashOf(account->id) : std::nullopt;
    // Verify even for an unknown account, so timing does not tell which exist.
    static const std::string decoy = hashPassword("cowork-decoy-password");
    const bool valid = verifyPassword(hash.value_or(decoy), password) && hash.has_value();
    if (!valid) {
        storage_.recordLoginFailure({accountKey, addressKey}, now);
        throw ApiError(401, "adresse e-mail ou mot de passe incorrect", "password");
    }
    storage_.clearLoginFailures(accountKey);
    // Said only to whoever knows the password: it tells nothing to others.
    if (account->disabledAt) throw ApiError(403, "ce compte est désactivé : adressez-vous à la coordination", "email");
    return openSession(account->id);
}

NewSession LoginService::openSession(const std::string& userId) {
    const TimeMs now = clock_();
    return storage_.createSession(userId, now, now + kSessionLifetimeMs);
}

// The account is read at every request: a new role or a disabled account takes effect at once.
ConsoleSession LoginService::requireSession(const std::string& token) {
    const TimeMs now = clock_();
    const auto session = token.empty() ? std::nullopt : storage_.touchSession(token, now, now - kSessionIdleMs);
    const auto account = session ? storage_.user(session->userId) : std::nullopt;
    if (!account || account->disabledAt) {
        if (session) storage_.endSession(token);
        throw ApiError(401, "session absente ou expirée : connectez-vous");
    }
    return {principalOf(*account), session->csrfToken};
}

Principal principalOf(const UserAccount& account) {
    return Principal{account.id, account.email, account.role, account.siteIds, account.memberId};
}

void LoginService::requireCurrentPassword(const Principal& principal, const std::string& password) {
    std::lock_guard lock(loginMutex_);
    const TimeMs now = clock_();
    const std::string accountKey = accountThrottleKey(principal.userId);
    refuseIfThrottled({accountKey}, now);
    const auto hash = storage_.passwordHashOf(principal.userId);
    if (!hash || !verifyPassword(*hash, password)) {
        storage_.recordLoginFailure({accountKey}, now);
        throw ApiError(403, "mot de passe actuel incorrect", "current_password");
    }
}

void LoginService::logOut(const std::string& token) { storage_.endSession(token); }

}  // namespace cowork::hub
