// The shared rate limits' state (security/rate_limit.hpp decides; this only
// reads and writes one GCRA time per key).
#include "storage/sql_txn.hpp"

namespace pws {

namespace {
// A time long past: a full bucket, the same as no row (the rule takes the
// later of this and now). Written so PostgreSQL has a row to lock.
constexpr std::int64_t kFullBucket = 1;
}  // namespace

Result<std::int64_t> SqlTxn::rate_tat(std::string_view key) {
    using R = Result<std::int64_t>;
    // SQLite's write transaction already holds the only write lock. On
    // PostgreSQL an absent row cannot be locked: two instances would both
    // read "none" and both count from a full bucket. So the row is made
    // first (a no-op when it exists), then read FOR UPDATE: every hit on
    // the key queues on that row until the previous one commits.
    if (!c_.row_lock().empty()) {
        db::Query ins(c_, "INSERT INTO rate_limit_tats (key, tat_ms) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING");
        ins.args(key, kFullBucket);
        if (Error e = ins.run()) return R::failure(std::move(e));
    }
    db::Query q(c_, detail::locked(c_, "SELECT tat_ms FROM rate_limit_tats WHERE key = ?1"));
    q.args(key);
    if (q.next()) return R::success(q.i64(0));
    if (!q.error().ok()) return R::failure(q.error());
    return R::success(0);
}

Error SqlTxn::set_rate_tat(std::string_view key, std::int64_t tat_ms) {
    if (tat_ms <= 0) {
        db::Query q(c_, "DELETE FROM rate_limit_tats WHERE key = ?1");
        q.args(key);
        return q.run();
    }
    db::Query q(c_, "INSERT INTO rate_limit_tats (key, tat_ms) VALUES (?1, ?2) "
                    "ON CONFLICT (key) DO UPDATE SET tat_ms = excluded.tat_ms");
    q.args(key, tat_ms);
    return q.run();
}

Result<std::size_t> SqlTxn::sweep_rate_tats(std::int64_t now_ms, std::size_t limit) {
    using R = Result<std::size_t>;
    db::Query q(c_, "DELETE FROM rate_limit_tats WHERE key IN "
                    "(SELECT key FROM rate_limit_tats WHERE tat_ms <= ?1 ORDER BY tat_ms LIMIT ?2)");
    q.args(now_ms, static_cast<std::int64_t>(limit));
    if (Error e = q.run()) return R::failure(std::move(e));
    return R::success(static_cast<std::size_t>(c_.changes()));
}

}  // namespace pws
