#pragma once
// The pins the hub gave its kiosks (at enrollment and at every sync), kept in
// DIR/tls/given-pins, one per line, as serve last gave them. A certificate
// renewed with a new key (certbot without --reuse-key) would cut off every
// kiosk at once: serve refuses to start on it, and `cowork-hub
// check-certificate` lets a renewal hook refuse it before installing it.
#include <string>
#include <vector>

namespace cowork::hub {

std::vector<std::string> givenPins(const std::string& dataDir);  // empty when none recorded
void recordGivenPins(const std::string& dataDir, const std::vector<std::string>& pins);

// Throws std::runtime_error, in French and saying what to do, when kiosks are
// enrolled (not revoked) and the key of `certificatePath` is none of the pins
// given to them. Nothing recorded or no kiosk enrolled: any key is accepted.
void checkCertificateKeyIsPinned(const std::string& dataDir, const std::string& certificatePath, bool kiosksEnrolled);

}  // namespace cowork::hub
