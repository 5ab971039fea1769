// The people counts behind the figures (figures_measures.hpp): what needs the
// visits' member links, month by month, and a longer period's from its months'.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "service/figures_measures.hpp"
#include "service/figures_open_days.hpp"
#include "service/text_folding.hpp"

namespace cowork::hub {
namespace {

PeopleCount exact(std::int64_t n) { return {n, n}; }

// The log's members numbered once. A visit's member id not among them (a
// member forgotten since) gets a number too, with nothing known of it.
class MemberNumbers {
public:
    explicit MemberNumbers(const std::map<std::string, FiguresMember>& members) {
        numbers_.reserve(members.size() * 2);
        for (const auto& [id, member] : members) add(id, &member);
    }
    std::uint32_t of(std::string_view id) {
        const auto found = numbers_.find(id);
        return found != numbers_.end() ? found->second : add(id, nullptr);
    }
    const FiguresMember* member(std::uint32_t number) const { return members_[number]; }

private:
    std::uint32_t add(std::string_view id, const FiguresMember* member) {
        const auto number = static_cast<std::uint32_t>(members_.size());
        numbers_.emplace(id, number);
        members_.push_back(member);
        return number;
    }
    std::unordered_map<std::string_view, std::uint32_t> numbers_;  // views into the log, which outlives this
    std::vector<const FiguresMember*> members_;
};

// The three scopes a visit counts in (network, its site's kind then, its
// site), numbered, and found once per site configuration.
class ScopeNumbers {
public:
    const std::array<std::size_t, 3>& of(const FiguresVisit& visit, const Site& site) {
        auto [found, fresh] = bySite_.try_emplace(&site);
        if (fresh) found->second = {number(kNetworkScope), number(kindScope(site.kind)), number(siteScope(visit.siteId))};
        return found->second;
    }
    const std::string& name(std::size_t number) const { return names_[number]; }

private:
    std::size_t number(const std::string& scope) {
        const auto [found, added] = numbers_.try_emplace(scope, names_.size());
        if (added) names_.push_back(scope);
        return found->second;
    }
    std::unordered_map<const Site*, std::array<std::size_t, 3>> bySite_;
    std::map<std::string, std::size_t> numbers_;
    std::vector<std::string> names_;
};

// One scope's visits in one month, before they are counted.
struct ScopeMonth {
    bool visited = false;
    std::vector<std::uint32_t> members;  // mostly each member once (SeenIn); made unique when counted
    std::int64_t anonymousVisits = 0;
};

// Which month (its index + 1) each member was last listed in, per scope: a
// member's next visit in the same month is then one comparison, not another
// entry to sort. Visits come roughly in order of time, not strictly (a kiosk's
// late sync): a member listed twice in a month is made unique when counted.
class SeenIn {
public:
    bool firstTime(std::size_t scope, std::uint32_t member, std::size_t month) {
        if (scope >= marks_.size()) marks_.resize(scope + 1);
        std::vector<std::uint32_t>& marks = marks_[scope];
        if (member >= marks.size()) marks.resize(member + 1, 0);
        const auto mark = static_cast<std::uint32_t>(month + 1);
        if (marks[member] == mark) return false;
        marks[member] = mark;
        return true;
    }

private:
    std::vector<std::vector<std::uint32_t>> marks_;
};

// A corpoWorking site's visits in one month under one employer label.
struct EmployerMonth {
    EmployerUse use;
    std::vector<std::uint32_t> members;  // one entry per visit with a member
};

struct MonthVisits {
    std::vector<ScopeMonth> scopes;                                    // by scope number
    std::map<std::string, std::map<std::string, EmployerMonth>> employers;  // site id -> label
};

std::string employerLabel(const Site& site, const FiguresMember* member) {
    if (!member || !member->employer) return kOtherEmployer;
    const std::string wanted = foldForSearch(*member->employer);
    for (const std::string& partner : site.partnerEmployers) {
        if (foldForSearch(partner) == wanted) return partner;
    }
    return kOtherEmployer;
}

std::int64_t distinctCount(std::vector<std::uint32_t>& members) {
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    return static_cast<std::int64_t>(members.size());
}

People countMonth(MonthVisits& visits, const ScopeNumbers& scopes, const MemberNumbers& numbers, const FiguresPeriod& month) {
    People people;
    for (std::size_t s = 0; s < visits.scopes.size(); ++s) {
        ScopeMonth& scope = visits.scopes[s];
        if (!scope.visited) continue;
        ScopePeople& p = people[scopes.name(s)];
        const std::int64_t total = distinctCount(scope.members);
        std::int64_t fresh = 0;
        for (const std::uint32_t number : scope.members) {
            const FiguresMember* member = numbers.member(number);
            if (member && member->signedUpAt >= month.from && member->signedUpAt < month.to) ++fresh;
            ++p.communes[member && member->commune ? *member->commune : kNoCommune].value;
        }
        for (auto& [commune, count] : p.communes) count.floor = count.value;
        p.distinct = exact(total);
        p.fresh = exact(fresh);
        p.returning = exact(total - fresh);
        p.anonymousVisits = scope.anonymousVisits;
        p.people = exact(total + (scope.anonymousVisits > 0 ? 1 : 0));
    }
    for (auto& [siteId, byLabel] : visits.employers) {
        for (auto& [label, e] : byLabel) {
            EmployerUse& use = people[siteScope(siteId)].employers[label];
            use = e.use;
            use.members = exact(distinctCount(e.members));
        }
    }
    return people;
}

}  // namespace

// One pass over the visits for every month, members and scopes numbered once:
// a year was twelve passes over every visit with string-keyed sets, half of the
// year's answer (bench/README.md « The figures »).
std::vector<People> peopleByMonth(const NetworkHistory& history, const FiguresLog& log, const std::vector<FiguresPeriod>& months) {
    MemberNumbers numbers(log.members);
    ScopeNumbers scopes;
    std::vector<MonthVisits> byMonth(months.size());
    SeenIn seen;

    std::map<std::pair<const Site*, std::uint32_t>, std::string> labels;  // employer labels, folded once a member and site
    std::map<std::pair<std::string_view, long>, std::vector<Interval>> openDays;  // corpoWorking sites' days
    for (const FiguresVisit& visit : log.visits) {
        const auto after = std::upper_bound(months.begin(), months.end(), visit.start,
                                            [](TimeMs t, const FiguresPeriod& month) { return t < month.from; });
        if (after == months.begin() || visit.start >= std::prev(after)->to || !history.knows(visit.siteId)) continue;
        const auto m = static_cast<std::size_t>(std::distance(months.begin(), after) - 1);
        MonthVisits& month = byMonth[m];
        const Site& site = history.siteAt(visit.siteId, visit.start);
        const bool named = visit.memberId.has_value();
        const std::uint32_t member = named ? numbers.of(*visit.memberId) : 0;
        for (const std::size_t s : scopes.of(visit, site)) {
            if (s >= month.scopes.size()) month.scopes.resize(s + 1);
            ScopeMonth& scope = month.scopes[s];
            scope.visited = true;
            if (named) {
                if (seen.firstTime(s, member, m)) scope.members.push_back(member);
            } else {
                ++scope.anonymousVisits;
            }
        }
        if (site.kind != SiteKind::CorpoWorking) continue;
        std::string label = kAnonymousEmployer;
        if (named) {
            auto [found, added] = labels.try_emplace({&site, member});
            if (added) found->second = employerLabel(site, numbers.member(member));
            label = found->second;
        }
        const long day = daysFromCivil(toParisLocal(visit.start).date);
        auto [open, added] = openDays.try_emplace({visit.siteId, day});
        if (added) open->second = history.openOn(visit.siteId, civilFromDays(day));
        EmployerMonth& e = month.employers[visit.siteId][label];
        ++e.use.visits;
        e.use.placeTimeUsed += overlap(visitSpan(visit, open->second), open->second);
        if (named) e.members.push_back(member);
    }
    std::vector<People> people;
    for (std::size_t m = 0; m < months.size(); ++m) people.push_back(countMonth(byMonth[m], scopes, numbers, months[m]));
    return people;
}

People peopleOf(const NetworkHistory& history, const FiguresLog& log, const FiguresPeriod& month) {
    return peopleByMonth(history, log, {month}).front();
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
