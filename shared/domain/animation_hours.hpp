#pragma once
// Hours animated, from animation sessions as folded from their events (start,
// first end, the coordinator's newest correction): the basis of the animators'
// pay and of the statistics' « heures d'animation ». Pure functions.
//
// A session counts from start() to end() (corrected when the coordinator
// corrected it). A session still open counts nothing yet: its end is unknown
// until the animator ends it or closing time does. A session across a boundary
// of the period counts only its part inside.
#include <map>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "domain/paris_time.hpp"

namespace cowork {

// Milliseconds of [start, end) inside [fromMs, toMs); 0 for an open session.
TimeMs animatedMsWithin(const AnimationSession& session, TimeMs fromMs, TimeMs toMs);

// Hours per site id over [fromMs, toMs); sites without any ended session are absent.
std::map<std::string, double> animatedHoursBySite(const std::vector<AnimationSession>& sessions, TimeMs fromMs, TimeMs toMs);

// One line of the monthly pay export: hours of one animator at one site.
struct AnimatorSiteHours {
    std::string memberId;
    std::string siteId;
    double hours = 0;
    int sessions = 0;         // sessions counted (wholly or in part)
    int toConfirm = 0;        // of which closed at closing and not yet confirmed
    auto operator<=>(const AnimatorSiteHours&) const = default;
};

// Per animator and site for one Paris calendar month (year, month 1..12),
// sorted by member id then site id.
std::vector<AnimatorSiteHours> monthlyHours(const std::vector<AnimationSession>& sessions, int year, int month);

// The instants a Paris calendar month begins and ends, [first day 00:00, next month's first day 00:00).
std::pair<TimeMs, TimeMs> parisMonthBounds(int year, int month);

}  // namespace cowork
