#pragma once
// What the console's views read from the hub's storage in a few statements,
// whatever the number of sites and places (sqlite_hub_storage_console.cpp).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "store/site_reads.hpp"  // SiteOverrideState

namespace cowork::hub {

// The whole network at once, for the overview: every site, place, override,
// open visit and device, each list read by one statement.
struct NetworkSnapshot {
    std::vector<Site> sites;  // ordered by id
    std::map<std::string, std::vector<Place>> placesBySite;
    std::map<std::string, SiteOverrideState> overrides;  // only the sites that have one
    std::map<std::string, std::vector<Visit>> openVisitsBySite;
};

// A site's entry in one of the snapshot's maps, or an empty value.
template <typename Value>
const Value& siteEntry(const std::map<std::string, Value>& bySite, const std::string& siteId) {
    static const Value none{};
    const auto found = bySite.find(siteId);
    return found == bySite.end() ? none : found->second;
}

// A visit of the day at a site, with the member's first name (nullopt: anonymous,
// unlinked or forgotten).
struct DayVisit {
    std::string id;
    std::string placeId;
    std::optional<std::string> firstName;
    TimeMs startedAt = 0;
    std::optional<TimeMs> endedAt;
};

struct ListedAnnouncement {
    Announcement announcement;
    bool withdrawn = false;
};

// A kiosk message with what the hub knows of its emailing and handling.
struct ConsoleMessage {
    AnimatorMessage message;
    int attempts = 0;
    std::string lastError;
    std::optional<TimeMs> nextAttemptAt;
    std::optional<TimeMs> handledAt;
};

}  // namespace cowork::hub
