// SqliteSession: each cursor is one use of the connection's cached
// statement (sql::Query), so nothing is re-parsed.
#include "storage/sqlite_session.hpp"

namespace pws {

namespace {

class SqliteCursor final : public db::Cursor {
public:
    SqliteCursor(sql::Conn& c, std::string_view sql) : q_(c, sql) {}
    void bind_text(int i, std::string_view v) override { q_.bind(i, v); }
    void bind_i64(int i, std::int64_t v) override { q_.bind(i, v); }
    void bind_null(int i) override { q_.bind_null(i); }
    bool next() override { return q_.next(); }
    const pw::Error& error() const override { return q_.error(); }
    std::string text(int col) const override { return q_.text(col); }
    std::int64_t i64(int col) const override { return q_.i64(col); }
    bool is_null(int col) const override { return q_.is_null(col); }

private:
    sql::Query q_;
};

}  // namespace

std::unique_ptr<db::Cursor> SqliteSession::cursor(std::string_view sql) {
    return std::make_unique<SqliteCursor>(c_, sql);
}

}  // namespace pws
