#include "sync/shopkeeper_pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace cowork::kiosk {

bool isAcceptablePin(const std::string& pin) {
    return pin.size() >= kMinPinLength && pin.size() <= kMaxPinLength &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
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

void recordShopkeeperPin(Store& store, const std::string& siteId, const std::string& pinHash, TimeMs now,
                         const AlsoInTransaction& also) {
    store.recordLocal({store.makeEvent(ShopkeeperPinSet{siteId, pinHash}, now)}, now, also);
}

}  // namespace cowork::kiosk
