#pragma once
#include <memory>
#include <string>

#include "store/sqlite_db.hpp"
#include "support/periodic_thread.hpp"

namespace cowork::hub {

// Copies the write-ahead log back into the database file on a thread and a
// connection of its own, once a second. Left to SQLite, the commit that crosses
// the threshold does it, and that kiosk's sync (and every one queued behind it)
// waits for the copy and its fsync: stalls of a second were measured.
class WalCheckpointer {
public:
    explicit WalCheckpointer(std::string databasePath);

private:
    void checkpoint();

    std::string path_;
    std::unique_ptr<Database> db_;  // opened on the thread, reopened after an error
    PeriodicThread thread_;         // last: uses the members above
};

}  // namespace cowork::hub
