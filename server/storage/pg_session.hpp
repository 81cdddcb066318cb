// db::Session over a pooled PostgreSQL connection (private to
// server/storage/): runs the shared queries (sql_txn_*.cpp) through libpq.
#pragma once

#include "storage/pg_conn.hpp"
#include "storage/sql_session.hpp"

namespace pws {

class PgSession final : public db::Session {
public:
    // `write`: inside a write transaction, so decisive reads lock their rows
    // and an INSERT that fails leaves the transaction usable (see .cpp).
    PgSession(pg::Conn& c, bool write) : c_(c), write_(write) {}
    std::unique_ptr<db::Cursor> cursor(std::string_view sql) override;
    pw::Error exec(std::string_view sql) override { return c_.exec(sql); }
    std::int64_t changes() const override { return c_.changes(); }
    db::Dialect dialect() const override { return db::Dialect::postgres; }
    std::string_view row_lock() const override { return write_ ? " FOR UPDATE" : ""; }

private:
    pg::Conn& c_;
    bool write_;
};

// SQLite's ?N placeholders as PostgreSQL's $N; `count` gets the highest N.
std::string postgres_placeholders(std::string_view sql, int& count);

}  // namespace pws
