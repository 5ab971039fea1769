#pragma once
// What a store file still says about a person: every column of every table, and
// the raw bytes of the file once its WAL is checkpointed (deleted rows whose
// bytes SQLite left in place count too).
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/sqlite_db.hpp"

namespace cowork::testing {

struct TableColumns {
    std::string table;
    std::vector<std::string> columns;
};

inline std::vector<TableColumns> everyTable(Database& db) {
    std::vector<TableColumns> tables;
    Statement& names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (names.step()) tables.push_back({names.columnText(0), {}});
    for (TableColumns& t : tables) {
        Statement& columns = db.prepare("SELECT name FROM pragma_table_info(?1)");
        columns.bind(1, t.table);
        while (columns.step()) t.columns.push_back(columns.columnText(0));
    }
    return tables;
}

// "any column of the row contains ?N"
inline std::string anyColumnContains(const TableColumns& t, int parameter) {
    std::string sql = "(";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (i > 0) sql += " OR ";
        sql += "instr(CAST(\"" + t.columns[i] + "\" AS TEXT), ?" + std::to_string(parameter) + ") > 0";
    }
    return sql + ")";
}

inline std::int64_t countWhere(Database& db, const std::string& sql, const std::vector<std::string>& values) {
    Statement& row = db.prepare(sql);
    for (std::size_t i = 0; i < values.size(); ++i) row.bind(static_cast<int>(i + 1), values[i]);
    row.step();
    const std::int64_t n = row.columnInt(0);
    row.reset();
    return n;
}

// The tables holding `needle` anywhere, as "table (n rows)".
inline std::vector<std::string> tablesContaining(Database& db, const std::string& needle) {
    std::vector<std::string> found;
    for (const TableColumns& t : everyTable(db)) {
        const std::int64_t n = countWhere(db, "SELECT count(*) FROM \"" + t.table + "\" WHERE " + anyColumnContains(t, 1), {needle});
        if (n > 0) found.push_back(t.table + " (" + std::to_string(n) + ")");
    }
    return found;
}

// The tables with a row naming both `visitId` and `person` (a member id or code).
inline std::vector<std::string> tablesLinking(Database& db, const std::string& visitId, const std::string& person) {
    std::vector<std::string> found;
    for (const TableColumns& t : everyTable(db)) {
        const std::string sql = "SELECT count(*) FROM \"" + t.table + "\" WHERE " + anyColumnContains(t, 1) + " AND " +
                                anyColumnContains(t, 2);
        if (countWhere(db, sql, {visitId, person}) > 0) found.push_back(t.table);
    }
    return found;
}

inline std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The database file and its WAL, after moving every committed page into the
// file (another connection may keep using it).
inline std::string checkpointedBytes(const std::string& path) {
    {
        Database db(path);
        Statement& checkpoint = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        checkpoint.step();
        if (checkpoint.columnInt(0) != 0) throw std::runtime_error("checkpoint blocked: " + path);
        checkpoint.reset();
    }
    return fileBytes(path) + fileBytes(path + "-wal");
}

}  // namespace cowork::testing
