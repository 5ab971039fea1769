#pragma once
// The network's configuration as it was on each day, replayed from the log's
// configuration changes: a site's hours (weekly table, dated exceptions) as
// configured by the end of that day, its "closed" overrides and its places'
// time in service, to the millisecond.
#include <map>
#include <string>
#include <vector>

#include "storage/figures_log.hpp"

namespace cowork::hub {

struct Interval {
    TimeMs from = 0;
    TimeMs to = 0;  // exclusive
};

TimeMs overlap(const Interval& a, const Interval& b);
TimeMs overlap(const Interval& a, const std::vector<Interval>& list);

class NetworkHistory {
public:
    explicit NetworkHistory(const std::vector<ConfigChange>& changes);

    std::vector<std::string> siteIds() const;  // every site configured, sorted
    // The site's configuration in force at `at` (its first one before that).
    const Site& siteAt(const std::string& siteId, TimeMs at) const;
    bool knows(const std::string& siteId) const { return sites_.count(siteId) > 0; }
    // Opening intervals of that Paris day: the hours configured by its end,
    // exceptions included, less the times a "closed" override was in force.
    std::vector<Interval> openOn(const std::string& siteId, LocalDate day) const;
    // Place-milliseconds open within `open`: each place counts while it exists
    // and is in service.
    TimeMs placeTimeWithin(const std::string& siteId, const std::vector<Interval>& open) const;

private:
    struct SiteTrack {
        std::vector<std::pair<TimeMs, Site>> configs;  // by time
        std::vector<Interval> closed;                  // "closed" overrides
        std::map<std::string, std::vector<Interval>> placesInService;
    };
    std::map<std::string, SiteTrack> sites_;
};

}  // namespace cowork::hub
