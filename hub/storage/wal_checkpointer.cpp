#include "storage/wal_checkpointer.hpp"

#include <memory>

#include <spdlog/spdlog.h>

#include "store/sqlite_db.hpp"

namespace cowork::hub {

WalCheckpointer::WalCheckpointer(std::string databasePath) : path_(std::move(databasePath)), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void WalCheckpointer::run() {
    std::unique_ptr<Database> db;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
        lock.unlock();
        // A failure (a full disk) is retried every second: with SQLite's own
        // checkpoints off, giving up would let the log grow without end.
        try {
            if (!db) db = std::make_unique<Database>(path_);
            // PASSIVE: copies what it can without waiting for, or blocking, anyone.
            db->exec("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception& e) {
            spdlog::error("event=checkpoint_failed error=\"{}\"", e.what());
            db.reset();
        }
        lock.lock();
    }
}

}  // namespace cowork::hub
