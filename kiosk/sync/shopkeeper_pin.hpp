#pragma once
// The shopkeeper's PIN as a site has it: 6 to 12 digits (a shared device is no
// place for a 4-digit code; 12 is the hub's limit too), kept only as an Argon2id
// hash (libsodium crypto_pwhash_str). Setting it is a site event
// (shopkeeper_pin.set) that a kiosk writes and the hub passes on to the site's
// other kiosks; the coordinator's reset is the same event, made by the hub.
// Here, not in the app, because enrollment sets it too: the installer's choice
// travels hashed with the pending enrollment.
#include <cstddef>
#include <string>

#include "store/store.hpp"

namespace cowork::kiosk {

constexpr std::size_t kMinPinLength = 6;
constexpr std::size_t kMaxPinLength = 12;

bool isAcceptablePin(const std::string& pin);  // digits only, kMinPinLength to kMaxPinLength of them
std::string hashPin(const std::string& pin);
bool pinMatches(const std::string& hash, const std::string& pin);

// Records the site's new PIN (its hash) as a local event, for the hub;
// `also` commits with it.
void recordShopkeeperPin(Store& store, const std::string& siteId, const std::string& pinHash, TimeMs now,
                         const AlsoInTransaction& also = {});

}  // namespace cowork::kiosk
