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

std::vector<VisitEnded> endsAtClosing(const std::vector<Visit>& openVisits, const OpeningHours& hours, TimeMs now) {
    std::vector<VisitEnded> ends;
    for (const Visit& visit : openVisits) {
        if (const auto closes = hours.closesAt(visit.startedAt)) {
            if (*closes <= now) ends.push_back({visit.id, *closes, VisitEnd::AtClosing});
        } else if (!hours.isOpenAt(now)) {
            // Started outside the hours (a clock put right since): ended now.
            ends.push_back({visit.id, now, VisitEnd::AtClosing});
        }
    }
    return ends;
}

}  // namespace cowork::kiosk
