#include "service/figures_export.hpp"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "service/csv_cells.hpp"

namespace cowork::hub {
namespace {

// Ratios are published as fractions (0.125) and shown in percent (12,5).
bool isRatio(const Json& column) { return column["type"] == "ratio"; }

std::string headerOf(const Json& column) {
    return column["label"].get<std::string>() + (isRatio(column) ? " (%)" : "");
}

std::string decimalComma(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", std::round(value * 1000) / 1000);
    std::string out = text;
    for (char& c : out) {
        if (c == '.') c = ',';
    }
    return out;
}

// A line of cells already made (texts through csvCell, numbers as they are:
// csvLine would guard a negative number like a formula).
std::string joined(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i > 0 ? ";" : "") + cells[i];
    return line + "\r\n";
}

std::string csvValue(const Json& column, const Json& value) {
    if (value.is_null()) return "n.d.";
    if (value.is_string()) return csvCell(value.get<std::string>());
    const double number = value.get<double>();
    return decimalComma(isRatio(column) ? number * 100 : number);
}

// libxlsxwriter writes to a file: a private temporary one, read back and removed.
class TemporaryFile {
public:
    TemporaryFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "cowork-figures-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("fichier temporaire impossible à créer");
        close(fd);
        path_ = pattern;
    }
    ~TemporaryFile() { std::filesystem::remove(path_); }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// A sheet's name: at most 31 characters, none of []:*?/\ (Excel's rule).
std::string sheetName(const Json& table) {
    std::string name = table["id"].get<std::string>();
    return name.substr(0, 31);
}

void writeSheet(lxw_workbook* book, const Json& table, const std::string& periodLabel, lxw_format* bold, lxw_format* percent,
                lxw_format* decimal) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheetName(table).c_str());
    const std::string title = table["title"].get<std::string>() + " — " + periodLabel;
    worksheet_write_string(sheet, 0, 0, title.c_str(), bold);
    const Json& columns = table["columns"];
    for (std::size_t c = 0; c < columns.size(); ++c) {
        worksheet_write_string(sheet, 2, static_cast<lxw_col_t>(c), columns[c]["label"].get<std::string>().c_str(), bold);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 ? 28 : 16, nullptr);
    }
    lxw_row_t row = 3;
    for (const Json& r : table["rows"]) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Json& value = r["cells"].value(columns[c]["key"].get<std::string>(), Json(nullptr));
            const auto col = static_cast<lxw_col_t>(c);
            if (value.is_number()) {
                lxw_format* format = isRatio(columns[c]) ? percent : columns[c]["type"] == "hours" ? decimal : nullptr;
                worksheet_write_number(sheet, row, col, value.get<double>(), format);
            } else {
                worksheet_write_string(sheet, row, col, value.is_null() ? "n.d." : value.get<std::string>().c_str(), nullptr);
            }
        }
        ++row;
    }
    worksheet_write_string(sheet, row + 1, 0, table["note"].get<std::string>().c_str(), nullptr);
}

}  // namespace

std::string figuresCsv(const Json& table, const std::string& periodLabel) {
    std::ostringstream csv;
    csv << kUtf8Bom;
    const Json& columns = table["columns"];
    std::vector<std::string> header;
    for (const Json& column : columns) header.push_back(csvCell(headerOf(column)));
    csv << joined(header);
    for (const Json& row : table["rows"]) {
        std::vector<std::string> cells;
        for (const Json& column : columns) cells.push_back(csvValue(column, row["cells"].value(column["key"].get<std::string>(), Json(nullptr))));
        csv << joined(cells);
    }
    csv << "\r\n" << csvLine({csvCell(table["title"].get<std::string>() + " — " + periodLabel + ". " + table["note"].get<std::string>())});
    return csv.str();
}

std::string figuresWorkbook(const Json& figures) {
    TemporaryFile file;
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (book == nullptr) throw std::runtime_error("classeur impossible à créer");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* percent = workbook_add_format(book);
    format_set_num_format(percent, "0.0%");
    lxw_format* decimal = workbook_add_format(book);
    format_set_num_format(decimal, "0.0");
    const std::string label = figures["period"]["label"].get<std::string>();
    for (const Json& table : figures["tables"]) writeSheet(book, table, label, bold, percent, decimal);
    if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("classeur impossible à écrire");
    std::ifstream in(file.path(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace cowork::hub
