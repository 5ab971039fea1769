#pragma once
// Checking the shopkeeper's PIN at the counter (its rules and hash:
// sync/shopkeeper_pin.hpp). Five wrong tries lock it for 5 minutes, doubling
// after each further lockout; a right PIN clears the count. The hash is the
// site's (a ShopkeeperPinSet event, so the coordinator can reset it through the
// hub); the lock state is this device's, kept in its settings so that a restart
// does not reset it. Nobody chooses a PIN here by typing one: it comes from the
// hub, from the installer at enrollment, or from the shopkeeper who types the
// current one (the demo alone sets the first one typed, in the app).
#include <optional>
#include <string>

#include "domain/time.hpp"
#include "store/store.hpp"
#include "sync/shopkeeper_pin.hpp"

namespace cowork::kiosk {

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

enum class PinCheck { Accepted, Wrong, Locked, NoPin };

// The PIN as this device keeps it.
class PinStore {
public:
    PinStore(Store& store, std::string siteId) : store_(store), siteId_(std::move(siteId)) {}
    bool hasPin();
    PinLock lock();
    // Checks a typed PIN and updates the lock state; never sets one (NoPin).
    PinCheck check(const std::string& typed, TimeMs now);
    // The site's new PIN, for the hub too; throws std::invalid_argument unless isAcceptablePin.
    void setPin(const std::string& pin, TimeMs now);

private:
    void saveLock(const PinLock& lock);
    std::optional<std::string> hash();
    Store& store_;
    std::string siteId_;
};

}  // namespace cowork::kiosk
