#include "domain/travel_time.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cowork {
namespace {

constexpr double kEarthRadiusKm = 6371.0;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

// Overrides are symmetric, so they are stored under the ordered pair only.
std::pair<std::string, std::string> unorderedKey(const std::string& a, const std::string& b) {
    return a < b ? std::pair{a, b} : std::pair{b, a};
}

}  // namespace

double greatCircleKm(Coordinates a, Coordinates b) {
    const double dLat = radians(b.lat - a.lat);
    const double dLon = radians(b.lon - a.lon);
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(radians(a.lat)) * std::cos(radians(b.lat)) * std::sin(dLon / 2) * std::sin(dLon / 2);
    // Rounding can push h a hair past 1 for antipodal points; asin would give NaN.
    return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

int estimatedTravelMinutes(Coordinates a, Coordinates b) {
    if (a == b) return 0;
    const double minutes = greatCircleKm(a, b) * kRoadFactor / kRuralSpeedKmPerHour * 60;
    // Two sites a few metres apart still take someone a minute to go between.
    return std::max(1, static_cast<int>(std::ceil(minutes)));
}

TravelTimes::TravelTimes(const std::vector<Site>& sites, const std::vector<TravelOverride>& overrides) {
    for (const Site& site : sites) coordinates_[site.id] = site.coordinates;
    for (const TravelOverride& o : overrides) overrides_[unorderedKey(o.fromSiteId, o.toSiteId)] = o.minutes;
}

int TravelTimes::minutesBetween(const std::string& fromSiteId, const std::string& toSiteId) const {
    const auto from = coordinates_.find(fromSiteId);
    const auto to = coordinates_.find(toSiteId);
    if (from == coordinates_.end() || to == coordinates_.end()) return -1;
    if (fromSiteId == toSiteId) return 0;
    const auto known = overrides_.find(unorderedKey(fromSiteId, toSiteId));
    if (known != overrides_.end()) return known->second;
    return estimatedTravelMinutes(from->second, to->second);
}

}  // namespace cowork
