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

// The ends that closing time imposes on open visits: each visit still open when
// the opening it started in has ended is closed at that moment, marked AtClosing.
std::vector<VisitEnded> endsAtClosing(const std::vector<Visit>& openVisits, const OpeningHours& hours, TimeMs now);

}  // namespace cowork::kiosk
