#include "service/figures_service.hpp"

#include "access/figures_access.hpp"
#include "service/animation_service.hpp"  // animatedHoursBySite
#include "service/figures_export.hpp"
#include "service/figures_tables.hpp"
#include "service/retention_service.hpp"  // visitLinkMonths

namespace cowork::hub {
namespace {

// The log, its configuration history and the measures of one period.
struct Computed {
    FiguresLog log;
    NetworkHistory history;
    PeriodMeasures measures;

    Computed(FiguresLog l, const FiguresPeriod& period) : log(std::move(l)), history(log.changes) {
        measures.period = period;
        measures.history = &history;
        measures.communes = &log.communes;
    }
};

std::unique_ptr<Computed> measured(HubStorage& storage, const FiguresPeriod& period, TimeMs linkedSince) {
    auto c = std::make_unique<Computed>(storage.figuresLog(period.from, period.to), period);
    c->measures.activity = activityOf(c->history, c->log, period);
    std::vector<std::string> keys;
    for (const FiguresPeriod& month : period.months()) keys.push_back(month.key());
    const std::vector<FrozenFigure> frozen = storage.frozenFigures(keys);
    std::vector<FiguresPeriod> linked;
    for (const FiguresPeriod& month : period.months()) {
        if (month.from >= linkedSince) linked.push_back(month);
    }
    std::vector<People> months = peopleByMonth(c->history, c->log, linked);
    for (const FiguresPeriod& month : period.months()) {
        if (month.from >= linkedSince) break;  // the linked months are the last ones
        std::vector<FrozenFigure> own;
        for (const FrozenFigure& f : frozen) {
            if (f.month == month.key()) own.push_back(f);
        }
        if (own.empty()) return c;  // links gone before they were frozen: no people counts
        months.push_back(peopleFromFrozen(own));
    }
    c->measures.people = months.size() == 1 ? months.front() : addMonths(months);
    return c;
}

Json periodJson(const FiguresPeriod& p) {
    const auto date = [](LocalDate d) {
        char text[11];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
        return std::string(text);
    };
    static const char* kinds[] = {"month", "quarter", "year"};
    return {{"key", p.key()}, {"label", p.label()}, {"kind", kinds[static_cast<int>(p.kind)]}, {"first", date(p.first)}, {"last", date(p.last)}};
}

}  // namespace

FiguresService::FiguresService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

Json FiguresService::compute(const FiguresPeriod& period) {
    const TimeMs linkedSince = monthsBefore(clock_(), visitLinkMonths(storage_));
    const auto now = measured(storage_, period, linkedSince);
    const auto before = measured(storage_, period.yearBefore(), linkedSince);
    const PeriodMeasures& m = now->measures;
    return {{"period", periodJson(period)},
            {"year_before", periodJson(period.yearBefore())},
            {"methods", kMethodsNote},
            {"tables", Json::array({usageTable(m), comparisonTable(m, before->measures), busiestTimesTable(m), communesTable(m),
                                    employersTable(m), reachabilityTable(m),
                                    animatorHoursTable(m, animatedHoursBySite(storage_, period.first, period.last))})}};
}

Json FiguresService::figures(const Principal& principal, const std::string& period) {
    requireFiguresReader(principal);
    return compute(parseFiguresPeriod(period, clock_()));
}

std::string FiguresService::csv(const Principal& principal, const std::string& period, const std::string& tableId) {
    const Json all = figures(principal, period);
    for (const Json& table : all["tables"]) {
        if (table["id"] == tableId) return figuresCsv(table, all["period"]["label"].get<std::string>());
    }
    throw ApiError(400, "tableau inconnu « " + tableId + " »", "table");
}

std::string FiguresService::xlsx(const Principal& principal, const std::string& period) {
    return figuresWorkbook(figures(principal, period));
}

bool FiguresService::freezeMonthBefore(TimeMs unlinkBefore) {
    const LocalDate day = toParisLocal(unlinkBefore - 1).date;
    const FiguresPeriod month = monthPeriod(day.year, day.month);
    if (!storage_.frozenFigures({month.key()}).empty()) return false;
    const FiguresLog log = storage_.figuresLog(month.from, month.to);
    const NetworkHistory history(log.changes);
    storage_.saveFrozenFigures(month.key(), frozenFrom(peopleOf(history, log, month), month.key()));
    return true;
}

}  // namespace cowork::hub
