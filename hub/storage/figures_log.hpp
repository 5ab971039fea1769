#pragma once
// What the network's figures are computed from, read from the raw event log
// (storage/sqlite_hub_storage_figures.cpp) rather than from counters kept on the
// side: the configuration changes, the visits, the members' current commune and
// employer, the kiosks' sync slots and the people counts frozen before retention
// removed the visits' member links.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "events/event.hpp"

namespace cowork::hub {

// A site, place or override change, at its stamp on the hub's clock.
struct ConfigChange {
    TimeMs at = 0;
    EventPayload payload;  // SiteConfigured, SiteOverrideSet, PlaceConfigured or PlaceServiceChanged
};

// A visit as its events tell it, dated by its kiosk's corrected clock.
struct FiguresVisit {
    std::string siteId;
    std::string placeId;
    std::optional<std::string> memberId;  // from the start or the hub's resolution of a typed code
    TimeMs start = 0;
    std::optional<TimeMs> end;            // the first end recorded
};

struct FiguresMember {
    std::optional<std::string> commune;
    std::optional<std::string> employer;
    TimeMs signedUpAt = 0;  // consent, on the hub's clock
};

// The 15-minute slots of a Paris day in which a site's kiosks synced:
// bit n of the 96-bit mask (low: slots 0-63, high: 64-95) is 00:00 + 15 min × n.
struct SyncSlots {
    std::string siteId;
    long day = 0;  // daysFromCivil of the Paris date
    std::uint64_t low = 0;
    std::uint64_t high = 0;
};

// One people count frozen for a month before the links went (hub_figures_frozen).
struct FrozenFigure {
    std::string month;    // "2026-05"
    std::string scope;    // "network", "kind:mini-cowork", "site:<id>"
    std::string measure;  // "distinct", "new", "returning", "people", "anonymous", "commune", "employer_members"…
    std::string key;      // the commune or employer, "" otherwise
    std::int64_t value = 0;
};

struct FiguresLog {
    std::vector<ConfigChange> changes;  // every change stamped before the period's end, by (stamp, id)
    std::vector<FiguresVisit> visits;   // those that may start in the period (filter by `start`)
    std::map<std::string, FiguresMember> members;
    std::vector<SyncSlots> syncSlots;
};

}  // namespace cowork::hub
