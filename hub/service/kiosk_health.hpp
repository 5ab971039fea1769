#pragma once
// How well a site's kiosks keep in touch with the hub, as the console colours it
// (docs/console-api.md, `health.level`). A pure function of what the hub knows
// of the kiosks, of whether the site is within its opening hours, and of now.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace cowork::hub {

enum class HealthLevel { Ok, Late, Silent, Down, Closed, Unknown };
std::string_view toString(HealthLevel level);  // "ok", "late", "silent", "down", "closed", "unknown"

constexpr TimeMs kHealthOkWithinMs = 2 * kMinuteMs;
constexpr TimeMs kHealthLateWithinMs = 15 * kMinuteMs;
constexpr TimeMs kHealthSilentWithinMs = 60 * kMinuteMs;

// One kiosk as the hub's device list knows it.
struct KioskFacts {
    std::optional<TimeMs> lastSeen;  // nullopt: never synced since enrollment
    std::int64_t setAside = 0;       // events refused by the hub that it keeps aside
    bool revoked = false;
};

struct SiteHealth {
    HealthLevel level = HealthLevel::Unknown;
    std::optional<TimeMs> lastSync;  // the latest sync of an active kiosk
    int kiosks = 0;                  // active (not revoked) kiosks
};

// Revoked kiosks do not count. Rules, first that applies:
// - no active kiosk: unknown (nothing to watch, never "en panne");
// - an active kiosk keeps events set aside: down;
// - last sync ≤ 2 min ago: ok; ≤ 15 min: late (opening hours or not);
// - outside opening hours: closed when a kiosk ever synced, unknown otherwise;
// - within opening hours: never synced: silent (enrolled but never heard of,
//   someone should look; nothing says it broke); ≤ 1 h: silent; more: down.
SiteHealth siteHealth(const std::vector<KioskFacts>& kiosks, bool withinOpeningHours, TimeMs now);

}  // namespace cowork::hub
