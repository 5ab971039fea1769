#include "service/csv_cells.hpp"

#include <string_view>

namespace cowork::hub {
namespace {

// RFC 4180: in quotes when it holds the separator, a quote or a line break.
std::string quotedIfNeeded(std::string cell, char separator) {
    if (cell.find_first_of(std::string(1, separator) + "\"\n\r") == std::string::npos) return cell;
    std::string quoted(1, '"');
    for (const char c : cell) {
        quoted.push_back(c);
        if (c == '"') quoted.push_back('"');
    }
    quoted.push_back('"');
    return quoted;
}

std::string lineOf(const std::vector<std::string>& cells, char separator, std::string (*cell)(const std::string&)) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) line.push_back(separator);
        line.append(cell(cells[i]));
    }
    line.append("\r\n");
    return line;
}

std::string openDataCell(const std::string& text) { return quotedIfNeeded(text, ','); }

}  // namespace

std::string csvCell(const std::string& text) {
    // A tab or a carriage return first too: some spreadsheets skip it, then read a formula.
    const bool formulaLike = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    return quotedIfNeeded(formulaLike ? "'" + text : text, ';');
}

std::string csvLine(const std::vector<std::string>& cells) { return lineOf(cells, ';', csvCell); }

std::string openDataCsvLine(const std::vector<std::string>& cells) { return lineOf(cells, ',', openDataCell); }

}  // namespace cowork::hub
