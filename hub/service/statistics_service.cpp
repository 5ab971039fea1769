#include "service/statistics_service.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "events/entity_codec.hpp"
#include "service/csv_cells.hpp"

namespace cowork::hub {
namespace {

struct Period {
    LocalDate from;
    LocalDate to;
};

Period parsePeriod(const std::string& fromDate, const std::string& toDate) {
    try {
        const Period period{parseLocalDate(fromDate, "from"), parseLocalDate(toDate, "to")};
        if (period.to < period.from) throw ApiError(400, "la fin de la période précède son début", "to");
        if (daysFromCivil(period.to) - daysFromCivil(period.from) > 366) throw ApiError(400, "période d'un an au plus", "to");
        return period;
    } catch (const InputError& e) {
        throw ApiError(400, e.reason(), e.field());
    }
}

double rounded(double value) { return std::round(value * 10) / 10; }

Json siteFigures(const Site& site, int placesInService, const SiteUsage& usage, const Period& period) {
    const double capacity = placesInService * openHoursBetween(site.hours, period.from, period.to);
    Json figures = {{"site_id", site.id},
                    {"name", site.name},
                    {"kind", toString(site.kind)},
                    {"commune", site.commune},
                    {"visits", usage.visits},
                    {"anonymous_visits", usage.anonymousVisits},
                    {"hours_used", rounded(usage.hoursUsed)},
                    {"capacity_hours", rounded(capacity)},
                    {"use_to_capacity", capacity > 0 ? Json(rounded(100 * usage.hoursUsed / capacity) / 100) : Json(nullptr)}};
    figures["distinct_members"] =
        usage.distinctMembers >= kSmallestPublishedGroup ? Json(usage.distinctMembers) : Json(nullptr);
    return figures;
}

}  // namespace

double openHoursBetween(const OpeningHours& hours, LocalDate from, LocalDate to) {
    int minutes = 0;
    for (LocalDate day = from; day <= to; day = addDays(day, 1)) {
        for (const MinuteRange& range : hours.rangesOn(day)) minutes += range.to - range.from;
    }
    return minutes / 60.0;
}

StatisticsService::StatisticsService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

Json StatisticsService::usage(const std::string& fromDate, const std::string& toDate) {
    const Period period = parsePeriod(fromDate, toDate);
    const TimeMs from = parisLocalToUtc(period.from, 0);
    const TimeMs to = parisLocalToUtc(period.to, 1440);
    const auto usage = storage_.usageBetween(from, to, clock_());
    Json sites = Json::array();
    for (const Site& site : storage_.sites()) {
        const auto places = storage_.places(site.id);
        const int inService = static_cast<int>(std::count_if(places.begin(), places.end(), [](const Place& p) { return p.inService; }));
        const auto found = std::find_if(usage.begin(), usage.end(), [&](const SiteUsage& u) { return u.siteId == site.id; });
        sites.push_back(siteFigures(site, inService, found != usage.end() ? *found : SiteUsage{site.id}, period));
    }
    return {{"from", fromDate}, {"to", toDate}, {"sites", sites},
            {"note", "membres distincts non publiés en dessous de 5 ; passages datés à l'heure corrigée des kiosques"}};
}

std::string StatisticsService::usageCsv(const std::string& fromDate, const std::string& toDate) {
    const Json figures = usage(fromDate, toDate);
    std::ostringstream csv;
    // Semicolons and decimal commas: what a French spreadsheet opens as is.
    csv << "lieu;type;commune;passages;passages anonymes;membres distincts;heures utilisées;heures disponibles;taux d'occupation\n";
    const auto number = [](const Json& value) {
        if (value.is_null()) return std::string("<5");
        std::string text = value.dump();
        std::replace(text.begin(), text.end(), '.', ',');
        return text;
    };
    for (const Json& s : figures["sites"]) {
        csv << csvCell(s["name"].get<std::string>()) << ';' << csvCell(s["kind"].get<std::string>()) << ';'
            << csvCell(s["commune"].get<std::string>()) << ';'
            << s["visits"] << ';' << s["anonymous_visits"] << ';' << number(s["distinct_members"]) << ';'
            << number(s["hours_used"]) << ';' << number(s["capacity_hours"]) << ';'
            << (s["use_to_capacity"].is_null() ? std::string("") : number(s["use_to_capacity"])) << '\n';
    }
    return csv.str();
}

}  // namespace cowork::hub
