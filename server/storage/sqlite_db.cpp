// The sqlite3 C API behind RAII types; the only file that calls sqlite3_*
// apart from migrations' DDL (which goes through Conn::exec).
#include "storage/sqlite_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <thread>

namespace pws::sql {

namespace {

// Busy handler: SQLite's own busy_timeout sleeps in steps growing to 100 ms,
// which makes a queue of writers in one process wait far longer than the
// lock is actually held (a payment transaction holds it for well under a
// millisecond). Polling in short, slightly growing steps keeps latency low;
// the deadline is still busy_timeout_ms. Returning 0 makes SQLite give up
// with SQLITE_BUSY.
int busy_wait(void* ctx, int count) {
    Conn* c = static_cast<Conn*>(ctx);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) c->busy_started = now;
    if (now - c->busy_started >= std::chrono::milliseconds(c->busy_timeout_ms)) return 0;
    const int step_us = std::min(100 + 50 * count, 2000);
    std::this_thread::sleep_for(std::chrono::microseconds(step_us));
    return 1;
}

// "UNIQUE constraint failed: clients.practice_id, clients.email" -> "email".
std::string constraint_column(std::string_view msg) {
    const std::size_t colon = msg.rfind(": ");
    if (colon == std::string_view::npos) return {};
    std::string_view cols = msg.substr(colon + 2);
    const std::size_t comma = cols.rfind(", ");
    if (comma != std::string_view::npos) cols = cols.substr(comma + 2);
    const std::size_t dot = cols.rfind('.');
    if (dot != std::string_view::npos) cols = cols.substr(dot + 1);
    return std::string(cols);
}

// Called by SQLite after every commit with the WAL's size in pages.
// Registering it also turns off SQLite's automatic in-commit checkpoint.
int wal_hook(void* ctx, sqlite3*, const char*, int pages) {
    static_cast<Conn*>(ctx)->wal_pages = pages;
    return SQLITE_OK;
}

}  // namespace

pw::Result<std::unique_ptr<Conn>> Conn::open(const std::string& path, const ConnOptions& opt) {
    using R = pw::Result<std::unique_ptr<Conn>>;
    std::unique_ptr<Conn> c(new Conn());
    c->opt_ = opt;
    c->busy_timeout_ms = opt.busy_timeout_ms;
    // NOMUTEX: a connection is used by one thread at a time (the pool hands
    // it out), so SQLite's per-connection mutex is pure overhead.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &c->db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = c->error_from(rc, "open " + path);
        return R::failure(std::move(e));
    }
    sqlite3_extended_result_codes(c->db_, 1);
    sqlite3_busy_handler(c->db_, &busy_wait, c.get());
    sqlite3_wal_hook(c->db_, &wal_hook, c.get());
    // journal_mode=WAL is persistent in the file, but asking again is cheap
    // and covers a file created by someone else. Readers never block the
    // writer in WAL, and the writer never blocks readers.
    const char* pragmas = opt.synchronous_full
                              ? "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                                "PRAGMA synchronous=FULL;"
                              : "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                                "PRAGMA synchronous=NORMAL;";
    if (Error e = c->exec(pragmas)) return R::failure(std::move(e));
    // When the WAL starts over, its file is cut back to this size: a burst
    // (a large import) does not leave a file of its size on disk for good.
    const std::string limit =
        "PRAGMA journal_size_limit=" + std::to_string(static_cast<std::int64_t>(opt.wal_restart_pages) * 4096) + ";";
    if (Error e = c->exec(limit.c_str())) return R::failure(std::move(e));
    // journal_mode can silently stay "memory"/"delete" (e.g. ":memory:");
    // concurrency guarantees below assume WAL, so check it.
    Query q(*c, "PRAGMA journal_mode");
    if (!q.next()) return R::failure(q.error());
    if (q.text(0) != "wal" && path != ":memory:") {
        return R::failure(pw::make_error("storage_error", "",
                                         "The database could not be switched to WAL mode."));
    }
    return R::success(std::move(c));
}

Conn::~Conn() {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    if (db_ != nullptr) sqlite3_close_v2(db_);
}

Error Conn::exec(const char* sql) {
    char* msg = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK) return error_from(rc, sql);
    return {};
}

sqlite3_stmt* Conn::prepare(std::string_view sql, Error& err, bool& owned) {
    owned = false;
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
        if (sqlite3_stmt_busy(it->second) == 0) return it->second;
        owned = true;  // in use further up the stack: use a private copy
    }
    sqlite3_stmt* st = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      owned ? 0 : SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK || st == nullptr) {
        err = error_from(rc == SQLITE_OK ? SQLITE_MISUSE : rc, sql);
        owned = false;
        return nullptr;
    }
    if (!owned) cache_.emplace(std::string(sql), st);
    return st;
}

