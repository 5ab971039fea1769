#include "storage/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>

namespace cowork::hub {

WalCheckpointer::WalCheckpointer(std::string databasePath)
    : path_(std::move(databasePath)),
      thread_(std::chrono::seconds(1), PeriodicThread::Start::AfterInterval, [this] { checkpoint(); }) {}

// A failure (a full disk) is retried every second: with SQLite's own checkpoints
// off, giving up would let the log grow without end.
void WalCheckpointer::checkpoint() {
    try {
        if (!db_) db_ = std::make_unique<Database>(path_);
        // PASSIVE: copies what it can without waiting for, or blocking, anyone.
        db_->exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const std::exception& e) {
        spdlog::error("event=checkpoint_failed error=\"{}\"", e.what());
        db_.reset();
    }
}

}  // namespace cowork::hub
