#pragma once
// Moving the self-signed hub to its backup key (`cowork-hub rotate-key`).
// Kiosks pinned the backup key at enrollment (or learnt it at a sync), so they
// keep trusting the hub without being updated. The old key is kept as
// DIR/tls/retired-key-<date>.pem, and a new backup key is made, which kiosks
// learn at their next sync (hub_pins) once the hub is restarted.
#include <string>
#include <utility>
#include <vector>

#include "domain/time.hpp"

namespace cowork::hub {

// DIR/tls holds cert.pem and key.pem: the hub makes its own certificate. A hub
// started with --tls-cert/--tls-key has none there (or serves other files).
bool hasSelfSignedIdentity(const std::string& dataDir);

struct KeyRotation {
    std::string currentPin;  // the former backup key's
    std::string backupPin;   // the new backup key's
    std::string retiredKeyPath;  // empty when resumed
    bool resumed = false;        // a rotation stopped midway, finished rather than started again
    // The new files under temporary names, each renamed over its place in this
    // order by commitKeyRotation (see there why this order).
    std::vector<std::pair<std::string, std::string>> renames;
};

// Writes everything under temporary names and keeps the current key as
// retired-key-<date>.pem (Paris date of `now`); nothing the hub reads changes.
// Throws std::runtime_error, in French, without a self-signed identity or a
// backup key.
KeyRotation prepareKeyRotation(const std::string& dataDir, TimeMs now);
void commitKeyRotation(const std::string& dataDir, const KeyRotation& rotation);

// Prepare, then commit; or finish a rotation stopped after its first rename.
KeyRotation rotateSelfSignedKey(const std::string& dataDir, TimeMs now);

}  // namespace cowork::hub
