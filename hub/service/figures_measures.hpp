#pragma once
// The measures behind the network's figures, per scope ("network",
// "kind:<kind>", "site:<id>"), before any suppression:
// - activity: what the log tells of every visit, whether or not it still names
//   its member (visits, half-days, place-hours, the hours × days heat map, the
//   kiosks' reachability);
// - people: what needs the visits' member links (distinct, new and returning
//   members, anonymous visits, communes, employers), computed for a calendar
//   month while the links exist, and frozen before retention removes them.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "service/figures_history.hpp"
#include "service/figures_period.hpp"
#include "storage/figures_log.hpp"

namespace cowork::hub {

struct ScopeActivity {
    std::int64_t visits = 0;
    std::int64_t halfDays = 0;
    TimeMs placeTimeUsed = 0;  // visits within opening hours, place-milliseconds
    TimeMs placeTimeOpen = 0;  // places in service × opening hours
    std::int64_t openSlots = 0;    // 15-minute slots of opening hours
    std::int64_t syncedSlots = 0;  // of those, slots in which a kiosk of the site synced
    std::array<std::int64_t, 7 * 24> presence{};  // visits present, by Paris weekday (0 = Monday) × hour
};
using Activity = std::map<std::string, ScopeActivity>;

// A count of people, and the fewest distinct people it may stand for: the
// count itself for one month; for a quarter or a year of member-months, the
// largest month's (someone coming every month counts once a month).
struct PeopleCount {
    std::int64_t value = 0;
    std::int64_t floor = 0;
};

struct EmployerUse {
    PeopleCount members;
    std::int64_t visits = 0;
    TimeMs placeTimeUsed = 0;
};

struct ScopePeople {
    PeopleCount distinct;
    PeopleCount fresh;      // new members: signed up in the period
    PeopleCount returning;  // signed up before it
    PeopleCount people;     // distinct members, plus one if any visit was anonymous
    std::int64_t anonymousVisits = 0;
    std::map<std::string, PeopleCount> communes;   // members by commune of residence
    std::map<std::string, EmployerUse> employers;  // corpoworking sites: by partner employer
};
using People = std::map<std::string, ScopePeople>;

constexpr const char* kNetworkScope = "network";
std::string kindScope(SiteKind kind);
std::string siteScope(const std::string& siteId);
// Member commune labels for members who gave none, and employers off the partners' list.
constexpr const char* kNoCommune = "Non renseignée";
constexpr const char* kOtherEmployer = "Autre employeur ou non renseigné";
constexpr const char* kAnonymousEmployer = "Passages anonymes";

Activity activityOf(const NetworkHistory& history, const FiguresLog& log, const FiguresPeriod& period);
// From the visits' member links: only right for a month whose links are all there.
People peopleOf(const NetworkHistory& history, const FiguresLog& log, const FiguresPeriod& month);
// The same for consecutive months (a quarter's, a year's), in one pass.
std::vector<People> peopleByMonth(const NetworkHistory& history, const FiguresLog& log, const std::vector<FiguresPeriod>& months);
// A quarter's or a year's people from its months' (member-months for the counts
// that are not additive, see PeopleCount).
People addMonths(const std::vector<People>& months);

std::vector<FrozenFigure> frozenFrom(const People& people, const std::string& month);
People peopleFromFrozen(const std::vector<FrozenFigure>& rows);

}  // namespace cowork::hub
