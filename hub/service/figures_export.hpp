#pragma once
// The network's figures as files: one table as CSV for a French spreadsheet
// (UTF-8 with a byte-order mark, `;` between cells, decimal commas, ratios in
// percent), and every table as an .xlsx workbook (libxlsxwriter), one sheet
// each, numbers as numbers. Each ends with its table's methods note.
#include <string>

#include "events/event_codec.hpp"

namespace cowork::hub {

std::string figuresCsv(const Json& table, const std::string& periodLabel);
std::string figuresWorkbook(const Json& figures);

}  // namespace cowork::hub
