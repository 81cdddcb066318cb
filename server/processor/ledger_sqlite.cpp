#include "processor/ledger_sqlite.hpp"

#include <unordered_map>

namespace pws::ledger {

namespace {

// Free prepared statements by connection and SQL. A statement in use by a
// Stmt is not in here, so the same SQL nested twice gets two statements.
struct StatementCache {
    std::mutex mu;
    std::unordered_map<sqlite3*, std::unordered_multimap<std::string, sqlite3_stmt*>> free;
};

StatementCache& statement_cache() {
    static StatementCache c;
    return c;
}

}  // namespace

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
    {
        StatementCache& c = statement_cache();
        std::lock_guard lock(c.mu);
        auto conn = c.free.find(db);
        if (conn != c.free.end()) {
            auto it = conn->second.find(sql_);
            if (it != conn->second.end()) {
                stmt_ = it->second;
                conn->second.erase(it);
                ok_ = true;
                return;
            }
        }
    }
    ok_ = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                             nullptr) == SQLITE_OK;
}

Stmt::~Stmt() {
    if (stmt_ == nullptr) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    StatementCache& c = statement_cache();
    std::lock_guard lock(c.mu);
    c.free[db_].emplace(std::move(sql_), stmt_);
}

void forget_statements(sqlite3* db) {
    StatementCache& c = statement_cache();
    std::lock_guard lock(c.mu);
    auto conn = c.free.find(db);
    if (conn == c.free.end()) return;
    for (auto& [sql, st] : conn->second) sqlite3_finalize(st);
    c.free.erase(conn);
}

Stmt& Stmt::bind(int index, std::int64_t value) {
    if (ok_) ok_ = sqlite3_bind_int64(stmt_, index, value) == SQLITE_OK;
    return *this;
}

Stmt& Stmt::bind(int index, std::string_view value) {
    if (ok_)
        ok_ = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                SQLITE_TRANSIENT) == SQLITE_OK;
    return *this;
}

bool Stmt::step() {
    if (!ok_) return false;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) ok_ = false;
    return false;
}

bool Stmt::run() {
    while (step()) {
    }
    return ok_;
}

std::int64_t Stmt::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Stmt::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
}

bool exec(sqlite3* db, const char* sql) {
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

Pool::~Pool() {
    for (sqlite3* db : idle_) {
        forget_statements(db);
        sqlite3_close_v2(db);
    }
}

Pool::Handle Pool::acquire() {
    {
        std::lock_guard lock(mu_);
        if (!idle_.empty()) {
            sqlite3* db = idle_.back();
            idle_.pop_back();
            return Handle(db, Deleter{this});
        }
    }
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path_.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(db);
        return Handle(nullptr, Deleter{this});
    }
    // The ledger simulates an external system that must survive our crash:
    // every commit is fsynced (synchronous=FULL), readers never block the
    // writer (WAL), and writers from other processes wait instead of failing.
    sqlite3_busy_timeout(db, 15000);
    if (!exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")) {
        sqlite3_close_v2(db);
        return Handle(nullptr, Deleter{this});
    }
    return Handle(db, Deleter{this});
}

void Pool::release(sqlite3* db) {
    if (!db) return;
    // A connection left inside a transaction (a bug) must not be reused.
    if (!sqlite3_get_autocommit(db)) {
        exec(db, "ROLLBACK");
    }
    std::lock_guard lock(mu_);
    idle_.push_back(db);
}

std::mutex& local_writer_queue() {
    static std::mutex m;
    return m;
}

Transaction::Transaction(sqlite3* db) : local_turn_(local_writer_queue()), db_(db) {
    begun_ = exec(db_, "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (begun_ && !done_) exec(db_, "ROLLBACK");
}

bool Transaction::commit() {
    if (!begun_ || done_) return false;
    done_ = exec(db_, "COMMIT");
    if (local_turn_.owns_lock()) local_turn_.unlock();
    return done_;
}

}  // namespace pws::ledger
