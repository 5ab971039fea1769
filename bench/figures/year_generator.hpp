#pragma once
// A generated year of a network's use, written through the hub's own storage
// for the figures' benchmark (bench/figures/figures_year.cpp): members signing
// up, visits each open day of each site, and the configuration changing along
// the way (hours changed, places out of service for a while, holidays, sites
// closed by an override). Each day's events are recorded on that day's clock,
// so their stamps match the visits' times as a live hub's would.
#include <cstdint>
#include <string>

#include "storage/sqlite_hub_storage.hpp"

namespace cowork::bench {

struct YearPlan {
    int year = 2025;
    std::int64_t visits = 200'000;  // about
    int members = 3'000;
    std::uint64_t seed = 12;
};

struct YearWritten {
    std::int64_t visits = 0;
    std::int64_t members = 0;
    std::int64_t configChanges = 0;
    std::int64_t events = 0;
};

// `network` is imported a month before the year starts.
YearWritten writeYear(hub::SqliteHubStorage& storage, const std::string& networkPath, const YearPlan& plan);

// The kiosks' sync slots (hub_figures_sync) for every open day of the year, as
// the sync route records them: most open quarter-hours synced, some days not.
void writeSyncSlots(const std::string& databasePath, hub::SqliteHubStorage& storage, const YearPlan& plan);

}  // namespace cowork::bench
