#pragma once
// Travel time between sites: the great-circle distance times a road factor, at a
// rural driving speed, unless the network file gives the real figure for a pair.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/entities.hpp"

namespace cowork {

constexpr double kRoadFactor = 1.3;          // winding country roads vs. straight line
constexpr double kRuralSpeedKmPerHour = 50;  // average including villages and hills

double greatCircleKm(Coordinates a, Coordinates b);
// Whole minutes, rounded up, at least 1 for two distinct points.
int estimatedTravelMinutes(Coordinates a, Coordinates b);

struct TravelOverride {
    std::string fromSiteId;
    std::string toSiteId;
    int minutes = 0;  // applies both ways
};

class TravelTimes {
public:
    TravelTimes(const std::vector<Site>& sites, const std::vector<TravelOverride>& overrides);
    // Minutes from one site to another (0 to itself); -1 if either is unknown.
    int minutesBetween(const std::string& fromSiteId, const std::string& toSiteId) const;

private:
    std::map<std::string, Coordinates> coordinates_;
    std::map<std::pair<std::string, std::string>, int> overrides_;
};

}  // namespace cowork
