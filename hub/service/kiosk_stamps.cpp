#include "service/kiosk_stamps.hpp"

#include <algorithm>
#include <map>

namespace cowork::hub {
namespace {

// What the device's wall clock read when it made each event it dated by its
// monotonic clock (the hub knows those events' own offsets).
std::map<std::string, TimeMs> wallReadings(const SyncRequest& request, const DeviceReport& report) {
    std::map<std::string, TimeMs> readings;
    for (const EventDeviceClock& clock : request.eventClocks) {
        if (report.eventOffsetsMs.count(clock.eventId)) readings[clock.eventId] = clock.wallMs;
    }
    return readings;
}

}  // namespace

// A stamp at or behind what the device's clock read when it made the event came
// from that clock: its offset puts it on the hub's. One ahead of it came from
// following other stamps (the hub's, bounded): taken as is. Still past the
// tolerance, it tells nothing true (a clock that was ahead when it stamped):
// the event is dated when the device made it, by the hub's clock.
DatedBatch datedOnHubClock(const SyncRequest& request, const DeviceReport& report, TimeMs now) {
    const std::map<std::string, TimeMs> readings = wallReadings(request, report);
    DatedBatch batch;
    batch.events = request.events;
    for (Event& event : batch.events) {
        const auto own = readings.find(event.id);
        const TimeMs reading = own == readings.end() ? request.deviceClockMs : own->second;
        const TimeMs offset = report.offsetFor(event.id);
        const TimeMs wall = event.stamp.wallMs();
        TimeMs onHub = wall <= reading ? wall + offset : wall;
        if (onHub > now + kFutureToleranceMs) {
            batch.inFuture.insert(event.id);
            onHub = std::min(reading + offset, now);
        }
        event.stamp = HlcStamp::of(std::max<TimeMs>(onHub, 0), event.stamp.counter());
    }
    return batch;
}

}  // namespace cowork::hub
