#pragma once
// Why talking to the hub failed, as the shopkeeper will read it. Each problem
// has a catalogue key (assets/i18n: "sync.problem.…") for the screens and a
// French sentence for the command line and the logs.
#include <string_view>

namespace cowork::kiosk {

enum class SyncProblem {
    None,
    NoNetwork,             // no name resolution, no route
    HubUnreachable,        // the hub's address answers nothing
    Timeout,               // connected, no answer in time
    UntrustedCertificate,  // no system authority vouches for it and no pin was given
    UnexpectedKey,         // the certificate's key matches no pin
    NotRecognised,         // 401: token revoked or unknown
    Refused,               // 4xx naming what was wrong
    HubError,              // 5xx
    BadAnswer,             // unreadable reply
    WrongCode,             // enrollment code unknown, used or expired
    StoreInUse,            // this data directory already holds check-ins under another device id
};

std::string_view problemKey(SyncProblem problem);
std::string_view problemFrench(SyncProblem problem);
// Certificate and key problems do not go away by retrying faster.
bool isTrustProblem(SyncProblem problem);

}  // namespace cowork::kiosk
