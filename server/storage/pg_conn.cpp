// libpq connection, prepared statements and the SQLSTATE -> pw::Error map.
#include "storage/pg_conn.hpp"

#include <cstdlib>

namespace pws::pg {

namespace {

// Constraints and unique indexes are named <table>__<column> in the schema
// (pg_migrations.cpp), so the column is what follows the last "__", as
// SQLite's message names it.
std::string constraint_field(const PGresult* r) {
    const char* name = r != nullptr ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    if (name == nullptr) return {};
    const std::string_view n(name);
    const std::size_t sep = n.rfind("__");
    return sep == std::string_view::npos ? std::string() : std::string(n.substr(sep + 2));
}

Error busy() {
    return pw::make_error("storage_busy", "", "The server is busy right now. Please try again in a moment.");
}

Error broken() {
    return pw::make_error("storage_error", "", "Something went wrong on our side. Please try again in a moment.");
}

}  // namespace

pw::Result<std::unique_ptr<Conn>> Conn::open(const std::string& conninfo, const ConnOptions& opt) {
    using R = pw::Result<std::unique_ptr<Conn>>;
    std::unique_ptr<Conn> c(new Conn());
    c->opt_ = opt;
    c->conn_ = PQconnectdb(conninfo.c_str());
    if (c->conn_ == nullptr || PQstatus(c->conn_) != CONNECTION_OK) {
        // The message names host and database, never the password.
        if (opt.log) opt.log(std::string("storage: cannot connect to PostgreSQL: ") + PQerrorMessage(c->conn_));
        return R::failure(broken());
    }
    // lock_timeout: a writer waiting on another's row lock gives up with
    // 55P03 (storage_busy) instead of hanging. Timestamps are never used.
    const std::string settings = "SET lock_timeout = " + std::to_string(opt.lock_timeout_ms) +
                                 "; SET client_min_messages = warning";
    if (Error e = c->exec(settings)) return R::failure(std::move(e));
    return R::success(std::move(c));
}

Conn::~Conn() {
    if (conn_ != nullptr) PQfinish(conn_);
}

Error Conn::exec(std::string_view sql) {
    changes_ = 0;
    ResultPtr r(PQexec(conn_, std::string(sql).c_str()));
    const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return error_from(r.get(), sql);
    return {};
}

ResultPtr Conn::run(const std::string& sql, const Params& params, Error& err) {
    changes_ = 0;
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
        const std::string name = "s" + std::to_string(prepared_.size());
        ResultPtr p(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
        if (!p || PQresultStatus(p.get()) != PGRES_COMMAND_OK) {
            err = error_from(p.get(), sql);
            return nullptr;
        }
        it = prepared_.emplace(sql, name).first;
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const std::optional<std::string>& v : params) values.push_back(v ? v->c_str() : nullptr);
    ResultPtr r(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(),
                               nullptr, nullptr, 0));
    const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        err = error_from(r.get(), sql);
        return nullptr;
    }
    const char* n = PQcmdTuples(r.get());
    changes_ = (n != nullptr && *n != '\0') ? std::strtoll(n, nullptr, 10) : 0;
    return r;
}

Error Conn::error_from(const PGresult* r, std::string_view context) {
    const char* code = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const std::string state = code != nullptr ? code : "";
    if (state == "23505") return pw::make_error("already_exists", constraint_field(r), "This record already exists.");
    if (state == "23503") {
        return pw::make_error("invalid_reference", "", "This refers to something that does not exist.");
    }
    std::string detail = "storage: " + std::string(r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
    while (!detail.empty() && detail.back() == '\n') detail.pop_back();
    detail += " [" + state + "] in: ";
    detail.append(context.substr(0, 120));
    if (opt_.log) opt_.log(detail);
    if (state == "23514" || state == "23502" || state.rfind("22", 0) == 0) {
        return pw::make_error("invalid_value", constraint_field(r), "A value was rejected by the database.");
    }
    if (state == "40001" || state == "40P01" || state == "55P03") return busy();
    return broken();
}

}  // namespace pws::pg
