// The SQLite Store: a pool of connections and the transaction protocol.
//
// Correctness comes from SQLite's locks, never from the pool's mutex (which
// only guards the list of idle connections): a write transaction starts with
// BEGIN IMMEDIATE, which takes the database's single write lock at once, so
// two writers (threads of this process or other processes on the same file)
// can never both read a balance and then both reserve against it. WAL mode
// lets readers proceed meanwhile.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/sql_store.hpp"
#include "storage/sqlite_session.hpp"
#include "storage/store_defaults.hpp"
#include "storage/wal_checkpointer.hpp"

namespace pws {

std::string_view durability_id(Durability d) { return d == Durability::full ? "FULL" : "NORMAL"; }

namespace {

// BEGIN IMMEDIATE already waits up to busy_timeout_ms inside SQLite; when
// that is not enough (a burst of writers), try a few more times before
// giving up with storage_busy.
constexpr int kBeginAttempts = 3;

// The Store whose transaction is running on this thread, to turn an
// accidental nested transaction (which would wait on its own lock) into an
// error.
thread_local const void* tl_active_store = nullptr;

// A first-come-first-served queue for this process's writers (see
// StoreOptions::local_write_queue). Ownership is handed directly to the
// oldest waiter, so no writer is overtaken again and again (std::mutex lets
// a releasing thread re-acquire at once, which starves others). A waiter
// sleeps on its own condition variable: std::binary_semaphore spins with
// sched_yield before it sleeps, which cost a twentieth of the server's CPU
// per payment at 64 clients.
class FifoQueue {
public:
    void lock() {
        std::unique_lock<std::mutex> l(m_);
        if (!busy_) {
            busy_ = true;
            return;
        }
        Waiter me;
        waiters_.push_back(&me);
        me.cv.wait(l, [&me] { return me.turn; });  // busy_ stays true: the releaser handed it over
    }
    void unlock() {
        std::lock_guard<std::mutex> l(m_);
        if (waiters_.empty()) {
            busy_ = false;
            return;
        }
        Waiter* next = waiters_.front();
        waiters_.pop_front();
        next->turn = true;
        // Under the mutex: the waiter's stack frame (and its cv) lives until
        // it has seen `turn`, which it cannot before this unlock.
        next->cv.notify_one();
    }

private:
    struct Waiter {
        std::condition_variable cv;
        bool turn = false;
    };
    std::mutex m_;
    bool busy_ = false;
    std::deque<Waiter*> waiters_;
};

class SqliteStore final : public SqlStore {
public:
    using SqlStore::SqlStore;

    // A connection from the pool, or a new one.
    Result<std::unique_ptr<sql::Conn>> acquire() {
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (!idle_.empty()) {
                std::unique_ptr<sql::Conn> c = std::move(idle_.back());
                idle_.pop_back();
                return Result<std::unique_ptr<sql::Conn>>::success(std::move(c));
            }
        }
        return sql::Conn::open(opt_.path, conn_options(opt_));
    }

    void release(std::unique_ptr<sql::Conn> c) {
        if (!c || c->broken) return;
        std::lock_guard<std::mutex> lock(mu_);
        if (idle_.size() < opt_.max_idle_connections) idle_.push_back(std::move(c));
    }

    static sql::ConnOptions conn_options(const StoreOptions& o) {
        sql::ConnOptions c;
        c.synchronous_full = o.durability == Durability::full;
        c.busy_timeout_ms = o.busy_timeout_ms;
        c.wal_restart_pages = o.wal_restart_pages;
        c.log = o.log;
        return c;
    }

private:
    // Ends the transaction on scope exit unless committed, so an exception
    // thrown by a callback still rolls back and frees the thread marker.
    struct Guard {
        sql::Conn& conn;
        bool open = true;
        ~Guard() {
            tl_active_store = nullptr;
            if (open && sqlite3_get_autocommit(conn.raw()) == 0) {
                if (conn.exec("ROLLBACK")) conn.broken = true;
            }
        }
    };

    // BEGIN and COMMIT run as the connection's cached statements, not
    // through sqlite3_exec, which parses them anew every time (a twentieth
    // of a payment's CPU in the profile at 64 clients).
    static Error run_cached(sql::Conn& c, const char* statement) { return sql::Query(c, statement).run(); }

