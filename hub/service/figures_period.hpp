#pragma once
// The periods the network's figures are published for: whole calendar months,
// quarters and years, in Paris time, once ended. Arbitrary windows are refused:
// two windows differing by a day would isolate whoever came that day.
#include <string>
#include <vector>

#include "domain/paris_time.hpp"

namespace cowork::hub {

enum class PeriodKind { Month, Quarter, Year };

struct FiguresPeriod {
    PeriodKind kind = PeriodKind::Month;
    int year = 0;
    int index = 1;     // month 1..12, quarter 1..4, 1 for a year
    LocalDate first;   // first day
    LocalDate last;    // last day, included
    TimeMs from = 0;   // Paris midnight starting `first`
    TimeMs to = 0;     // Paris midnight ending `last` (exclusive)

    std::string key() const;    // "2026-05", "2026-T2", "2026"
    std::string label() const;  // "mai 2026", "2e trimestre 2026", "année 2026"
    int monthCount() const;
    FiguresPeriod yearBefore() const;
    // The calendar months it covers, in order.
    std::vector<FiguresPeriod> months() const;
};

FiguresPeriod monthPeriod(int year, int month);
FiguresPeriod quarterPeriod(int year, int quarter);
FiguresPeriod yearPeriod(int year);

// "2026-05", "2026-T2" (or "2026-Q2"), "2026". Throws ApiError 400 (field
// "period") for anything else, and for a period not ended at `now`.
FiguresPeriod parseFiguresPeriod(const std::string& text, TimeMs now);

}  // namespace cowork::hub
