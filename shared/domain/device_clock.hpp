#pragma once
// The device's monotonic clock: time since boot (suspend included), which no
// NTP step, fake-hwclock restore or 1970 boot moves. With the boot's id it lets
// the hub date an event by its own clock: hub time at sync minus how long ago,
// on this monotonic clock, the event was made — whatever the wall clock did.
#include <cstdint>
#include <string>

namespace cowork {

struct DeviceInstant {
    std::string bootId;           // Linux's random boot id ("" when unknown)
    std::int64_t monotonicMs = 0; // since boot
};

DeviceInstant deviceInstantNow();

}  // namespace cowork
