#pragma once
#include <functional>

#include "store/sqlite_db.hpp"

namespace cowork {

// The schema version this program writes. A file at a lower version is brought
// up step by step; a file at a higher version is refused (SchemaTooNewError).
int latestSchemaVersion();

class SchemaTooNewError : public StoreError {
public:
    using StoreError::StoreError;
};

// Applies migrations above the file's version up to `target`, in one
// transaction with the version bump and, when a step changed the projection
// tables, with `rebuild` (projections are derived: the caller replays the log).
// A crash leaves the file as it was, or migrated and rebuilt: never migrated
// with the need to rebuild forgotten. Returns true if a step reshaped projections.
bool migrate(Database& db, int target, const std::function<void()>& rebuild = {});

}  // namespace cowork
