#include "app/site_status.hpp"

namespace cowork::kiosk {

SiteStatus siteStatusAt(const Site& site, SiteOverride override, const std::string& overrideReason, TimeMs now) {
    SiteStatus status;
    const bool hoursOpen = site.hours.isOpenAt(now);
    status.open = hoursOpen && override != SiteOverride::ClosedNow;
    status.full = status.open && override == SiteOverride::Full;
    if (status.open) {
        status.closesAt = site.hours.closesAt(now);
    } else {
        status.nextOpening = site.hours.nextOpening(now);
    }
    if (override != SiteOverride::None) {
        status.reason = overrideReason;
    } else if (const DatedException* exception = site.hours.exceptionOn(toParisLocal(now).date)) {
        status.reason = exception->reason;
    }
    return status;
}

std::vector<ClosingEnd> closingEnds(const std::vector<OpenSpan>& open, const OpeningHours& hours, TimeMs now) {
    std::vector<ClosingEnd> ends;
    for (const OpenSpan& span : open) {
        if (const auto closes = hours.closesAt(span.startedAt)) {
            if (*closes <= now) ends.push_back({span.id, *closes});
        } else if (!hours.isOpenAt(now)) {
            // Started outside the hours (a clock put right since): ended now.
            ends.push_back({span.id, now});
        }
    }
    return ends;
}

std::vector<VisitEnded> endsAtClosing(const std::vector<Visit>& openVisits, const OpeningHours& hours, TimeMs now) {
    std::vector<OpenSpan> open;
    for (const Visit& visit : openVisits) open.push_back({visit.id, visit.startedAt});
    std::vector<VisitEnded> ends;
    for (const ClosingEnd& end : closingEnds(open, hours, now)) ends.push_back({end.id, end.at, VisitEnd::AtClosing});
    return ends;
}

std::vector<AnimationEnded> animationEndsAtClosing(const std::vector<AnimationSession>& sessions, const OpeningHours& hours,
                                                   TimeMs now) {
    std::vector<OpenSpan> open;
    for (const AnimationSession& session : sessions) open.push_back({session.id, session.startedAt});
    std::vector<AnimationEnded> ends;
    for (const ClosingEnd& end : closingEnds(open, hours, now)) ends.push_back({end.id, end.at, AnimationEnd::AtClosing});
    return ends;
}

}  // namespace cowork::kiosk
