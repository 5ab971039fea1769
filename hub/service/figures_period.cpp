#include "service/figures_period.hpp"

#include <array>
#include <cstdio>
#include <regex>
#include <vector>

#include "service/api_error.hpp"

namespace cowork::hub {
namespace {

constexpr std::array<const char*, 12> kMonthNames = {"janvier", "février", "mars",     "avril",   "mai",      "juin",
                                                     "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

FiguresPeriod spanning(PeriodKind kind, int year, int index, LocalDate first, LocalDate last) {
    return {kind, year, index, first, last, parisLocalToUtc(first, 0), parisLocalToUtc(last, 1440)};
}

LocalDate lastDayOfMonth(int year, int month) { return addDays(addMonths({year, month, 1}, 1), -1); }

std::string twoDigits(int n) {
    char text[4];
    std::snprintf(text, sizeof text, "%02d", n % 100);
    return text;
}

}  // namespace

FiguresPeriod monthPeriod(int year, int month) {
    return spanning(PeriodKind::Month, year, month, {year, month, 1}, lastDayOfMonth(year, month));
}

FiguresPeriod quarterPeriod(int year, int quarter) {
    const int firstMonth = 3 * (quarter - 1) + 1;
    return spanning(PeriodKind::Quarter, year, quarter, {year, firstMonth, 1}, lastDayOfMonth(year, firstMonth + 2));
}

FiguresPeriod yearPeriod(int year) { return spanning(PeriodKind::Year, year, 1, {year, 1, 1}, {year, 12, 31}); }

std::string FiguresPeriod::key() const {
    switch (kind) {
        case PeriodKind::Month: return std::to_string(year) + "-" + twoDigits(index);
        case PeriodKind::Quarter: return std::to_string(year) + "-T" + std::to_string(index);
        case PeriodKind::Year: break;
    }
    return std::to_string(year);
}

std::string FiguresPeriod::label() const {
    switch (kind) {
        case PeriodKind::Month: return std::string(kMonthNames[static_cast<std::size_t>(index - 1)]) + " " + std::to_string(year);
        case PeriodKind::Quarter: return std::string(index == 1 ? "1er" : index == 2 ? "2e" : index == 3 ? "3e" : "4e") + " trimestre " + std::to_string(year);
        case PeriodKind::Year: break;
    }
    return "année " + std::to_string(year);
}

int FiguresPeriod::monthCount() const { return kind == PeriodKind::Month ? 1 : kind == PeriodKind::Quarter ? 3 : 12; }

FiguresPeriod FiguresPeriod::yearBefore() const {
    switch (kind) {
        case PeriodKind::Month: return monthPeriod(year - 1, index);
        case PeriodKind::Quarter: return quarterPeriod(year - 1, index);
        case PeriodKind::Year: break;
    }
    return yearPeriod(year - 1);
}

std::vector<FiguresPeriod> FiguresPeriod::months() const {
    std::vector<FiguresPeriod> list;
    for (int i = 0; i < monthCount(); ++i) list.push_back(monthPeriod(year, first.month + i));
    return list;
}

FiguresPeriod parseFiguresPeriod(const std::string& text, TimeMs now) {
    static const std::regex shape(R"(^(\d{4})(?:-(\d{2})|-[TQ]([1-4]))?$)");
    std::smatch parts;
    if (!std::regex_match(text, parts, shape)) {
        throw ApiError(400, "période attendue : un mois (2026-05), un trimestre (2026-T2) ou une année (2026) entiers", "period");
    }
    const int year = std::stoi(parts[1].str());
    if (year < 2000 || year > 2200) throw ApiError(400, "année hors de portée", "period");
    FiguresPeriod period = yearPeriod(year);
    if (parts[2].matched) {
        const int month = std::stoi(parts[2].str());
        if (month < 1 || month > 12) throw ApiError(400, "mois inconnu (01 à 12)", "period");
        period = monthPeriod(year, month);
    } else if (parts[3].matched) {
        period = quarterPeriod(year, std::stoi(parts[3].str()));
    }
    if (period.to > now) {
        throw ApiError(400, "la période « " + period.label() + " » n’est pas terminée : les chiffres ne portent que sur des périodes entières", "period");
    }
    return period;
}

}  // namespace cowork::hub
