// Thin RAII layer over the sqlite3 C API, private to server/storage/.
//
// Conn is one sqlite3 connection with its per-connection pragmas, busy
// handler and prepared-statement cache; Query is one use of a cached
// statement (bind, step, read columns; reset on destruction). SQLite result
// codes become pw::Error here and nowhere else:
//   already_exists     UNIQUE / PRIMARY KEY violation; field = the column
//   invalid_reference  FOREIGN KEY violation (a referenced row is missing)
//   invalid_value      CHECK / NOT NULL violation (a caller bug)
//   storage_busy       the database stayed locked past the busy timeout
//   storage_error      anything else (I/O, corruption, full disk, misuse)
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "paywidget/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace pws::sql {

using pw::Error;

struct ConnOptions {
    bool synchronous_full = false;  // PRAGMA synchronous = FULL instead of NORMAL
    int busy_timeout_ms = 5000;
    int wal_restart_pages = 16000;  // see StoreOptions::wal_restart_pages
    std::function<void(std::string_view)> log;  // diagnostics (never row data)
};

class Conn {
public:
    // Opens (creating if needed) `path`, switches it to WAL and applies the
    // per-connection pragmas. Errors: storage_error, storage_busy.
    static pw::Result<std::unique_ptr<Conn>> open(const std::string& path, const ConnOptions& opt);
    ~Conn();
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    sqlite3* raw() { return db_; }

    // Runs one or more statements without results (BEGIN, COMMIT, DDL).
    Error exec(const char* sql);
    // A cached prepared statement for `sql`, or nullptr with `err` set.
    // When the cached one is still running (the same query nested inside its
    // own loop) a fresh statement is returned with `owned` = true, for the
    // caller to finalize.
    sqlite3_stmt* prepare(std::string_view sql, Error& err, bool& owned);
    // Maps a failing result code (and the connection's message) to an Error
    // and logs the detail.
    Error error_from(int rc, std::string_view context);
    // Rows changed by the last INSERT/UPDATE/DELETE.
    std::int64_t changes() const;
    // True (once) when the WAL has grown past kCheckpointPages since the
    // last time: then the store asks its WalCheckpointer for a checkpoint.
    // SQLite's automatic checkpoint would run INSIDE the COMMIT, while this
    // process's writers queue behind it.
    bool take_checkpoint_due();
    // Checkpoints the WAL into the database file. PASSIVE: never waits for
    // readers or writers; a concurrent checkpoint just skips. Returns the
    // WAL's size in pages (0 when unknown).
    int checkpoint();

    // True when the WAL has passed ConnOptions::wal_restart_pages (the
    // PASSIVE checkpoints alone have not let it start over) and now is a
    // good moment: `just_checkpointed` (a background PASSIVE checkpoint has
    // just copied nearly all of it, so a restart has little left to copy and
    // fsync), or else after each further 1/16 of the limit.
    //
    // Why that happens: a PASSIVE checkpoint copies the WAL only up to the
    // oldest snapshot still being read, and the WAL starts over only once all
    // of it was copied while no reader was in it. Under a steady stream of
    // payments, with lookups always in flight, that moment never came: the
    // WAL grew to 1.5 GB in 10 s at 64 clients, and every read slowed down as
    // its index grew.
    bool take_restart_due(bool just_checkpointed);
    // Checkpoints what is left of the WAL and starts it over from its first
    // frame (SQLITE_CHECKPOINT_RESTART), waiting at most kRestartWaitMs for
    // readers to leave the WAL: when one is still there it gives up (false)
    // and the next attempt comes after more growth. It holds SQLite's write
    // lock while it copies the rest and fsyncs (1-6 ms of CPU, 3-25 ms in
    // all, about once a second at 1,000 payments/s), so it runs between two
    // write transactions, never inside one.
    bool restart_wal();

    static constexpr int kCheckpointPages = 1000;  // SQLite's default threshold
    static constexpr int kRestartWaitMs = 5;
    int wal_pages = 0;  // set by the WAL hook after each commit
    int restart_tried_at = 0;  // wal_pages at the last restart attempt

    // Busy-handler bookkeeping (see busy_wait in sqlite_db.cpp).
    std::chrono::steady_clock::time_point busy_started{};
    int busy_timeout_ms = 5000;
    bool broken = false;  // a ROLLBACK failed: never reuse this connection

private:
    Conn() = default;
    sqlite3* db_ = nullptr;
    ConnOptions opt_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// One execution of a cached statement. Parameters are 1-based (?1, ?2...).
// Text binds copy the bytes (SQLITE_TRANSIENT), so temporaries are fine.
class Query {
public:
    Query(Conn& conn, std::string_view sql);
    ~Query();
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    Query& bind(int i, std::string_view v);
    Query& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Query& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Query& bind(int i, std::int64_t v);
    Query& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Query& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
    Query& bind(int i, std::optional<std::int64_t> v);
    Query& bind(int i, const std::optional<std::string>& v);
    Query& bind_null(int i);
    // "" binds NULL: optional references (link_id, client_id, ...) are empty
    // strings in the records and NULL in the database.
    Query& bind_id(int i, std::string_view v);

    // Binds every argument in order to ?1, ?2, ...
    template <class... A>
    Query& args(const A&... a) {
        int i = 0;
        (bind(++i, a), ...);
        return *this;
    }

    // Steps once: true with a row to read; false when done or failed (then
    // error() is set).
    bool next();
    // Steps to completion, for statements without rows.
    Error run();
    const Error& error() const { return err_; }

    std::string text(int col) const;
    std::int64_t i64(int col) const;
    bool is_null(int col) const;
    std::optional<std::int64_t> opt_i64(int col) const;
    std::optional<std::string> opt_text(int col) const;

private:
    Conn& conn_;
    sqlite3_stmt* st_ = nullptr;
    bool owned_ = false;
    Error err_;
};

}  // namespace pws::sql
