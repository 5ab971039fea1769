#pragma once
#include "store/sqlite_db.hpp"

namespace cowork {

// The schema version this program writes. A file at a lower version is brought
// up step by step; a file at a higher version is refused (SchemaTooNewError).
int latestSchemaVersion();

class SchemaTooNewError : public StoreError {
public:
    using StoreError::StoreError;
};

// Applies migrations above the file's version up to `target`, each in its own
// transaction with the version bump, so a crash leaves a whole step or none.
// Returns true if a step changed the projection tables (the caller then
// rebuilds them from the event log).
bool migrate(Database& db, int target);

}  // namespace cowork
