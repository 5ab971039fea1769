#pragma once
// Enrollment: the kiosk presents a one-time code to the hub and receives its
// device id, token, site and the hub's key pins. The hub is trusted first —
// through the system's certificate authorities, or through the pin given with
// the code — and the code is never sent before: the TLS handshake and the pin
// check come first. With neither, enrollment is refused with how to get the pin.
//
// A pending enrollment (typed on the first-start screen, given on the command
// line or found in a provisioning file) is kept in the store until it succeeds,
// so a hub unreachable at installation is simply tried again. The shopkeeper's
// PIN the installer chose with it waits there too, hashed, and becomes the
// site's PIN (an event for the hub) once the hub accepted the code.
#include <optional>
#include <string>

#include "store/store.hpp"
#include "sync/hub_https.hpp"
#include "sync/kiosk_sync_store.hpp"

namespace cowork::kiosk {

struct PendingEnrollment {
    std::string hubUrl;
    std::string code;
    std::string pin;  // "sha256//…", empty: trust the system's authorities
    std::string shopkeeperPinHash{};  // hashPin of the installer's choice; empty: the coordinator sets it from the hub
};

struct EnrollmentResult {
    SyncProblem problem = SyncProblem::None;
    std::string detail;  // the hub's words when it refused the code
    std::string siteId;
    bool ok() const { return problem == SyncProblem::None; }
};

// Whether a typed pin looks like one ("sha256//" and 44 base64 characters).
bool looksLikePin(const std::string& pin);

void savePendingEnrollment(Store& store, const PendingEnrollment& pending);
std::optional<PendingEnrollment> loadPendingEnrollment(Store& store);
// The last attempt's problem ("" when none), for the first-start screen.
std::string lastEnrollmentProblem(Store& store);

// Tries the pending enrollment: on success the store is enrolled (and the
// pending code forgotten); a refused code is forgotten too, so it is asked again.
EnrollmentResult enrollPending(Store& store, const HttpsTimeouts& timeouts, const std::string& deviceName, TimeMs now);

}  // namespace cowork::kiosk
