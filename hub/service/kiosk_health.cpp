#include "service/kiosk_health.hpp"

#include <algorithm>

namespace cowork::hub {
namespace {

HealthLevel levelOfSilence(std::optional<TimeMs> lastSync, bool withinOpeningHours, TimeMs now) {
    if (lastSync) {
        const TimeMs silence = now - *lastSync;
        if (silence <= kHealthOkWithinMs) return HealthLevel::Ok;
        if (silence <= kHealthLateWithinMs) return HealthLevel::Late;
        if (!withinOpeningHours) return HealthLevel::Closed;
        return silence <= kHealthSilentWithinMs ? HealthLevel::Silent : HealthLevel::Down;
    }
    return withinOpeningHours ? HealthLevel::Silent : HealthLevel::Unknown;
}

}  // namespace

std::string_view toString(HealthLevel level) {
    switch (level) {
        case HealthLevel::Ok: return "ok";
        case HealthLevel::Late: return "late";
        case HealthLevel::Silent: return "silent";
        case HealthLevel::Down: return "down";
        case HealthLevel::Closed: return "closed";
        case HealthLevel::Unknown: return "unknown";
    }
    return "unknown";
}

SiteHealth siteHealth(const std::vector<KioskFacts>& kiosks, bool withinOpeningHours, TimeMs now) {
    SiteHealth health;
    bool setAside = false;
    for (const KioskFacts& kiosk : kiosks) {
        if (kiosk.revoked) continue;
        ++health.kiosks;
        setAside = setAside || kiosk.setAside > 0;
        if (kiosk.lastSeen) health.lastSync = std::max(health.lastSync.value_or(*kiosk.lastSeen), *kiosk.lastSeen);
    }
    if (health.kiosks == 0) health.level = HealthLevel::Unknown;
    else if (setAside) health.level = HealthLevel::Down;
    else health.level = levelOfSilence(health.lastSync, withinOpeningHours, now);
    return health;
}

}  // namespace cowork::hub
