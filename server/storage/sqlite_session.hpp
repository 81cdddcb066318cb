// db::Session over a pooled SQLite connection (private to server/storage/):
// lets the shared queries (sql_txn_*.cpp) run on sql::Conn and its cached
// statements.
#pragma once

#include "storage/sql_session.hpp"
#include "storage/sqlite_db.hpp"

namespace pws {

class SqliteSession final : public db::Session {
public:
    explicit SqliteSession(sql::Conn& c) : c_(c) {}
    std::unique_ptr<db::Cursor> cursor(std::string_view sql) override;
    pw::Error exec(std::string_view sql) override { return c_.exec(std::string(sql).c_str()); }
    std::int64_t changes() const override { return c_.changes(); }
    db::Dialect dialect() const override { return db::Dialect::sqlite; }
    // BEGIN IMMEDIATE holds the database's single write lock already.
    std::string_view row_lock() const override { return ""; }

private:
    sql::Conn& c_;
};

}  // namespace pws
