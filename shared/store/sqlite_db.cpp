#include "store/sqlite_db.hpp"

#include <sqlite3.h>

namespace cowork {

Statement::Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
    other.statement_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::check(int rc, const char* what) const {
    if (rc != SQLITE_OK) throw StoreError(std::string(what) + " : " + sqlite3_errmsg(db_));
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(statement_, index, value), "liaison d'un paramètre");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check(sqlite3_bind_double(statement_, index, value), "liaison d'un paramètre");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT),
          "liaison d'un paramètre");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bindNull(index);
}

Statement& Statement::bindNull(int index) {
    check(sqlite3_bind_null(statement_, index), "liaison d'un paramètre");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    // Reset at the end so the cached statement is ready and holds no read lock.
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    if (rc == SQLITE_DONE) return false;
    throw StoreError(std::string("base de données : ") + sqlite3_errstr(rc) + " (" + sqlite3_errmsg(db_) + ")");
}

void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::columnInt(int index) const { return sqlite3_column_int64(statement_, index); }
double Statement::columnDouble(int index) const { return sqlite3_column_double(statement_, index); }

std::string Statement::columnText(int index) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, index));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, index))) : std::string();
}

int Statement::columnCount() const { return sqlite3_column_count(statement_); }

bool Statement::columnIsNull(int index) const { return sqlite3_column_type(statement_, index) == SQLITE_NULL; }

std::optional<std::string> Statement::columnOptionalText(int index) const {
    if (columnIsNull(index)) return std::nullopt;
    return columnText(index);
}

std::optional<std::int64_t> Statement::columnOptionalInt(int index) const {
    if (columnIsNull(index)) return std::nullopt;
    return columnInt(index);
}

Database::Database(const std::string& path) : path_(path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        throw StoreError("impossible d'ouvrir la base « " + path + " » : " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    // secure_delete: a deleted or rewritten row's bytes are overwritten, not left
    // in free space where the file would still hold a forgotten member's data.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;");
}

Database::~Database() {
    statements_.clear();
    sqlite3_close(db_);
}

Statement& Database::prepare(std::string_view sql) {
    const auto it = statements_.find(sql);
    if (it != statements_.end()) {
        it->second->reset();  // a caller may have stopped reading rows early
        return *it->second;
    }
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
    if (rc != SQLITE_OK) {
        throw StoreError("requête invalide (" + std::string(sqlite3_errmsg(db_)) + ") : " + std::string(sql));
    }
    auto& slot = statements_[std::string(sql)];
    slot = std::make_unique<Statement>(db_, statement);
    return *slot;
}

void Database::exec(std::string_view sqlScript) {
    char* error = nullptr;
    const std::string script(sqlScript);
    if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "erreur inconnue";
        sqlite3_free(error);
        throw StoreError("base de données : " + message);
    }
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

int Database::userVersion() {
    Statement& s = prepare("PRAGMA user_version");
    s.step();
    const auto version = static_cast<int>(s.columnInt(0));
    while (s.step()) {
    }
    return version;
}

void Database::setUserVersion(int version) { exec("PRAGMA user_version=" + std::to_string(version)); }

bool Database::integrityOk() {
    Statement& s = prepare("PRAGMA integrity_check");
    bool ok = s.step() && s.columnText(0) == "ok";
    while (s.step()) ok = false;
    return ok;
}

CommitWithoutWaitingForDisk::CommitWithoutWaitingForDisk(Database& db) : db_(db) { db_.exec("PRAGMA synchronous=NORMAL"); }

// A pragma on an open connection does not fail short of the connection being
// unusable, when every later statement fails too.
CommitWithoutWaitingForDisk::~CommitWithoutWaitingForDisk() {
    try {
        db_.exec("PRAGMA synchronous=FULL");
    } catch (const std::exception&) {
    }
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (done_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (...) {
        // A failed rollback leaves SQLite to roll back when the connection closes.
    }
}

ReadTransaction::ReadTransaction(Database& db) : db_(db) { db_.exec("BEGIN"); }

ReadTransaction::~ReadTransaction() {
    try {
        db_.exec("COMMIT");
    } catch (...) {
        // Nothing was written: a failed end of a read leaves nothing behind.
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace cowork
