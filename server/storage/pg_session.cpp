// PgSession's cursor: binds collect text parameters; the first next() runs
// the prepared statement and keeps its rows.
#include "storage/pg_session.hpp"

#include <cstdlib>

namespace pws {

std::string postgres_placeholders(std::string_view sql, int& count) {
    std::string out;
    out.reserve(sql.size());
    count = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char ch = sql[i];
        if (ch == '\'') quoted = !quoted;
        if (ch != '?' || quoted) {
            out.push_back(ch);
            continue;
        }
        out.push_back('$');
        int n = 0;
        while (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            n = n * 10 + (sql[++i] - '0');
            out.push_back(sql[i]);
        }
        if (n > count) count = n;
    }
    return out;
}

namespace {

bool is_insert(std::string_view sql) { return sql.rfind("INSERT", 0) == 0; }

class PgCursor final : public db::Cursor {
public:
    PgCursor(pg::Conn& c, std::string_view sql, bool write) : c_(c) {
        int n = 0;
        sql_ = postgres_placeholders(sql, n);
        params_.resize(static_cast<std::size_t>(n));
        // SQLite leaves a transaction usable after a failed statement (a
        // duplicate, a missing reference) and callers may go on; PostgreSQL
        // aborts it. A savepoint around each INSERT, the statements that
        // fail that way, keeps the SQLite behaviour.
        guard_ = write && is_insert(sql_);
    }
    void bind_text(int i, std::string_view v) override {
        // libpq's text parameters end at a NUL byte, and PostgreSQL's text
        // cannot hold one: refuse rather than store a truncated value.
        if (v.find('\0') != std::string_view::npos && err_.ok()) {
            err_ = pw::make_error("invalid_value", "", "A value was rejected by the database.");
        }
        slot(i) = std::string(v);
    }
    void bind_i64(int i, std::int64_t v) override { slot(i) = std::to_string(v); }
    void bind_null(int i) override { slot(i).reset(); }

    bool next() override {
        if (!ran_) execute();
        if (!err_.ok() || !res_) return false;
        if (row_ + 1 >= PQntuples(res_.get())) return false;
        ++row_;
        return true;
    }
    const pw::Error& error() const override { return err_; }
    std::string text(int col) const override {
        if (is_null(col)) return {};
        return std::string(PQgetvalue(res_.get(), row_, col),
                           static_cast<std::size_t>(PQgetlength(res_.get(), row_, col)));
    }
    std::int64_t i64(int col) const override {
        return is_null(col) ? 0 : std::strtoll(PQgetvalue(res_.get(), row_, col), nullptr, 10);
    }
    bool is_null(int col) const override { return PQgetisnull(res_.get(), row_, col) != 0; }

private:
    std::optional<std::string>& slot(int i) {
        const auto at = static_cast<std::size_t>(i - 1);
        if (at >= params_.size()) params_.resize(at + 1);
        return params_[at];
    }
    void execute() {
        ran_ = true;
        if (!err_.ok()) return;
        if (guard_) {
            if (pw::Error e = c_.exec("SAVEPOINT pw_statement")) {
                err_ = std::move(e);
                return;
            }
        }
        res_ = c_.run(sql_, params_, err_);
        if (!guard_) return;
        const std::int64_t changed = c_.changes();
        pw::Error e = c_.exec(err_.ok() ? "RELEASE SAVEPOINT pw_statement" : "ROLLBACK TO SAVEPOINT pw_statement");
        if (err_.ok()) err_ = std::move(e);
        c_.set_changes(changed);
    }

    pg::Conn& c_;
    std::string sql_;
    pg::Params params_;
    bool guard_ = false;
    bool ran_ = false;
    pg::ResultPtr res_;
    int row_ = -1;
    pw::Error err_;
};

}  // namespace

std::unique_ptr<db::Cursor> PgSession::cursor(std::string_view sql) {
    return std::make_unique<PgCursor>(c_, sql, write_);
}

}  // namespace pws
