#pragma once
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace cowork::hub {

// Connections that read beside the writer (WAL), one for each thread reading
// at the same moment: the handler threads answering kiosks took turns on a
// single one, and waited for each other more than they read. Opened as they
// are first needed, kept for the hub's life (as many as threads ever read at once).
class ReaderPool {
public:
    // The file must exist and be migrated: readers never change its schema.
    explicit ReaderPool(std::string databasePath);

    class Lease {
    public:
        Lease(ReaderPool& pool, std::unique_ptr<Store> store)
            : pool_(pool), store_(std::move(store)), exceptionsAtStart_(std::uncaught_exceptions()) {}
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Store* operator->() const { return store_.get(); }
        Database& db() const { return store_->db(); }

    private:
        ReaderPool& pool_;
        std::unique_ptr<Store> store_;
        int exceptionsAtStart_;
    };

    Lease lease();

private:
    std::string path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace cowork::hub
