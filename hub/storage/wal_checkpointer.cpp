#include "storage/wal_checkpointer.hpp"

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
    try {
        Database db(path_);
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
            lock.unlock();
            // PASSIVE: copies what it can without waiting for, or blocking, anyone.
            db.exec("PRAGMA wal_checkpoint(PASSIVE)");
            lock.lock();
        }
    } catch (const std::exception& e) {
        spdlog::error("event=checkpoint_failed error=\"{}\"", e.what());
    }
}

}  // namespace cowork::hub
