#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace cowork::hub {

// Copies the write-ahead log back into the database file on a thread and a
// connection of its own, once a second. Left to SQLite, the commit that crosses
// the threshold does it, and that kiosk's sync (and every one queued behind it)
// waits for the copy and its fsync: stalls of a second were measured.
class WalCheckpointer {
public:
    explicit WalCheckpointer(std::string databasePath);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void run();

    std::string path_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cowork::hub
