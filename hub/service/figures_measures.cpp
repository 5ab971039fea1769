#include "service/figures_measures.hpp"

#include <algorithm>
#include <set>

#include "service/text_folding.hpp"

namespace cowork::hub {
namespace {

constexpr TimeMs kSlotMs = 15 * kMinuteMs;
constexpr int kNoonMinute = 13 * 60;  // half-days: before and after 13 h, Paris time

// The opening intervals of every day of the period, per site, computed once.
class OpenDays {
public:
    OpenDays(const NetworkHistory& history, const FiguresPeriod& period) : first_(daysFromCivil(period.first)) {
        const long count = daysFromCivil(period.last) - first_ + 1;
        for (const std::string& siteId : history.siteIds()) {
            auto& days = open_[siteId];
            for (long d = 0; d < count; ++d) days.push_back(history.openOn(siteId, civilFromDays(first_ + d)));
        }
    }
    const std::vector<Interval>& on(const std::string& siteId, long day) const {
        static const std::vector<Interval> none;
        const auto& days = open_.at(siteId);
        const long index = day - first_;
        return index >= 0 && index < static_cast<long>(days.size()) ? days[static_cast<std::size_t>(index)] : none;
    }
    long first() const { return first_; }
    const std::map<std::string, std::vector<std::vector<Interval>>>& all() const { return open_; }

private:
    long first_;
    std::map<std::string, std::vector<std::vector<Interval>>> open_;
};

// A visit left open (its end never logged) ends when its opening interval
// closes: the kiosk's closing sweep would have said so.
Interval visitSpan(const FiguresVisit& visit, const std::vector<Interval>& open) {
    TimeMs end = visit.start;
    if (visit.end) {
        end = std::max(*visit.end, visit.start);
    } else {
        for (const Interval& range : open) {
            if (visit.start >= range.from && visit.start < range.to) end = range.to;
        }
    }
    return {visit.start, std::min(end, visit.start + kDayMs)};
}

std::vector<std::string> scopesOf(const NetworkHistory& history, const FiguresVisit& visit) {
    return {kNetworkScope, kindScope(history.siteAt(visit.siteId, visit.start).kind), siteScope(visit.siteId)};
}

void addPresence(ScopeActivity& activity, const Interval& span) {
    // Paris is a whole number of hours from UTC: its hours start on UTC hours.
    for (TimeMs t = span.from; t < std::max(span.to, span.from + 1); t = t - t % kHourMs + kHourMs) {
        const LocalDateTime local = toParisLocal(t);
        ++activity.presence[static_cast<std::size_t>(local.weekday * 24 + local.minuteOfDay / 60)];
    }
}

int halfDaysOf(const Interval& span, LocalDate day) {
    const TimeMs noon = parisLocalToUtc(day, kNoonMinute);
    return (span.from < noon ? 1 : 0) + (std::max(span.to, span.from + 1) > noon ? 1 : 0);
}

void addCapacityAndReachability(Activity& activity, const NetworkHistory& history, const OpenDays& days,
                                const std::vector<SyncSlots>& syncs) {
    std::map<std::pair<std::string, long>, std::pair<std::uint64_t, std::uint64_t>> synced;
    for (const SyncSlots& s : syncs) {
        auto& mask = synced[{s.siteId, s.day}];
        mask.first |= s.low;
        mask.second |= s.high;
    }
    for (const auto& [siteId, openDays] : days.all()) {
        ScopeActivity own;
        for (std::size_t d = 0; d < openDays.size(); ++d) {
            const std::vector<Interval>& open = openDays[d];
            if (open.empty()) continue;
            own.placeTimeOpen += history.placeTimeWithin(siteId, open);
            const long day = days.first() + static_cast<long>(d);
            const auto mask = synced.find({siteId, day});
            for (int slot = 0; slot < 96; ++slot) {
                const TimeMs at = parisLocalToUtc(civilFromDays(day), slot * 15);
                if (overlap(Interval{at, at + 1}, open) == 0) continue;
                ++own.openSlots;
                if (mask == synced.end()) continue;
                const std::uint64_t bits = slot < 64 ? mask->second.first >> slot : mask->second.second >> (slot - 64);
                own.syncedSlots += static_cast<std::int64_t>(bits & 1U);
            }
        }
        const Site& site = history.siteAt(siteId, parisLocalToUtc(civilFromDays(days.first()), 0));
        for (const std::string& scope : {std::string(kNetworkScope), kindScope(site.kind), siteScope(siteId)}) {
            ScopeActivity& target = activity[scope];
            target.placeTimeOpen += own.placeTimeOpen;
            target.openSlots += own.openSlots;
            target.syncedSlots += own.syncedSlots;
        }
    }
}

std::string employerLabel(const Site& site, const std::optional<std::string>& employer) {
    if (!employer) return kOtherEmployer;
    const std::string wanted = foldForSearch(*employer);
    for (const std::string& partner : site.partnerEmployers) {
        if (foldForSearch(partner) == wanted) return partner;
    }
    return kOtherEmployer;
}

PeopleCount exact(std::int64_t n) { return {n, n}; }

}  // namespace

std::string kindScope(SiteKind kind) { return "kind:" + std::string(toString(kind)); }
std::string siteScope(const std::string& siteId) { return "site:" + siteId; }

Activity activityOf(const NetworkHistory& history, const FiguresLog& log, const FiguresPeriod& period) {
    const OpenDays days(history, period);
    Activity activity;
    activity[kNetworkScope];
    for (const std::string& siteId : history.siteIds()) {
        activity[kindScope(history.siteAt(siteId, period.to - 1).kind)];
        activity[siteScope(siteId)];
    }
    for (const FiguresVisit& visit : log.visits) {
        if (visit.start < period.from || visit.start >= period.to || !history.knows(visit.siteId)) continue;
        const LocalDate day = toParisLocal(visit.start).date;
        const std::vector<Interval>& open = days.on(visit.siteId, daysFromCivil(day));
        const Interval span = visitSpan(visit, open);
        const TimeMs used = overlap(span, open);
        const int halves = halfDaysOf(span, day);
        for (const std::string& scope : scopesOf(history, visit)) {
            ScopeActivity& a = activity[scope];
            ++a.visits;
            a.halfDays += halves;
            a.placeTimeUsed += used;
            addPresence(a, span);
        }
    }
    addCapacityAndReachability(activity, history, days, log.syncSlots);
    return activity;
}

People peopleOf(const NetworkHistory& history, const FiguresLog& log, const FiguresPeriod& month) {
    const OpenDays days(history, month);
    std::map<std::string, std::set<std::string>> members;
    std::map<std::string, std::map<std::string, std::set<std::string>>> employerMembers;
    People people;
    for (const FiguresVisit& visit : log.visits) {
        if (visit.start < month.from || visit.start >= month.to || !history.knows(visit.siteId)) continue;
        const Site& site = history.siteAt(visit.siteId, visit.start);
        const auto scopes = scopesOf(history, visit);
        const auto member = visit.memberId ? log.members.find(*visit.memberId) : log.members.end();
        for (const std::string& scope : scopes) {
            if (visit.memberId) {
                members[scope].insert(*visit.memberId);
            } else {
                ++people[scope].anonymousVisits;
            }
        }
        if (site.kind != SiteKind::CorpoWorking) continue;
        const std::string label = !visit.memberId ? kAnonymousEmployer
                                  : member == log.members.end() ? kOtherEmployer
                                                                : employerLabel(site, member->second.employer);
        const std::vector<Interval>& open = days.on(visit.siteId, daysFromCivil(toParisLocal(visit.start).date));
        EmployerUse& use = people[siteScope(visit.siteId)].employers[label];
        ++use.visits;
        use.placeTimeUsed += overlap(visitSpan(visit, open), open);
        if (visit.memberId) employerMembers[visit.siteId][label].insert(*visit.memberId);
    }
    for (auto& [scope, ids] : members) {
        ScopePeople& p = people[scope];
        std::int64_t fresh = 0;
        for (const std::string& id : ids) {
            const auto member = log.members.find(id);
            const bool known = member != log.members.end();
            if (known && member->second.signedUpAt >= month.from && member->second.signedUpAt < month.to) ++fresh;
            const std::string commune = known && member->second.commune ? *member->second.commune : kNoCommune;
            ++p.communes[commune].value;
        }
        for (auto& [commune, count] : p.communes) count.floor = count.value;
        const auto total = static_cast<std::int64_t>(ids.size());
        p.distinct = exact(total);
        p.fresh = exact(fresh);
        p.returning = exact(total - fresh);
    }
    for (auto& [scope, p] : people) p.people = exact(p.distinct.value + (p.anonymousVisits > 0 ? 1 : 0));
    for (auto& [siteId, byEmployer] : employerMembers) {
        for (auto& [label, ids] : byEmployer) people[siteScope(siteId)].employers[label].members = exact(static_cast<std::int64_t>(ids.size()));
    }
    return people;
}

People addMonths(const std::vector<People>& months) {
    People sum;
    const auto add = [](PeopleCount& into, const PeopleCount& month, bool additive) {
        into.value += month.value;
        into.floor = additive ? into.floor + month.floor : std::max(into.floor, month.floor);
    };
    for (const People& month : months) {
        for (const auto& [scope, p] : month) {
            ScopePeople& s = sum[scope];
            add(s.distinct, p.distinct, false);
            add(s.fresh, p.fresh, true);  // one is new in one month only
            add(s.returning, p.returning, false);
            add(s.people, p.people, false);
            s.anonymousVisits += p.anonymousVisits;
            for (const auto& [commune, count] : p.communes) add(s.communes[commune], count, false);
            for (const auto& [label, use] : p.employers) {
                EmployerUse& e = s.employers[label];
                add(e.members, use.members, false);
                e.visits += use.visits;
                e.placeTimeUsed += use.placeTimeUsed;
            }
        }
    }
    return sum;
}

std::vector<FrozenFigure> frozenFrom(const People& people, const std::string& month) {
    std::vector<FrozenFigure> rows;
    for (const auto& [scope, p] : people) {
        const auto put = [&](const std::string& measure, const std::string& key, std::int64_t value) {
            rows.push_back({month, scope, measure, key, value});
        };
        put("distinct", "", p.distinct.value);
        put("new", "", p.fresh.value);
        put("people", "", p.people.value);
        put("anonymous", "", p.anonymousVisits);
        for (const auto& [commune, count] : p.communes) put("commune", commune, count.value);
        for (const auto& [label, use] : p.employers) {
            put("employer_members", label, use.members.value);
            put("employer_visits", label, use.visits);
            put("employer_ms", label, use.placeTimeUsed);
        }
    }
    return rows;
}

People peopleFromFrozen(const std::vector<FrozenFigure>& rows) {
    People people;
    for (const FrozenFigure& row : rows) {
        if (row.scope.empty()) continue;  // the month's marker
        ScopePeople& p = people[row.scope];
        if (row.measure == "distinct") p.distinct = exact(row.value);
        if (row.measure == "new") p.fresh = exact(row.value);
        if (row.measure == "people") p.people = exact(row.value);
        if (row.measure == "anonymous") p.anonymousVisits = row.value;
        if (row.measure == "commune") p.communes[row.key] = exact(row.value);
        if (row.measure == "employer_members") p.employers[row.key].members = exact(row.value);
        if (row.measure == "employer_visits") p.employers[row.key].visits = row.value;
        if (row.measure == "employer_ms") p.employers[row.key].placeTimeUsed = row.value;
    }
    for (auto& [scope, p] : people) p.returning = exact(p.distinct.value - p.fresh.value);
    return people;
}

}  // namespace cowork::hub
