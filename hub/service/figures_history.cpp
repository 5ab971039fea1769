#include "service/figures_history.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "events/overloaded.hpp"

namespace cowork::hub {
namespace {

constexpr TimeMs kStillInForce = std::numeric_limits<TimeMs>::max();

// On/off changes of one thing (a place's service, a site's closure) become the
// intervals during which it was on.
class Switch {
public:
    void set(bool on, TimeMs at) {
        if (on && !since_) since_ = at;
        if (!on && since_) {
            if (at > *since_) intervals_.push_back({*since_, at});
            since_.reset();
        }
    }
    std::vector<Interval> intervals() const {
        std::vector<Interval> all = intervals_;
        if (since_) all.push_back({*since_, kStillInForce});
        return all;
    }

private:
    std::optional<TimeMs> since_;
    std::vector<Interval> intervals_;
};

struct PlaceTrack {
    std::string siteId;  // "" until the place is configured
    bool inService = true;
    Switch service;
};

std::vector<Interval> minus(const std::vector<Interval>& ranges, const std::vector<Interval>& holes) {
    std::vector<Interval> result;
    for (Interval range : ranges) {
        std::vector<Interval> pieces{range};
        for (const Interval& hole : holes) {
            std::vector<Interval> next;
            for (const Interval& piece : pieces) {
                if (hole.to <= piece.from || hole.from >= piece.to) {
                    next.push_back(piece);
                    continue;
                }
                if (hole.from > piece.from) next.push_back({piece.from, hole.from});
                if (hole.to < piece.to) next.push_back({hole.to, piece.to});
            }
            pieces = std::move(next);
        }
        result.insert(result.end(), pieces.begin(), pieces.end());
    }
    return result;
}

}  // namespace

TimeMs overlap(const Interval& a, const Interval& b) { return std::max<TimeMs>(0, std::min(a.to, b.to) - std::max(a.from, b.from)); }

TimeMs overlap(const Interval& a, const std::vector<Interval>& list) {
    TimeMs total = 0;
    for (const Interval& b : list) total += overlap(a, b);
    return total;
}

NetworkHistory::NetworkHistory(const std::vector<ConfigChange>& changes) {
    std::map<std::string, Switch> closures;
    std::map<std::string, PlaceTrack> places;
    for (const ConfigChange& change : changes) {
        std::visit(Overloaded{
                       [&](const SiteConfigured& e) { sites_[e.site.id].configs.emplace_back(change.at, e.site); },
                       [&](const SiteOverrideSet& e) { closures[e.siteId].set(e.value == SiteOverride::ClosedNow, change.at); },
                       [&](const PlaceConfigured& e) {
                           PlaceTrack& place = places[e.placeId];
                           if (!place.siteId.empty()) return;  // a new label: the place is the same
                           place.siteId = e.siteId;
                           place.service.set(place.inService, change.at);
                       },
                       [&](const PlaceServiceChanged& e) {
                           PlaceTrack& place = places[e.placeId];
                           place.inService = e.inService;
                           if (!place.siteId.empty()) place.service.set(e.inService, change.at);
                       },
                       [](const auto&) {},
                   },
                   change.payload);
    }
    for (auto& [siteId, closure] : closures) {
        if (const auto site = sites_.find(siteId); site != sites_.end()) site->second.closed = closure.intervals();
    }
    for (auto& [placeId, place] : places) {
        if (const auto site = sites_.find(place.siteId); site != sites_.end()) {
            site->second.placesInService[placeId] = place.service.intervals();
        }
    }
}

std::vector<std::string> NetworkHistory::siteIds() const {
    std::vector<std::string> ids;
    for (const auto& [id, track] : sites_) ids.push_back(id);
    return ids;
}

const Site& NetworkHistory::siteAt(const std::string& siteId, TimeMs at) const {
    const auto& configs = sites_.at(siteId).configs;
    const auto after = std::upper_bound(configs.begin(), configs.end(), at,
                                        [](TimeMs t, const std::pair<TimeMs, Site>& c) { return t < c.first; });
    return after == configs.begin() ? configs.front().second : std::prev(after)->second;
}

std::vector<Interval> NetworkHistory::openOn(const std::string& siteId, LocalDate day) const {
    const TimeMs dayEnd = parisLocalToUtc(day, 1440);
    const SiteTrack& track = sites_.at(siteId);
    if (track.configs.front().first >= dayEnd) return {};  // not configured yet that day
    std::vector<Interval> open;
    for (const MinuteRange& range : siteAt(siteId, dayEnd - 1).hours.rangesOn(day)) {
        open.push_back({parisLocalToUtc(day, range.from), parisLocalToUtc(day, range.to)});
    }
    return minus(open, track.closed);
}

TimeMs NetworkHistory::placeTimeWithin(const std::string& siteId, const std::vector<Interval>& open) const {
    TimeMs total = 0;
    for (const auto& [placeId, inService] : sites_.at(siteId).placesInService) {
        for (const Interval& range : open) total += overlap(range, inService);
    }
    return total;
}

}  // namespace cowork::hub
