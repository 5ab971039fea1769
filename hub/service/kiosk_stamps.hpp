#pragma once
// A kiosk's stamps put on the hub's clock before the hub logs or observes them.
// A kiosk dates its events by its own clock, corrected by the hub's offset once
// measured; what is left (a Pi booted in 1970 or a year ahead, not synced yet)
// the hub corrects here, event by event, as it dates visits for the statistics.
// Whatever a kiosk sends, no stamp logged is more than kFutureToleranceMs past
// the hub's time, so that one kiosk's clock can drag neither the hub's clock nor,
// through it, the other kiosks'.
#include <set>
#include <string>
#include <vector>

#include "storage/hub_storage.hpp"

namespace cowork::hub {

// Events stamped further than this ahead of the hub (after the device's offset)
// are flagged, and dated when the device made them.
constexpr TimeMs kFutureToleranceMs = kMaxClockDriftMs;

struct DatedBatch {
    std::vector<Event> events;           // the request's, with stamps on the hub's clock
    std::set<std::string> inFuture;      // ids of those stamped past the tolerance
};

DatedBatch datedOnHubClock(const SyncRequest& request, const DeviceReport& report, TimeMs now);

}  // namespace cowork::hub
