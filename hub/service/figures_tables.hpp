#pragma once

#include <map>
// The published tables of the network's figures, each with its columns, its
// rows per scope (network, kind of site, site) and its methods note, suppressed
// (figures_suppression.hpp). A cell is a number, the text "< 5" (suppressed) or
// null (not available). The console, the printable report, the CSV and the
// workbook all read this one shape.
#include <optional>

#include "service/figures_measures.hpp"
#include "json/json_reader.hpp"

namespace cowork::hub {

// A period's measures, ready to publish.
struct PeriodMeasures {
    FiguresPeriod period;
    const NetworkHistory* history = nullptr;
    Activity activity;
    std::optional<People> people;  // nullopt: months whose member links went before they were frozen
    const std::map<std::string, CommunePlace>* communes = nullptr;  // codes and centres, by name (none: unknown)
};

Json usageTable(const PeriodMeasures& m);
Json comparisonTable(const PeriodMeasures& now, const PeriodMeasures& yearBefore);
Json busiestTimesTable(const PeriodMeasures& m);  // the network's heat map, with every scope's in "scopes"
Json communesTable(const PeriodMeasures& m);
Json employersTable(const PeriodMeasures& m);
Json reachabilityTable(const PeriodMeasures& m);
// The hours animated per site over the period (animation_service's
// animatedHoursBySite), summed by kind and for the network. Paid work, not people's
// presence: no count of people, nothing to suppress.
Json animatorHoursTable(const PeriodMeasures& m, const std::map<std::string, double>& hoursBySite);

// What every table's note starts with: the suppression rule and the anonymous visit.
extern const char* const kMethodsNote;

}  // namespace cowork::hub
