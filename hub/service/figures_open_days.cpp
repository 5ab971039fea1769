#include "service/figures_open_days.hpp"

#include <algorithm>

namespace cowork::hub {

OpenDays::OpenDays(const NetworkHistory& history, const FiguresPeriod& period) : first_(daysFromCivil(period.first)) {
    const long count = daysFromCivil(period.last) - first_ + 1;
    for (const std::string& siteId : history.siteIds()) {
        auto& days = open_[siteId];
        days.reserve(static_cast<std::size_t>(count));
        for (long d = 0; d < count; ++d) days.push_back(history.openOn(siteId, civilFromDays(first_ + d)));
    }
}

const std::vector<Interval>& OpenDays::on(const std::string& siteId, long day) const {
    static const std::vector<Interval> none;
    const auto site = open_.find(siteId);
    if (site == open_.end()) return none;
    const long index = day - first_;
    return index >= 0 && index < static_cast<long>(site->second.size()) ? site->second[static_cast<std::size_t>(index)] : none;
}

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

}  // namespace cowork::hub
