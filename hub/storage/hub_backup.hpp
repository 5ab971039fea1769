#pragma once
#include <string>
#include <vector>

#include "domain/time.hpp"

namespace cowork::hub {

// Written into a backup's meta table, never into the live file: a hub started
// on the backup starts a new epoch, since the kiosks saw events the backup lacks.
constexpr const char* kEpochRotationMark = "epoch.rotate_on_start";

// A consistent copy of the hub's database while the hub runs (SQLite's VACUUM
// INTO reads one snapshot), marked for a new epoch, as one self-contained file.
// Refuses to overwrite `target`; the copy appears under its name only once complete.
void backupHubDatabase(const std::string& databasePath, const std::string& target);

// Scheduled backups (the daily timer of the Debian package): a copy named
// hub-AAAA-MM-JJTHHMMSSZ.db (UTC, from `now`) in `folder`, then every copy of
// that name made before `keepFrom` is deleted, so that no backup holds links
// between visits and members longer than the link period. Files of other
// names are never touched. The name, not the file's date, tells its age: a
// copy carried elsewhere and back keeps it.
struct ScheduledBackup {
    std::string written;
    std::vector<std::string> deleted;
};
ScheduledBackup backupIntoFolder(const std::string& databasePath, const std::string& folder, TimeMs now, TimeMs keepFrom);

// The time a scheduled backup's file name gives, or -1 for any other name.
TimeMs scheduledBackupTime(const std::string& fileName);

}  // namespace cowork::hub
