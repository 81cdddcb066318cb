// Thin RAII layer over libpq, private to server/storage/ (the PostgreSQL
// counterpart of sqlite_db.hpp).
//
// Conn is one server connection with its per-connection settings and its
// prepared statements (PQprepare once per connection and SQL text, then
// PQexecPrepared with text parameters). SQLSTATEs become pw::Error here and
// nowhere else:
//   already_exists     23505 unique_violation; field = the constraint's
//                      column (constraints are named <table>__<column>)
//   invalid_reference  23503 foreign_key_violation
//   invalid_value      23514 check_violation, 23502 not_null_violation,
//                      22xxx data exceptions (a caller bug)
//   storage_busy       40001 serialization_failure, 40P01 deadlock,
//                      55P03 lock_not_available (lock_timeout passed)
//   storage_error      anything else: connection lost, syntax, disk full
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paywidget/result.hpp"

namespace pws::pg {

using pw::Error;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnOptions {
    // How long a statement waits for a row lock before storage_busy.
    int lock_timeout_ms = 5000;
    std::function<void(std::string_view)> log;  // diagnostics (never row data)
};

// Text parameters in order ($1, $2, ...); nullopt is SQL NULL.
using Params = std::vector<std::optional<std::string>>;

class Conn {
public:
    // Connects to `conninfo` (a postgresql:// URL or key=value string) and
    // applies the per-connection settings. storage_error when unreachable.
    static pw::Result<std::unique_ptr<Conn>> open(const std::string& conninfo, const ConnOptions& opt);
    ~Conn();
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    // Runs statements without parameters or rows (BEGIN, COMMIT, DDL).
    Error exec(std::string_view sql);
    // Runs `sql` ($1, $2 ... placeholders) as this connection's prepared
    // statement; the result holds the rows. Sets changes() for writes.
    ResultPtr run(const std::string& sql, const Params& params, Error& err);
    std::int64_t changes() const { return changes_; }
    void set_changes(std::int64_t n) { changes_ = n; }  // restored after a savepoint's RELEASE
    // True when the server is gone: the pool drops the connection.
    bool bad() const { return PQstatus(conn_) != CONNECTION_OK; }

private:
    Conn() = default;
    Error error_from(const PGresult* r, std::string_view context);
    PGconn* conn_ = nullptr;
    ConnOptions opt_;
    std::unordered_map<std::string, std::string> prepared_;  // sql -> statement name
    std::int64_t changes_ = 0;
};

}  // namespace pws::pg
