#pragma once
// A thin RAII layer over SQLite: a connection, prepared statements, and
// transactions that roll back unless committed. Every query goes through a
// prepared statement with bound parameters; nothing is ever spliced into SQL.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace cowork {

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* statement);
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Binds by position from 1. Returns *this so calls chain.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bindNull(int index);

    bool step();  // true while a row is available
    void run();   // steps to completion, expecting no rows
    void reset();

    std::int64_t columnInt(int index) const;
    double columnDouble(int index) const;
    std::string columnText(int index) const;
    std::optional<std::string> columnOptionalText(int index) const;
    std::optional<std::int64_t> columnOptionalInt(int index) const;
    bool columnIsNull(int index) const;
    int columnCount() const;

private:
    void check(int rc, const char* what) const;

    sqlite3* db_;
    sqlite3_stmt* statement_;
};

class Database {
public:
    // Opens (creating if needed) with WAL, synchronous=FULL, foreign keys on and
    // a busy timeout, so a commit that returned survives a power cut.
    explicit Database(const std::string& path);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Statements are prepared once per SQL text and reused.
    Statement& prepare(std::string_view sql);
    void exec(std::string_view sqlScript);  // for migrations and pragmas only
    std::int64_t changes() const;
    int userVersion();
    void setUserVersion(int version);
    bool integrityOk();
    const std::string& path() const { return path_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
};

// For the transactions made while it lives (in WAL mode): their commit does not
// wait for the disk (synchronous=NORMAL). Only for writes whose loss to a power
// cut costs nothing: the next commit that does wait (synchronous=FULL, restored
// on destruction) flushes the log up to itself, these ones included, so the
// order of commits holds and what was durable stays durable. Made and destroyed
// outside any transaction (SQLite ignores the pragma inside one).
class CommitWithoutWaitingForDisk {
public:
    explicit CommitWithoutWaitingForDisk(Database& db);
    ~CommitWithoutWaitingForDisk();
    CommitWithoutWaitingForDisk(const CommitWithoutWaitingForDisk&) = delete;
    CommitWithoutWaitingForDisk& operator=(const CommitWithoutWaitingForDisk&) = delete;

private:
    Database& db_;
};

// BEGIN IMMEDIATE on construction (the write lock is taken up front, so a
// transaction never fails half-way for lack of it); ROLLBACK unless commit().
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

// BEGIN (deferred) for reads that must see one snapshot of the file, even while
// another process writes to it; ends with COMMIT when destroyed.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db);
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    ~ReadTransaction();

private:
    Database& db_;
};

}  // namespace cowork
