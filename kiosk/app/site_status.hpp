#pragma once
// Whether the site takes visitors now, and which open visits closing time ends.
// Pure functions of the site, its override and the time.
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "events/event.hpp"

namespace cowork::kiosk {

struct SiteStatus {
    bool open = false;                   // open hours and not closed by the shopkeeper
    bool full = false;                   // marked "complet" by the shopkeeper
    std::optional<TimeMs> closesAt;      // when open
    std::optional<TimeMs> nextOpening;   // when closed
    std::string reason;                  // the shopkeeper's or the calendar's, shown to visitors
};

SiteStatus siteStatusAt(const Site& site, SiteOverride override, const std::string& overrideReason, TimeMs now);

// Something still open at the site: a visit or an animation session.
struct OpenSpan {
    std::string id;
    TimeMs startedAt = 0;
};
struct ClosingEnd {
    std::string id;
    TimeMs at = 0;
};
// The ends that closing time imposes: each span still open when the opening it
// started in has ended is closed at that moment; one started outside the hours
// (a clock put right since) is closed now, once the site is closed.
std::vector<ClosingEnd> closingEnds(const std::vector<OpenSpan>& open, const OpeningHours& hours, TimeMs now);
// The same for visits (marked AtClosing) and animation sessions (at_closing,
// which the coordinator then confirms).
std::vector<VisitEnded> endsAtClosing(const std::vector<Visit>& openVisits, const OpeningHours& hours, TimeMs now);
std::vector<AnimationEnded> animationEndsAtClosing(const std::vector<AnimationSession>& open, const OpeningHours& hours,
                                                   TimeMs now);

}  // namespace cowork::kiosk
