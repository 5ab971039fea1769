#pragma once
// A site's opening intervals day by day over a period, computed once, and a
// visit's span within them: what both the activity and the corpoWorking
// people counts measure visits against.
#include <map>
#include <string>
#include <vector>

#include "service/figures_history.hpp"
#include "service/figures_period.hpp"

namespace cowork::hub {

class OpenDays {
public:
    OpenDays(const NetworkHistory& history, const FiguresPeriod& period);
    // Empty outside the period and on closed days.
    const std::vector<Interval>& on(const std::string& siteId, long day) const;
    long first() const { return first_; }
    const std::map<std::string, std::vector<std::vector<Interval>>>& all() const { return open_; }

private:
    long first_;
    std::map<std::string, std::vector<std::vector<Interval>>> open_;
};

// A visit left open (its end never logged) ends when its opening interval
// closes: the kiosk's closing sweep would have said so. At most a day.
Interval visitSpan(const FiguresVisit& visit, const std::vector<Interval>& open);

}  // namespace cowork::hub
