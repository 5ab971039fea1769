#pragma once
#include <string>

namespace cowork::hub {

// Written into a backup's meta table, never into the live file: a hub started
// on the backup starts a new epoch, since the kiosks saw events the backup lacks.
constexpr const char* kEpochRotationMark = "epoch.rotate_on_start";

// A consistent copy of the hub's database while the hub runs (SQLite's VACUUM
// INTO reads one snapshot), marked for a new epoch, as one self-contained file.
// Refuses to overwrite `target`; the copy appears under its name only once complete.
void backupHubDatabase(const std::string& databasePath, const std::string& target);

}  // namespace cowork::hub
