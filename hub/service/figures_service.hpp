#pragma once
// The network's figures for the coordination and the elected officials
// (GET /api/v1/admin/figures): computed from the raw event log for a whole
// calendar month, quarter or year, per site, per kind of site and for the
// network, suppressed under 5 people (figures_tables.hpp), as JSON, CSV or an
// .xlsx workbook. Before retention removes the visits' member links, the month
// they belong to has its people counts frozen (freezeMonthBefore).
#include "access/principal.hpp"
#include "service/api_error.hpp"
#include "service/figures_period.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

class FiguresService {
public:
    FiguresService(HubStorage& storage, Clock clock);

    // `period`: "2026-05", "2026-T2" or "2026"; ApiError 400 for anything else.
    Json figures(const Principal& principal, const std::string& period);
    // One table ("usage", "comparison"…) as CSV for a French spreadsheet.
    std::string csv(const Principal& principal, const std::string& period, const std::string& tableId);
    // Every table, one sheet each.
    std::string xlsx(const Principal& principal, const std::string& period);

    // Freezes the people counts of the month holding the instant just before
    // `unlinkBefore`, if not frozen yet: retention calls it before it unlinks
    // visits started before that instant. Returns whether it froze a month.
    bool freezeMonthBefore(TimeMs unlinkBefore);

    // Figures of a period, unchecked: for the benchmark and the service itself.
    Json compute(const FiguresPeriod& period);

private:
    HubStorage& storage_;
    Clock clock_;
};

}  // namespace cowork::hub
