#pragma once
// A kiosk's side of sync as it lives in its store: whom it is enrolled with,
// what to send next, and how a hub's answer is taken in. No network here (the
// kiosk's sync worker does the HTTPS); every function is one transaction.
//
// Invariants:
//   - the cursor and epoch advance in the transaction that applies the changes
//     they cover, never before (a crash replays the page, which applies once);
//   - an event leaves the outbox only when the hub acknowledged it, or to be set
//     aside because the hub refused it by name; set-aside events stay in the log
//     and are reported at every sync until the shopkeeper's status clears them;
//   - when the hub announces a new epoch (restored from a backup), this kiosk's
//     own events of the last 30 days go back in the outbox;
//   - an event of the hub's page this version cannot read never blocks the page:
//     it is kept unread (table unread_events) and the rest goes in, cursor and
//     acknowledgements included; a later version takes it in at its first sync;
//   - once an answer is taken in, this kiosk holds no link the hub's period
//     (or the hub itself) removed, and nothing of a member the hub forgot
//     (sync/kiosk_privacy.hpp).
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "sync/protocol.hpp"

namespace cowork {

constexpr TimeMs kRepushWindowMs = 30 * kDayMs;

struct HubEnrollment {
    std::string hubUrl;  // "https://hub.example.org:8443"
    std::string token;
    std::string siteId;
    std::vector<std::string> pins;  // "sha256//…": the hub's current and backup keys
};

std::optional<HubEnrollment> loadEnrollment(Store& store);
// Adopts the device id the hub gave and keeps the rest, with the caller's own
// writes (`also`), in one transaction. A kiosk enrolled again under the id it
// had (the hub lost it: a restored backup) queues its own events of the last
// 30 days again, as for a new epoch: the hub counts those it has once.
void saveEnrollment(Store& store, const HubEnrollment& enrollment, const std::string& deviceId, TimeMs now,
                    const AlsoInTransaction& also = {});

// What the next sync sends: the oldest queued events, at most `batchLimit`.
SyncRequest nextSyncRequest(Store& store, TimeMs deviceNow, std::size_t batchLimit, const std::string& appVersion);

struct SyncOutcome {
    std::size_t acked = 0;
    std::size_t received = 0;   // events newly applied here
    std::size_t conflicts = 0;  // events the hub sent that this kiosk holds with another content (kept as is)
    std::size_t requeued = 0;   // own events queued again for a hub with a new epoch
    bool more = false;
    bool epochChanged = false;
};

// Takes in the hub's answer: acknowledgements, changes, directory, free places,
// cursor, epoch and the hub's clock, all in one transaction. `deviceClockMs` is
// this device's own clock as the answer came, NOT corrected by the offset: the
// offset in use dates this answer, and the new one is the hub's time minus that
// reading. `bootId` names this boot of the device: a clock offset measured in
// another boot is worth nothing. The store's clock is then taken back within
// kMaxClockDriftMs of the hub's time (a clock that was ahead stops stamping ahead).
SyncOutcome applySyncResponse(Store& store, const SyncResponse& response, TimeMs deviceClockMs, const std::string& bootId);

// The hub's last figure for a site, if one was received.
std::optional<SiteAvailability> loadSiteAvailability(Database& db, const std::string& siteId);
// A member registered at another site, known by the code they type.
std::optional<MemberDirectoryEntry> findInMemberDirectory(Database& db, const std::string& code);
std::optional<std::string> directoryFirstName(Database& db, const std::string& memberId);

// The hub refused this event by name: keep it out of the queue, with why.
void setAsideEvent(Store& store, const std::string& eventId, const std::string& reason, TimeMs now);

// The hub refused a member's registration because another site gave the same
// code meanwhile (two kiosks offline): the member gets a new code, free as far
// as this kiosk knows, in a new registration that takes the refused one's place
// in the queue (the old stays in the log), and the shopkeeper is told the new
// code to pass on. False if the event is no registration. One transaction.
bool replaceTakenMemberCode(Store& store, const Event& refused, TimeMs now);

struct MemberCodeChange {
    std::string firstName;
    std::string oldCode;
    std::string newCode;
};
// The code changes of the last 14 days, newest first, for the shopkeeper.
std::vector<MemberCodeChange> recentMemberCodeChanges(Database& db, TimeMs now);

// The shopkeeper asks to send the set-aside events again (after the coordinator
// fixed what the hub refused them for); those refused again come back aside.
std::size_t requeueSetAside(Store& store, TimeMs now);

// How sync is doing, for the shopkeeper and the Home screen.
struct SyncHealth {
    bool enrolled = false;
    std::optional<TimeMs> lastSuccessAt;
    std::optional<TimeMs> failingSince;  // first failure since the last success
    std::string lastError;                // in words, empty after a success
    std::size_t outboxDepth = 0;
    std::size_t setAside = 0;
    bool updateNeeded = false;  // events from a newer hub are kept unread
};
SyncHealth loadSyncHealth(Store& store);
void noteSyncFailure(Store& store, const std::string& error, TimeMs now);

// What to add to this device's clock to read the hub's, as measured at a sync
// during this boot (a Pi without a battery boots an hour behind, or in 1970).
// The kiosk dates everything by its clock plus this offset, and sends that same
// reading as deviceClockMs so that the hub corrects what is left.
std::optional<TimeMs> hubClockOffset(Store& store, const std::string& bootId);

}  // namespace cowork
