#include "app/pin_guard.hpp"

#include <sodium.h>

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

bool isAcceptablePin(const std::string& pin) {
    return pin.size() >= kMinPinLength && std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string hashPin(const std::string& pin) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium indisponible");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("mémoire insuffisante pour hacher le code");
    }
    return hash;
}

bool pinMatches(const std::string& hash, const std::string& pin) {
    if (sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
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
    store_.recordLocal({store_.makeEvent(ShopkeeperPinSet{siteId_, hashPin(pin)}, now)}, now);
}

PinCheck PinStore::check(const std::string& typed, TimeMs now) {
    const PinLock current = lock();
    if (isLocked(current, now)) return PinCheck::Locked;
    const auto stored = hash();
    if (!stored) {
        if (!isAcceptablePin(typed)) return PinCheck::TooShort;
        setPin(typed, now);
        saveLock(afterRightPin());
        return PinCheck::NewPinSet;
    }
    if (pinMatches(*stored, typed)) {
        saveLock(afterRightPin());
        return PinCheck::Accepted;
    }
    const PinLock next = afterWrongPin(current, now);
    saveLock(next);
    return isLocked(next, now) ? PinCheck::Locked : PinCheck::Wrong;
}

}  // namespace cowork::kiosk
