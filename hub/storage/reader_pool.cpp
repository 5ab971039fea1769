#include "storage/reader_pool.hpp"

namespace cowork::hub {

ReaderPool::ReaderPool(std::string databasePath) : path_(std::move(databasePath)) {}

ReaderPool::Lease ReaderPool::lease() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            std::unique_ptr<Store> store = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(store));
        }
    }
    return Lease(*this, std::make_unique<Store>(path_, StoreRole::Hub));  // opened outside the lock
}

// A read cut short by an exception may leave a statement between rows, which
// would pin the connection to its old snapshot: such a connection is closed,
// not given back (a new one opens when needed).
ReaderPool::Lease::~Lease() {
    if (std::uncaught_exceptions() > exceptionsAtStart_) return;
    std::lock_guard lock(pool_.mutex_);
    pool_.idle_.push_back(std::move(store_));
}

}  // namespace cowork::hub
