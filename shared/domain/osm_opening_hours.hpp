#pragma once
// Opening hours in OpenStreetMap's `opening_hours` syntax
// (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification), as open
// data publishes them (the public feed's sites.json and sites.csv):
//   weekly hours   "Mo-Fr 08:30-18:30; Sa 09:00-12:00"
//   then exceptions, each a later rule that replaces the day's hours:
//                  "2026 Dec 24 08:30-12:00 \"Veille de Noël\"; 2026 Dec 25 off \"Noël\""
// Everything our model holds can be said: split days, closed days, dated
// closures and special hours (consecutive equal days as one date range), their
// reasons as comments. Overrides ("fermé maintenant", "complet") are not hours
// but the state of the moment: the status feed carries them.
#include <string>

#include "domain/opening_hours.hpp"

namespace cowork {

// Exceptions dated before `from` (in the past) are left out. A site closed every
// day of the week, with no exception ahead, is "off".
std::string toOsmOpeningHours(const OpeningHours& hours, LocalDate from);

}  // namespace cowork