    Error begin(sql::Conn& c, bool write) {
        if (!write) return run_cached(c, "BEGIN DEFERRED");
        Error e;
        for (int attempt = 0; attempt < kBeginAttempts; ++attempt) {
            e = run_cached(c, "BEGIN IMMEDIATE");
            if (e.code != "storage_busy") return e;
            std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt * 5));
        }
        return e;
    }

    // COMMIT in WAL mode does not normally wait, but SQLite documents that a
    // busy COMMIT leaves the transaction open and may be retried.
    Error commit(sql::Conn& c) {
        Error e;
        for (int attempt = 0; attempt < kBeginAttempts; ++attempt) {
            e = run_cached(c, "COMMIT");
            if (e.code != "storage_busy") return e;
        }
        return e;
    }

    Error run(bool write, const std::function<Error(SqlTxn&)>& fn) override {
        if (tl_active_store == this) return nested_transaction();
        // Writers of THIS process queue here instead of polling SQLite's
        // lock (see StoreOptions::local_write_queue); the write lock itself
        // is still taken by BEGIN IMMEDIATE below.
        std::unique_lock<FifoQueue> queue(write_queue_, std::defer_lock);
        const bool queued = write && opt_.local_write_queue;
        if (queued) queue.lock();
        // Queued writers, one at a time, use ONE connection (the queue is
        // what makes it theirs alone). Why: in WAL mode a connection drops
        // its whole page cache when it sees a commit that was not its own,
        // so with writers spread over the pool every write transaction
        // re-read its B-tree pages (the largest share of the server's
        // system calls per payment). The writer's cache now stays valid
        // until another process writes or a checkpoint restarts the WAL;
        // SQLite still checks that at every BEGIN, so nothing here decides
        // correctness.
        Result<std::unique_ptr<sql::Conn>> conn =
            queued && writer_ ? Result<std::unique_ptr<sql::Conn>>::success(std::move(writer_)) : acquire();
        if (!conn.ok()) return conn.error;
        sql::Conn& c = *conn.value;
        // Where the connection goes back: to the writer's place or the pool.
        auto give_back = [&](std::unique_ptr<sql::Conn> used) {
            if (queued) {
                if (used && !used->broken) writer_ = std::move(used);
            } else {
                release(std::move(used));
            }
        };
        Error result;
        {
            if (Error e = begin(c, write)) {
                give_back(std::move(conn.value));
                return e;
            }
            tl_active_store = this;
            Guard guard{c};
            SqliteSession session(c);
            SqlTxn txn(session);
            result = fn(txn);
            if (result.ok()) {
                result = commit(c);
                if (result.ok()) guard.open = false;
            }
        }
        if (write && result.ok()) {
            // After the commit, before the next writer of ours begins: see
            // Conn::take_restart_due for why the WAL needs this.
            if (c.take_restart_due(restart_ready_.exchange(false))) (void)c.restart_wal();
            if (c.take_checkpoint_due()) checkpointer_.request();
        }
        give_back(std::move(conn.value));
        return result;
    }

    std::mutex mu_;  // guards idle_ only
    FifoQueue write_queue_;
    // The queued writers' connection; only touched while holding write_queue_.
    std::unique_ptr<sql::Conn> writer_;
    // Set by the checkpoint thread when its PASSIVE checkpoint left a WAL
    // past the restart limit: the next writer restarts it (see run()).
    std::atomic<bool> restart_ready_{false};
    std::vector<std::unique_ptr<sql::Conn>> idle_;
    // Last: destroyed (joined) before the pool it borrows connections from.
    WalCheckpointer checkpointer_{[this] {
        Result<std::unique_ptr<sql::Conn>> c = acquire();
        if (!c.ok()) return;
        if (c.value->checkpoint() >= opt_.wal_restart_pages) restart_ready_ = true;
        release(std::move(c.value));
    }};
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const StoreOptions& options) {
    using R = Result<std::unique_ptr<Store>>;
    const StoreOptions opt = with_defaults(options);
    Result<std::unique_ptr<sql::Conn>> conn = sql::Conn::open(opt.path, SqliteStore::conn_options(opt));
    if (!conn.ok()) return R::failure(std::move(conn.error));
    // Start-up time only labels the schema_version row.
    Result<int> version =
        apply_migrations(*conn.value, schema_migrations(), static_cast<std::int64_t>(std::time(nullptr)));
    if (!version.ok()) return R::failure(std::move(version.error));
    auto store = std::make_unique<SqliteStore>(opt, version.value);
    store->release(std::move(conn.value));
    return R::success(std::move(store));
}

}  // namespace pws
