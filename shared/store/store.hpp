#pragma once
// The durable store of one kiosk or of the hub: the event log, the projections
// folded from it, and the outbox of local events the hub has not acknowledged.
//
// Invariants:
//   - an event id appears at most once in the log, and its projection effect is
//     applied exactly once, in the transaction that logged it;
//   - a user action is one transaction: its events, their projection and their
//     outbox rows commit together or not at all;
//   - the outbox only ever names events of the log;
//   - on the hub, hlc_last is never more than kMaxClockDriftMs past the hub's
//     time when it was last written: the hub's time is the network's reference.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/device_clock.hpp"
#include "events/event.hpp"
#include "events/uuid7.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

// The same event id arrived with a different content: never ignored silently.
class EventConflictError : public StoreError {
public:
    explicit EventConflictError(std::string eventId);
    const std::string& eventId() const { return eventId_; }

private:
    std::string eventId_;
};

struct LoggedEvent {
    std::int64_t seq = 0;
    Event event;
};

enum class ApplyOutcome { Applied, AlreadyPresent };

// A kiosk queues its own events for the hub; the hub is where events end up, so
// it keeps no outbox and its device id is "hub".
enum class StoreRole { Kiosk, Hub };
constexpr const char* kHubDeviceId = "hub";

// Extra writes of the caller's own tables that must commit with the events
// (a device's token with its registration, a sync's bookkeeping with its batch).
using AlsoInTransaction = std::function<void(Database&)>;

class Store {
public:
    // Opens or creates the file, migrates it, and gives this store a device id
    // on first use.
    explicit Store(const std::string& path, StoreRole role = StoreRole::Kiosk);

    Database& db() { return db_; }
    const std::string& deviceId() const { return deviceId_; }
    // Where queued events' monotonic times come from (tests move it).
    void setDeviceClock(std::function<DeviceInstant()> clock) { deviceClock_ = std::move(clock); }
    DeviceInstant deviceNow() const { return deviceClock_(); }
    // Takes the id the hub gave this device at enrollment; refused once events
    // were made here under another id. Call it inside the caller's transaction.
    void adoptDeviceId(const std::string& deviceId);
    std::int64_t eventsMadeHere();

    // A new event made on this device: fresh UUIDv7 and a stamp later than any
    // this store has seen.
    Event makeEvent(EventPayload payload, TimeMs nowMs);
    // One user action: logs, applies and (on a kiosk) queues its events, in one
    // transaction.
    void recordLocal(const std::vector<Event>& events, TimeMs nowMs, const AlsoInTransaction& also = {});

    // Events from elsewhere (the hub, or kiosks on the hub), all or nothing.
    // A resent event is reported AlreadyPresent and changes nothing; an id reused
    // with a different content throws EventConflictError and applies nothing.
    std::vector<ApplyOutcome> applyReceived(const std::vector<Event>& events, TimeMs nowMs,
                                            const AlsoInTransaction& also = {});

    std::vector<Event> outbox(std::size_t limit);
    std::size_t outboxDepth();
    void acknowledge(const std::vector<std::string>& eventIds);

    std::vector<LoggedEvent> eventsAfter(std::int64_t seq, std::size_t limit);
    // Only events of these kinds: the others are passed over without being decoded.
    std::vector<LoggedEvent> eventsAfter(std::int64_t seq, std::size_t limit, const std::vector<std::string>& kinds);
    std::optional<Event> findEvent(const std::string& id);
    std::int64_t eventCount();
    std::int64_t lastSeq();  // 0 for an empty log

    // Takes this store's clock back within kMaxClockDriftMs of a reference time
    // (the hub's), in memory and in the file, inside the caller's transaction:
    // a clock that was ahead stops stamping ahead (see hlc.hpp).
    void limitClock(TimeMs referenceNowMs);

    // Rebuilds every projection by replaying the log in stamp order.
    void rebuildProjections();

    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);

private:
    ApplyOutcome logAndApply(const Event& event, TimeMs nowMs);
    // rebuildProjections' work, inside the caller's transaction.
    void replayLog();
    void followSavedClock();
    void saveClock();

    Database db_;
    StoreRole role_;
    std::string deviceId_;
    HybridLogicalClock clock_;
    HlcStamp clockInFile_;  // hlc_last as this connection last read or wrote it
    std::function<DeviceInstant()> deviceClock_ = deviceInstantNow;
    Uuid7Generator ids_;
};

}  // namespace cowork
