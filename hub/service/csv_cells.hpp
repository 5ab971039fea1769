#pragma once
// Cells of the CSV files the console downloads, for a French spreadsheet:
// `;` between cells, UTF-8 with a byte-order mark so that accents read right.
#include <string>
#include <vector>

namespace cowork::hub {

constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

// A text cell: quoted when it holds a separator, a quote or a line break, and
// never read as a formula (a text starting with = + - @, a tab or a carriage
// return gets a leading ').
std::string csvCell(const std::string& text);
// One line of cells, ending with "\r\n" as RFC 4180 says.
std::string csvLine(const std::vector<std::string>& cells);

// A line of an open-data CSV (data.gouv.fr's conventions: `,` between cells,
// UTF-8 without a byte-order mark, "." in numbers): cells are quoted only when
// they hold a comma, a quote or a line break, and kept as they are otherwise
// (a longitude of -1.5 stays a number; these files are read by programs).
std::string openDataCsvLine(const std::vector<std::string>& cells);

}  // namespace cowork::hub
