#include "app/pin_guard.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/kiosk_reads.hpp"

namespace cowork::kiosk {
namespace {

constexpr const char* kFailuresKey = "shopkeeper.pin_failures";
constexpr const char* kLockoutsKey = "shopkeeper.pin_lockouts";
constexpr const char* kLockedUntilKey = "shopkeeper.pin_locked_until";
constexpr const char* kLockedPinKey = "shopkeeper.pin_lock_hash";  // the PIN the counts above are about

std::int64_t metaInt(Store& store, const char* key) {
    const auto value = store.meta(key);
    return value ? std::stoll(*value) : 0;
}

}  // namespace

bool isLocked(const PinLock& lock, TimeMs now) { return now < lock.lockedUntil; }

PinLock afterWrongPin(PinLock lock, TimeMs now) {
    ++lock.failures;
    if (lock.failures >= kTriesBeforeLock) {
        lock.failures = 0;
        ++lock.lockouts;
        lock.lockedUntil = now + (kFirstLockMs << std::min(lock.lockouts - 1, 20));
    }
    return lock;
}

std::optional<std::string> PinStore::hash() { return loadShopkeeperPinHash(store_.db(), siteId_); }

bool PinStore::hasPin() { return hash().has_value(); }

PinLock PinStore::lock() {
    // A lock counts tries against one PIN: a new one (the coordinator's reset,
    // arriving by sync) starts clean.
    if (store_.meta(kLockedPinKey).value_or("") != hash().value_or("")) return {};
    return {static_cast<int>(metaInt(store_, kFailuresKey)), static_cast<int>(metaInt(store_, kLockoutsKey)),
            metaInt(store_, kLockedUntilKey)};
}

void PinStore::saveLock(const PinLock& lock) {
    // One write: a count saved without its lockout would give a thief fresh tries.
    Transaction transaction(store_.db());
    store_.setMeta(kFailuresKey, std::to_string(lock.failures));
    store_.setMeta(kLockoutsKey, std::to_string(lock.lockouts));
    store_.setMeta(kLockedUntilKey, std::to_string(lock.lockedUntil));
    store_.setMeta(kLockedPinKey, hash().value_or(""));
    transaction.commit();
}

void PinStore::setPin(const std::string& pin, TimeMs now) {
    if (!isAcceptablePin(pin)) throw std::invalid_argument("le code commerçant doit compter de 6 à 12 chiffres");
    recordShopkeeperPin(store_, siteId_, hashPin(pin), now);
}

PinCheck PinStore::check(const std::string& typed, TimeMs now) {
    const PinLock current = lock();
    if (isLocked(current, now)) return PinCheck::Locked;
    const auto stored = hash();
    if (!stored) return PinCheck::NoPin;
    if (pinMatches(*stored, typed)) {
        saveLock(afterRightPin());
        return PinCheck::Accepted;
    }
    const PinLock next = afterWrongPin(current, now);
    saveLock(next);
    return isLocked(next, now) ? PinCheck::Locked : PinCheck::Wrong;
}

}  // namespace cowork::kiosk
