// The console's CSV cells: a spreadsheet must read each as plain text.
#include <catch2/catch.hpp>

#include "service/csv_cells.hpp"

using namespace cowork::hub;

TEST_CASE("a cell that a spreadsheet could read as a formula gets a leading quote", "[hub][csv][security]") {
    CHECK(csvCell("=1+1") == "'=1+1");
    CHECK(csvCell("+33 4 74") == "'+33 4 74");
    CHECK(csvCell("-2") == "'-2");
    CHECK(csvCell("@SUM(A1)") == "'@SUM(A1)");
    // Some spreadsheets skip a leading tab or carriage return, then see the formula.
    CHECK(csvCell("\t=1+1") == "'\t=1+1");
    CHECK(csvCell("\r=1+1") == "\"'\r=1+1\"");
    CHECK(csvCell("Café des sports") == "Café des sports");
}
