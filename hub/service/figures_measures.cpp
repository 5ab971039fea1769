#include "service/figures_measures.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "service/figures_open_days.hpp"

namespace cowork::hub {
namespace {

constexpr TimeMs kSlotMs = 15 * kMinuteMs;
constexpr int kNoonMinute = 13 * 60;  // half-days: before and after 13 h, Paris time

// The three scopes a visit counts in (network, its site's kind then, its site),
// found once per site configuration rather than once per visit.
template <typename Measures>
class ScopeTargets {
public:
    ScopeTargets(const NetworkHistory& history, std::map<std::string, Measures>& measures) : history_(history), measures_(measures) {}
    const std::array<Measures*, 3>& of(const FiguresVisit& visit) {
        const Site& site = history_.siteAt(visit.siteId, visit.start);
        auto [found, fresh] = targets_.try_emplace(&site);
        if (fresh) {
            found->second = {&measures_[kNetworkScope], &measures_[kindScope(site.kind)], &measures_[siteScope(visit.siteId)]};
        }
        return found->second;
    }

private:
    const NetworkHistory& history_;
    std::map<std::string, Measures>& measures_;  // its nodes never move: the pointers stay good
    std::unordered_map<const Site*, std::array<Measures*, 3>> targets_;
};

// The (Paris weekday × hour) cells a visit is present in: at most 25, as a
// visit's span is at most a day (kept off the heap: one per visit of a year).
struct PresenceCells {
    std::array<std::size_t, 26> cell{};
    std::size_t count = 0;
};

PresenceCells presenceCells(const Interval& span) {
    PresenceCells cells;
    // Paris is a whole number of hours from UTC: its hours start on UTC hours.
    for (TimeMs t = span.from; t < std::max(span.to, span.from + 1) && cells.count < cells.cell.size(); t = t - t % kHourMs + kHourMs) {
        const LocalDateTime local = toParisLocal(t);
        cells.cell[cells.count++] = static_cast<std::size_t>(local.weekday * 24 + local.minuteOfDay / 60);
    }
    return cells;
}

int halfDaysOf(const Interval& span, LocalDate day) {
    const TimeMs noon = parisLocalToUtc(day, kNoonMinute);
    return (span.from < noon ? 1 : 0) + (std::max(span.to, span.from + 1) > noon ? 1 : 0);
}

// The UTC start of each 15-minute slot of a Paris day. On the 363 days without
// a clock change they are 15 minutes apart from midnight: two conversions a day
// instead of 96 (they were most of the reachability's cost over a year).
std::array<TimeMs, 96> slotStarts(LocalDate date) {
    std::array<TimeMs, 96> starts{};
    const TimeMs midnight = parisLocalToUtc(date, 0);
    const bool steady = parisLocalToUtc(date, 95 * 15) - midnight == 95 * kSlotMs;
    for (int slot = 0; slot < 96; ++slot) {
        starts[static_cast<std::size_t>(slot)] = steady ? midnight + slot * kSlotMs : parisLocalToUtc(date, slot * 15);
    }
    return starts;
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
            const std::array<TimeMs, 96> starts = slotStarts(civilFromDays(day));
            for (int slot = 0; slot < 96; ++slot) {
                const TimeMs at = starts[static_cast<std::size_t>(slot)];
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
    ScopeTargets<ScopeActivity> targets(history, activity);
    for (const FiguresVisit& visit : log.visits) {
        if (visit.start < period.from || visit.start >= period.to || !history.knows(visit.siteId)) continue;
        const LocalDate day = toParisLocal(visit.start).date;
        const std::vector<Interval>& open = days.on(visit.siteId, daysFromCivil(day));
        const Interval span = visitSpan(visit, open);
        const TimeMs used = overlap(span, open);
        const int halves = halfDaysOf(span, day);
        const PresenceCells cells = presenceCells(span);
        for (ScopeActivity* a : targets.of(visit)) {
            ++a->visits;
            a->halfDays += halves;
            a->placeTimeUsed += used;
            for (std::size_t c = 0; c < cells.count; ++c) ++a->presence[cells.cell[c]];
        }
    }
    addCapacityAndReachability(activity, history, days, log.syncSlots);
    return activity;
}

}  // namespace cowork::hub
