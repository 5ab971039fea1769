#pragma once
// The shopkeeper's PIN: at least 6 digits (a shared device is no place for a
// 4-digit code), stored only as an Argon2id hash (libsodium crypto_pwhash_str).
// Five wrong tries lock it for 5 minutes, doubling after each further lockout;
// a right PIN clears the count. The hash is the site's (a ShopkeeperPinSet
// event, so the coordinator can reset it through the hub); the lock state is
// this device's, kept in its settings so that a restart does not reset it.
#include <optional>
#include <string>

#include "domain/time.hpp"
#include "store/store.hpp"

namespace cowork::kiosk {

constexpr std::size_t kMinPinLength = 6;
constexpr int kTriesBeforeLock = 5;
constexpr TimeMs kFirstLockMs = 5 * kMinuteMs;

struct PinLock {
    int failures = 0;      // wrong tries since the last success or lockout
    int lockouts = 0;      // lockouts since the last success
    TimeMs lockedUntil = 0;
    bool operator==(const PinLock&) const = default;
};

bool isLocked(const PinLock& lock, TimeMs now);
PinLock afterWrongPin(PinLock lock, TimeMs now);
inline PinLock afterRightPin() { return {}; }

bool isAcceptablePin(const std::string& pin);  // digits only, at least kMinPinLength
std::string hashPin(const std::string& pin);
bool pinMatches(const std::string& hash, const std::string& pin);

enum class PinCheck { Accepted, Wrong, Locked, NewPinSet, TooShort };

// The PIN as this device keeps it.
class PinStore {
public:
    PinStore(Store& store, std::string siteId) : store_(store), siteId_(std::move(siteId)) {}
    bool hasPin();
    PinLock lock();
    // Checks a typed PIN, or sets it if none is set yet; updates the lock state.
    PinCheck check(const std::string& typed, TimeMs now);
    void setPin(const std::string& pin, TimeMs now);

private:
    void saveLock(const PinLock& lock);
    std::optional<std::string> hash();
    Store& store_;
    std::string siteId_;
};

}  // namespace cowork::kiosk
