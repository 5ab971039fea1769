#pragma once
#include "store/sqlite_db.hpp"

namespace cowork::hub {

// The hub's own tables (devices, codes, coordinators…) beside the core store's,
// in the same file so that they commit together. Numbered like the core's
// migrations, with the version kept in the core's meta table under "hub_schema".
void migrateHubSchema(Database& db);
int latestHubSchemaVersion();

}  // namespace cowork::hub
