#include "service/csv_cells.hpp"

#include <string_view>

namespace cowork::hub {

std::string csvCell(const std::string& text) {
    // A tab or a carriage return first too: some spreadsheets skip it, then read a formula.
    const bool formulaLike = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    std::string cell;
    if (formulaLike) cell.push_back('\'');
    cell.append(text);
    if (cell.find_first_of(";\"\n\r") == std::string::npos) return cell;
    std::string quoted(1, '"');
    for (const char c : cell) {
        quoted.push_back(c);
        if (c == '"') quoted.push_back('"');
    }
    quoted.push_back('"');
    return quoted;
}

std::string csvLine(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) line.push_back(';');
        line.append(csvCell(cells[i]));
    }
    line.append("\r\n");
    return line;
}

}  // namespace cowork::hub
