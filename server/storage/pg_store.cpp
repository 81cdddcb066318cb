// The PostgreSQL Store: a bounded pool of connections and the transaction
// protocol.
//
// Concurrency (the contract in store.hpp: a callback runs once, and "read
// the balance, check, reserve" inside it is atomic across processes):
// write transactions run at READ COMMITTED, and every read a write decides
// on locks its row (SELECT ... FOR UPDATE, db::Session::row_lock): the
// invoice before its payments are counted (insert_payment, set_invoice_void),
// the payment before a refund or a state change, the token before it is
// consumed, the practice or client before a count or a uniqueness rule that
// spans rows. A second writer of the same invoice waits for the first's
// COMMIT and then reads its rows (READ COMMITTED takes a new snapshot per
// statement), so it sees the reservation and refuses. Waiting for a lock
// is bounded (lock_timeout = busy_timeout_ms); a deadlock or timeout is
// storage_busy, never retried here. Nothing relies on this process's
// mutex, which only guards the list of idle connections. Read
// transactions: REPEATABLE READ READ ONLY, one consistent snapshot.
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/pg_session.hpp"
#include "storage/sql_store.hpp"
#include "storage/store_defaults.hpp"

namespace pws {

namespace {

// The Store whose transaction runs on this thread (see sqlite_store.cpp):
// a nested transaction would wait for a second connection forever.
thread_local const void* tl_active_pg_store = nullptr;

class PgStore final : public SqlStore {
public:
    using SqlStore::SqlStore;

    static pg::ConnOptions conn_options(const StoreOptions& o) {
        pg::ConnOptions c;
        c.lock_timeout_ms = o.busy_timeout_ms;
        c.log = o.log;
        return c;
    }

    // A connection once fewer than pool_size are out: an idle one or a new
    // one. Waits up to busy_timeout_ms, then storage_busy.
    Result<std::unique_ptr<pg::Conn>> acquire() {
        using R = Result<std::unique_ptr<pg::Conn>>;
        std::unique_lock<std::mutex> lock(mu_);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(opt_.busy_timeout_ms);
        if (!free_.wait_until(lock, deadline, [&] { return !idle_.empty() || out_ < opt_.pool_size; })) {
            return R::failure(pw::make_error("storage_busy", "",
                                             "The server is busy right now. Please try again in a moment."));
        }
        ++out_;
        if (!idle_.empty()) {
            std::unique_ptr<pg::Conn> c = std::move(idle_.back());
            idle_.pop_back();
            return R::success(std::move(c));
        }
        lock.unlock();
        R made = pg::Conn::open(opt_.path, conn_options(opt_));
        if (!made.ok()) give_back(nullptr);
        return made;
    }

    // Returns a slot to the pool, and the connection unless it is broken.
    void give_back(std::unique_ptr<pg::Conn> c) {
        {
            std::lock_guard<std::mutex> lock(mu_);
            --out_;
            if (c && !c->bad()) idle_.push_back(std::move(c));
        }
        free_.notify_one();
    }

private:
    Error run(bool write, const std::function<Error(SqlTxn&)>& fn) override {
        if (tl_active_pg_store == this) return nested_transaction();
        Result<std::unique_ptr<pg::Conn>> conn = acquire();
        if (!conn.ok()) return conn.error;
        pg::Conn& c = *conn.value;
        Error result = c.exec(write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                    : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        if (result.ok()) {
            tl_active_pg_store = this;
            bool open = true;
            try {
                PgSession session(c, write);
                SqlTxn txn(session);
                result = fn(txn);
                if (result.ok()) {
                    result = c.exec("COMMIT");
                    open = false;  // a failed COMMIT has ended the transaction too
                }
            } catch (...) {
                tl_active_pg_store = nullptr;
                end(c, open);
                give_back(std::move(conn.value));
                throw;
            }
            tl_active_pg_store = nullptr;
            end(c, open);
        }
        give_back(std::move(conn.value));
        return result;
    }

    static void end(pg::Conn& c, bool open) {
        if (open) (void)c.exec("ROLLBACK");
    }

    std::mutex mu_;  // guards idle_ and out_ only
    std::condition_variable free_;
    std::vector<std::unique_ptr<pg::Conn>> idle_;
    std::size_t out_ = 0;  // connections lent to running transactions
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const StoreOptions& options) {
    using R = Result<std::unique_ptr<Store>>;
    const StoreOptions opt = with_defaults(options);
    Result<std::unique_ptr<pg::Conn>> conn = pg::Conn::open(opt.path, PgStore::conn_options(opt));
    if (!conn.ok()) return R::failure(std::move(conn.error));
    Result<int> version = [&] {
        PgSession session(*conn.value, false);
        return apply_migrations(session, postgres_schema_migrations(),
                                static_cast<std::int64_t>(std::time(nullptr)));
    }();
    if (!version.ok()) return R::failure(std::move(version.error));
    auto store = std::make_unique<PgStore>(opt, version.value);
    return R::success(std::move(store));
}

}  // namespace pws
