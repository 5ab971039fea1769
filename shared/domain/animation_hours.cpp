#include "domain/animation_hours.hpp"

#include <algorithm>

namespace cowork {

TimeMs animatedMsWithin(const AnimationSession& session, TimeMs fromMs, TimeMs toMs) {
    const auto end = session.end();
    if (!end) return 0;
    const TimeMs from = std::max(session.start(), fromMs);
    const TimeMs to = std::min(*end, toMs);
    return std::max<TimeMs>(0, to - from);
}

std::map<std::string, double> animatedHoursBySite(const std::vector<AnimationSession>& sessions, TimeMs fromMs, TimeMs toMs) {
    std::map<std::string, TimeMs> ms;
    for (const AnimationSession& session : sessions) {
        if (!session.end()) continue;
        ms[session.siteId] += animatedMsWithin(session, fromMs, toMs);
    }
    std::map<std::string, double> hours;
    for (const auto& [site, total] : ms) hours[site] = static_cast<double>(total) / kHourMs;
    return hours;
}

std::pair<TimeMs, TimeMs> parisMonthBounds(int year, int month) {
    const LocalDate first{year, month, 1};
    return {parisLocalToUtc(first, 0), parisLocalToUtc(addMonths(first, 1), 0)};
}

std::vector<AnimatorSiteHours> monthlyHours(const std::vector<AnimationSession>& sessions, int year, int month) {
    const auto [from, to] = parisMonthBounds(year, month);
    std::map<std::pair<std::string, std::string>, std::pair<TimeMs, AnimatorSiteHours>> lines;
    for (const AnimationSession& session : sessions) {
        const TimeMs ms = animatedMsWithin(session, from, to);
        if (ms <= 0) continue;
        auto& [total, line] = lines[{session.memberId, session.siteId}];
        line.memberId = session.memberId;
        line.siteId = session.siteId;
        total += ms;
        ++line.sessions;
        if (session.needsConfirmation()) ++line.toConfirm;
    }
    std::vector<AnimatorSiteHours> out;
    for (auto& [key, entry] : lines) {
        entry.second.hours = static_cast<double>(entry.first) / kHourMs;
        out.push_back(entry.second);
    }
    return out;
}

}  // namespace cowork
