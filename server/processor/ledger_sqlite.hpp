// A minimal SQLite toolkit for the test processor's ledger (private to
// server/processor/; the server's own storage layer has its own). RAII
// statements, a connection pool, and IMMEDIATE transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pws::ledger {

// One use of a prepared statement. Statements are kept per connection and
// reused (parsing SQL was a quarter of a charge's CPU): the constructor takes
// a free one for (db, sql) or prepares one, the destructor resets it and
// gives it back. Every method reports failure by return value; the first
// failing step leaves ok() false.
class Stmt {
public:
    Stmt(sqlite3* db, std::string_view sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    bool ok() const { return ok_; }
    Stmt& bind(int index, std::int64_t value);
    Stmt& bind(int index, std::string_view value);
    // True while a row is available; false at the end or on error (then ok()
    // is false).
    bool step();
    // Runs to completion; true on success.
    bool run();

    std::int64_t int64(int column) const;
    std::string text(int column) const;

private:
    sqlite3* db_;
    std::string sql_;
    sqlite3_stmt* stmt_ = nullptr;
    bool ok_ = false;
};

// Finalizes the statements kept for `db` (before it is closed).
void forget_statements(sqlite3* db);

// Runs `sql` (one or more statements, no results); true on success.
bool exec(sqlite3* db, const char* sql);

// Connections to one database file, reused across threads. A connection is
// used by one thread at a time (acquire/release); SQLite's own locking and
// busy_timeout coordinate connections, also across processes.
class Pool {
public:
    explicit Pool(std::string path) : path_(std::move(path)) {}
    ~Pool();

    struct Deleter {
        Pool* pool;
        void operator()(sqlite3* db) const { pool->release(db); }
    };
    using Handle = std::unique_ptr<sqlite3, Deleter>;

    // A connection with WAL, synchronous=FULL and a busy timeout; empty on
    // failure.
    Handle acquire();

private:
    void release(sqlite3* db);
    std::string path_;
    std::mutex mu_;
    std::vector<sqlite3*> idle_;
};

// This process's ledger writers queue here before BEGIN IMMEDIATE (see
// Transaction; GroupCommit's leader takes it too).
std::mutex& local_writer_queue();

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
// A write transaction on the ledger (BEGIN IMMEDIATE .. COMMIT/ROLLBACK).
// This process's writers first queue on a local mutex: without it, N
// concurrent charges poll SQLite's file lock with its busy handler (sleeps
// of up to 100 ms) and the p99 at 64 clients reached seconds (scripts/bench).
// The mutex adds no correctness; the file lock still serialises processes.
class Transaction {
public:
    explicit Transaction(sqlite3* db);
    ~Transaction();
    bool begun() const { return begun_; }
    bool commit();

private:
    std::unique_lock<std::mutex> local_turn_;
    sqlite3* db_;
    bool begun_ = false;
    bool done_ = false;
};

}  // namespace pws::ledger
