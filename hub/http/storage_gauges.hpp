#pragma once
// The storage's figures in /metrics (kiosks seen lately, events stored), read
// at most every kStorageGaugesMaxAgeMs. /metrics answers anyone, and a reading
// takes the writer's lock (the held kiosk reports written first) and counts the
// whole log: read at every request, a loop of scrapes would stall the kiosks'
// batches behind it. Prometheus scrapes every 15 s or more.
#include <cstdint>
#include <mutex>

#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr TimeMs kStorageGaugesMaxAgeMs = 15'000;

class StorageGauges {
public:
    struct Values {
        int devicesSeenLast15Minutes = 0;
        std::int64_t eventsStored = 0;
    };

    StorageGauges(HubStorage& storage, Clock clock);
    // Scrapes arriving together wait for one reading and share it.
    Values current();

private:
    HubStorage& storage_;
    Clock clock_;
    std::mutex mutex_;
    Values values_;
    TimeMs readAt_ = -1;
};

}  // namespace cowork::hub
