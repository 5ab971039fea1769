#pragma once
// Times, days and durations as the screens say them, from catalogue patterns.
#include <string>

#include "app/site_status.hpp"
#include "domain/time.hpp"
#include "i18n/catalog.hpp"

namespace cowork::kiosk {

std::string formatClock(const Catalog& tr, TimeMs utc);       // "13 h 05" / "13:05"
std::string formatDayAndTime(const Catalog& tr, TimeMs utc, TimeMs now);  // "demain à 6 h 30"
// "Ouvert jusqu'à 13 h" or "Fermé — ouvre mardi à 6 h 30", with the reason if any.
std::string describeStatus(const Catalog& tr, const SiteStatus& status, TimeMs now);
std::string formatAge(const Catalog& tr, TimeMs since, TimeMs now);  // "il y a 5 min"
std::string formatMinutes(const Catalog& tr, int minutes);           // "12 min", "1 h 05"
std::string formatDayRanges(const Catalog& tr, const DayRanges& ranges);  // "6 h 30 – 13 h, 15 h 30 – 19 h"

}  // namespace cowork::kiosk
