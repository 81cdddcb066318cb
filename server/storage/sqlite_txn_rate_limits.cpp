// The shared rate limits' state (security/rate_limit.hpp decides; this only
// reads and writes one GCRA time per key). A write transaction already holds
// SQLite's write lock, so read-decide-write needs no row lock here.
#include "storage/sqlite_txn.hpp"

namespace pws {

Result<std::int64_t> SqliteTxn::rate_tat(std::string_view key) {
    using R = Result<std::int64_t>;
    sql::Query q(c_, "SELECT tat_ms FROM rate_limit_tats WHERE key = ?1");
    q.args(key);
    if (q.next()) return R::success(q.i64(0));
    if (!q.error().ok()) return R::failure(q.error());
    return R::success(0);
}

Error SqliteTxn::set_rate_tat(std::string_view key, std::int64_t tat_ms) {
    if (tat_ms <= 0) {
        sql::Query q(c_, "DELETE FROM rate_limit_tats WHERE key = ?1");
        q.args(key);
        return q.run();
    }
    sql::Query q(c_, "INSERT INTO rate_limit_tats (key, tat_ms) VALUES (?1, ?2) "
                     "ON CONFLICT (key) DO UPDATE SET tat_ms = excluded.tat_ms");
    q.args(key, tat_ms);
    return q.run();
}

Result<std::size_t> SqliteTxn::sweep_rate_tats(std::int64_t now_ms, std::size_t limit) {
    using R = Result<std::size_t>;
    sql::Query q(c_, "DELETE FROM rate_limit_tats WHERE key IN "
                     "(SELECT key FROM rate_limit_tats WHERE tat_ms <= ?1 ORDER BY tat_ms LIMIT ?2)");
    q.args(now_ms, static_cast<std::int64_t>(limit));
    if (Error e = q.run()) return R::failure(std::move(e));
    return R::success(static_cast<std::size_t>(c_.changes()));
}

}  // namespace pws
