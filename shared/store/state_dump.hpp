#pragma once
#include "json/json_reader.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

// Every projection row, table by table in key order, as JSON: two stores hold the
// same state exactly when their dumps are equal. Used by tests and for support.
Json dumpProjections(Database& db);

}  // namespace cowork
