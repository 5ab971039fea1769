#pragma once
// Usage figures for the coordinator and the elected officials: per site, visits,
// distinct members, hours used against capacity (places in service × opening
// hours). Figures that could single someone out (fewer than 5 members) are
// withheld, as the CNIL asks of anonymised statistics.
#include "service/api_error.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr int kSmallestPublishedGroup = 5;

class StatisticsService {
public:
    StatisticsService(HubStorage& storage, Clock clock);
    // Dates are Paris calendar days, both included: "2026-11-01" to "2026-11-30".
    Json usage(const std::string& fromDate, const std::string& toDate);
    std::string usageCsv(const std::string& fromDate, const std::string& toDate);

private:
    HubStorage& storage_;
    Clock clock_;
};

// Opening hours of a site between two dates (both included), in hours.
double openHoursBetween(const OpeningHours& hours, LocalDate from, LocalDate to);

}  // namespace cowork::hub
