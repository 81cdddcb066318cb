// What the Store's queries (sql_txn_*.cpp) need from a database connection,
// whichever engine runs it (private to server/storage/). SQLite
// (sqlite_session.cpp) and PostgreSQL (pg_session.cpp) implement it, so the
// rules of every ReadTxn/WriteTxn method are written once.
//
// SQL is written with SQLite's numbered parameters (?1, ?2, ...); the
// PostgreSQL cursor rewrites them to $1, $2. Where the dialects differ the
// caller asks dialect(); where PostgreSQL's write transactions must lock a
// row that SQLite's single write lock already covers, it asks row_lock().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "paywidget/result.hpp"

namespace pws::db {

using pw::Error;

enum class Dialect { sqlite, postgres };

// One execution of one prepared statement. Parameters are 1-based.
class Cursor {
public:
    virtual ~Cursor() = default;
    virtual void bind_text(int i, std::string_view v) = 0;
    virtual void bind_i64(int i, std::int64_t v) = 0;
    virtual void bind_null(int i) = 0;
    // Runs the statement on the first call; then true while there is a row
    // to read, false when done or failed (error() set).
    virtual bool next() = 0;
    virtual const Error& error() const = 0;
    virtual std::string text(int col) const = 0;  // "" for NULL
    virtual std::int64_t i64(int col) const = 0;  // 0 for NULL
    virtual bool is_null(int col) const = 0;
};

// The connection a running transaction holds.
class Session {
public:
    virtual ~Session() = default;
    virtual std::unique_ptr<Cursor> cursor(std::string_view sql) = 0;
    // Runs statements without parameters or rows (BEGIN, COMMIT, DDL).
    virtual Error exec(std::string_view sql) = 0;
    // Rows changed by the last INSERT/UPDATE/DELETE run on this session.
    virtual std::int64_t changes() const = 0;
    virtual Dialect dialect() const = 0;
    // " FOR UPDATE" inside a PostgreSQL write transaction, "" otherwise
    // (SQLite's write transaction already holds the database's only write
    // lock; a read-only snapshot locks nothing).
    virtual std::string_view row_lock() const = 0;
};

// The statement API the queries use (the same shape as sql::Query).
class Query {
public:
    Query(Session& s, std::string_view sql) : s_(s), c_(s.cursor(sql)) {}

    Query& bind(int i, std::string_view v) { return c_->bind_text(i, v), *this; }
    Query& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Query& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Query& bind(int i, std::int64_t v) { return c_->bind_i64(i, v), *this; }
    Query& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Query& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
    Query& bind(int i, std::optional<std::int64_t> v) { return v ? bind(i, *v) : bind_null(i); }
    Query& bind(int i, const std::optional<std::string>& v) {
        return v ? bind(i, std::string_view(*v)) : bind_null(i);
    }
    Query& bind_null(int i) { return c_->bind_null(i), *this; }
    // "" binds NULL: optional references are "" in records, NULL in tables.
    Query& bind_id(int i, std::string_view v) { return v.empty() ? bind_null(i) : bind(i, v); }

    template <class... A>
    Query& args(const A&... a) {
        int i = 0;
        (bind(++i, a), ...);
        return *this;
    }

    bool next() { return c_->next(); }
    // Steps to completion, for statements without rows.
    Error run() {
        while (c_->next()) {
        }
        return c_->error();
    }
    const Error& error() const { return c_->error(); }

    std::string text(int col) const { return c_->text(col); }
    std::int64_t i64(int col) const { return c_->i64(col); }
    bool is_null(int col) const { return c_->is_null(col); }
    std::optional<std::int64_t> opt_i64(int col) const {
        return is_null(col) ? std::nullopt : std::optional<std::int64_t>(i64(col));
    }
    std::optional<std::string> opt_text(int col) const {
        return is_null(col) ? std::nullopt : std::optional<std::string>(text(col));
    }
    Session& session() { return s_; }

private:
    Session& s_;
    std::unique_ptr<Cursor> c_;
};

}  // namespace pws::db