Error Conn::error_from(int rc, std::string_view context) {
    const std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    const int primary = rc & 0xff;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return pw::make_error("already_exists", constraint_column(msg),
                              "This record already exists.");
    }
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return pw::make_error("invalid_reference", "",
                              "This refers to something that does not exist.");
    }
    if (primary == SQLITE_CONSTRAINT) {
        if (opt_.log) opt_.log("storage: constraint: " + msg);
        return pw::make_error("invalid_value", constraint_column(msg),
                              "A value was rejected by the database.");
    }
    std::string detail = "storage: " + msg + " (" + sqlite3_errstr(rc) + ") in: ";
    detail.append(context.substr(0, 120));
    if (opt_.log) opt_.log(detail);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        return pw::make_error("storage_busy", "",
                              "The server is busy right now. Please try again in a moment.");
    }
    return pw::make_error("storage_error", "",
                          "Something went wrong on our side. Please try again in a moment.");
}

std::int64_t Conn::changes() const { return sqlite3_changes64(db_); }

bool Conn::take_checkpoint_due() {
    if (wal_pages < kCheckpointPages) return false;
    wal_pages = 0;
    return true;
}

bool Conn::take_restart_due(bool just_checkpointed) {
    if (wal_pages < restart_tried_at) restart_tried_at = 0;  // the WAL started over
    if (wal_pages < opt_.wal_restart_pages) return false;
    const int step = std::max(100, opt_.wal_restart_pages / 16);
    if (!just_checkpointed && wal_pages < std::max(restart_tried_at, opt_.wal_restart_pages) + step) return false;
    restart_tried_at = wal_pages;
    return true;
}

bool Conn::restart_wal() {
    // A short timeout: readers already in the WAL finish within it (a read
    // transaction takes well under a millisecond, and readers that begin
    // once the WAL is all copied do not use it), while the writers queued
    // behind this one never wait long for a stuck reader.
    const int saved = busy_timeout_ms;
    busy_timeout_ms = kRestartWaitMs;
    const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    busy_timeout_ms = saved;
    // BUSY: a reader was still on an older snapshot, or another checkpoint
    // was running. Nothing is lost; a later commit tries again.
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY) (void)error_from(rc, "wal restart");
    if (rc != SQLITE_OK) return false;
    restart_tried_at = 0;
    return true;
}

int Conn::checkpoint() {
    int log_pages = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_pages, nullptr);
    // BUSY: another connection is checkpointing right now; nothing to do.
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY) (void)error_from(rc, "wal checkpoint");
    return rc == SQLITE_OK ? std::max(log_pages, 0) : 0;
}

// ---------------------------------------------------------------- Query

Query::Query(Conn& conn, std::string_view sql) : conn_(conn) {
    st_ = conn_.prepare(sql, err_, owned_);
}

Query::~Query() {
    if (st_ != nullptr && owned_) {
        sqlite3_finalize(st_);
    } else if (st_ != nullptr) {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
    }
}

Query& Query::bind(int i, std::string_view v) {
    if (st_ != nullptr && err_.ok()) {
        const int rc = sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        if (rc != SQLITE_OK) err_ = conn_.error_from(rc, "bind");
    }
    return *this;
}

Query& Query::bind(int i, std::int64_t v) {
    if (st_ != nullptr && err_.ok()) {
        const int rc = sqlite3_bind_int64(st_, i, v);
        if (rc != SQLITE_OK) err_ = conn_.error_from(rc, "bind");
    }
    return *this;
}

Query& Query::bind_null(int i) {
    if (st_ != nullptr && err_.ok()) {
        const int rc = sqlite3_bind_null(st_, i);
        if (rc != SQLITE_OK) err_ = conn_.error_from(rc, "bind");
    }
    return *this;
}

Query& Query::bind(int i, std::optional<std::int64_t> v) { return v ? bind(i, *v) : bind_null(i); }

Query& Query::bind(int i, const std::optional<std::string>& v) {
    return v ? bind(i, std::string_view(*v)) : bind_null(i);
}

Query& Query::bind_id(int i, std::string_view v) { return v.empty() ? bind_null(i) : bind(i, v); }

bool Query::next() {
    if (st_ == nullptr || !err_.ok()) return false;
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) err_ = conn_.error_from(rc, sqlite3_sql(st_));
    return false;
}

Error Query::run() {
    while (next()) {
    }
    return err_;
}

std::string Query::text(int col) const {
    const unsigned char* p = sqlite3_column_text(st_, col);
    if (p == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<std::size_t>(sqlite3_column_bytes(st_, col)));
}

std::int64_t Query::i64(int col) const { return sqlite3_column_int64(st_, col); }

bool Query::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

std::optional<std::int64_t> Query::opt_i64(int col) const {
    if (is_null(col)) return std::nullopt;
    return i64(col);
}

std::optional<std::string> Query::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}

}  // namespace pws::sql
