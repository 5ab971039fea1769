#pragma once
// The messages kiosks and the hub exchange, with their JSON form. Every message
// carries "protocol"; a peer speaking a newer major version is refused with a
// clear message. Unknown fields are ignored so that newer minor fields pass;
// a missing or mistyped required field is an InputError naming it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "events/event.hpp"
#include "json/json_reader.hpp"

namespace cowork {

constexpr int kProtocolVersion = 1;
// Times past this (the year 3000) are refused: nothing real is dated then.
constexpr TimeMs kLatestPlausibleTimeMs = 32'503'680'000'000;
constexpr std::size_t kMaxEventsPerSync = 500;
constexpr std::size_t kMaxSyncBodyBytes = 1024 * 1024;
constexpr std::size_t kMaxSetAsidePerSync = 100;

struct EnrollRequest {
    std::string code;
    std::string deviceName;
    std::string appVersion;
    // A kiosk coming back to a hub that lost it (a restored backup), with the
    // events it made: its device id and site, to keep them. Both or neither.
    std::string deviceId = std::string();
    std::string siteId = std::string();
};

struct EnrollResponse {
    std::string deviceId;
    std::string token;
    std::string siteId;
    std::vector<std::string> hubKeyPins;  // current and backup, "sha256//BASE64"
};

// An event the hub refused (400, 403 or 409 naming it) that the kiosk set aside
// so that the rest of its queue goes on: reported at every sync, for the
// coordinator, until the kiosk drops it.
struct SetAsideReport {
    std::string eventId;
    std::string kind;    // "visit.started"…
    std::string reason;  // the hub's refusal, as the kiosk received it
    TimeMs at = 0;       // when the kiosk set it aside, by its clock
};

// When, on the device's monotonic clock, a queued event was made, and what its
// wall clock read then: the hub dates the event by its own clock at the sync
// minus the monotonic time elapsed since, whatever the wall clock did meanwhile.
struct EventDeviceClock {
    std::string eventId;
    std::string bootId;
    std::int64_t monotonicMs = 0;
    TimeMs wallMs = 0;  // the device's clock when the event was made
};

struct SyncRequest {
    std::int64_t cursor = 0;  // the hub's log position this kiosk has seen
    std::vector<Event> events;
    TimeMs deviceClockMs = 0;
    std::string appVersion;
    std::int64_t outboxDepth = 0;
    std::string epoch;  // the hub epoch the cursor belongs to ("" at first sync)
    std::vector<SetAsideReport> setAside;  // every event set aside now (at most kMaxSetAsidePerSync)
    // The device's monotonic clock now, and the events' (absent from older kiosks).
    std::string deviceBootId;
    std::int64_t deviceMonotonicMs = 0;
    std::vector<EventDeviceClock> eventClocks;
    // The kiosk keeps events from the hub it cannot read (kinds of a newer
    // version): it needs updating (absent from older kiosks: false).
    bool updateNeeded = false;
};

// Free places at one site, as the hub last knew them.
struct SiteAvailability {
    std::string siteId;
    int freePlaces = 0;
    int placesInService = 0;
    bool open = false;
    SiteOverride override = SiteOverride::None;
    TimeMs asOf = 0;
};

// Just enough to recognise a member code typed at another site.
struct MemberDirectoryEntry {
    std::string memberId;
    std::string code;
    std::string firstName;
};

// An event of the hub's page this kiosk cannot read: a kind of a newer version
// (or a field it does not know how to take). Kept as received, so that the rest
// of the page, and every later one, still goes in.
struct UnreadEvent {
    std::string id;
    std::string kind;
    std::string json;    // the event as received
    std::string reason;  // why it could not be read
};

struct SyncChanges {
    std::vector<Event> events;  // configuration, announcements, delivery states…
    std::vector<MemberDirectoryEntry> members;
    std::vector<SiteAvailability> availability;
    std::vector<UnreadEvent> unread = {};  // decoding only: a hub sends none
};

struct SyncResponse {
    std::vector<std::string> acked;
    std::int64_t cursor = 0;
    bool more = false;  // more changes wait: sync again at once
    SyncChanges changes;
    TimeMs serverTimeMs = 0;
    std::string epoch;
    // The pins the hub gives at enrollment, at every sync, so that a kiosk learns
    // the new backup key after the hub moved to its old one (rotate-key). Empty
    // from a hub that predates it or that does not know its keys (behind a TLS
    // proxy): the kiosk keeps the pins it has.
    std::vector<std::string> hubKeyPins;
    // How long the hub keeps a visit linked to its member ("visit_link_months",
    // 1 to 3), which the kiosk follows for its own copies. Absent from an older
    // hub: the kiosk keeps the period it has (3 months until told).
    std::optional<int> visitLinkMonths;
};

// A sync carrying more than kMaxEventsPerSync events (the hub answers 413).
class TooManyEventsError : public InputError {
public:
    using InputError::InputError;
};

// Every error answer: {"error": "...", "field": "..."}.
struct ErrorResponse {
    std::string error;
    std::string field;
};

Json toJson(const EnrollRequest& message);
Json toJson(const EnrollResponse& message);
Json toJson(const SyncRequest& message);
Json toJson(const SyncResponse& message);
Json toJson(const ErrorResponse& message);

// Decoders take the raw body text, so size, depth and syntax are checked too.
EnrollRequest decodeEnrollRequest(std::string_view body);
EnrollResponse decodeEnrollResponse(std::string_view body);
SyncRequest decodeSyncRequest(std::string_view body);
SyncResponse decodeSyncResponse(std::string_view body);
ErrorResponse decodeErrorResponse(std::string_view body);
// Only the acknowledgements of a sync answer that is otherwise unreadable: the
// hub has those events, whatever else the answer says. None if unreadable too.
std::vector<std::string> decodeAcknowledged(std::string_view body);

}  // namespace cowork
