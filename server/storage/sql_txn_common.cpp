// Helpers shared by the sql_txn_*.cpp files.
#include "storage/sql_txn.hpp"

namespace pws::detail {

Error not_found(std::string_view entity) {
    std::string name(entity);
    return pw::make_error("not_found", name, "We could not find this " + name + ".");
}

Error expect_one_row(db::Session& c, db::Query& q, std::string_view entity) {
    if (Error e = q.run()) return e;
    if (c.changes() != 1) return not_found(entity);
    return {};
}

std::string locked(db::Session& s, std::string_view select) {
    std::string sql(select);
    sql.append(s.row_lock());
    return sql;
}

Error lock_row(db::Session& s, std::string_view table, std::string_view id) {
    if (s.row_lock().empty()) return {};
    db::Query q(s, locked(s, "SELECT 1 FROM " + std::string(table) + " WHERE id = ?1"));
    q.args(id);
    return q.run();
}

std::string indexed_by(db::Session& s, std::string_view table, std::string_view index) {
    std::string sql(" FROM ");
    sql.append(table);
    if (s.dialect() == db::Dialect::sqlite) sql.append(" INDEXED BY ").append(index);
    return sql;
}

std::string_view method_type_db(pw::MethodType t) {
    return t == pw::MethodType::bank_debit ? "bank_debit" : "card";
}

pw::MethodType parse_method_type_db(std::string_view s) {
    return s == "bank_debit" ? pw::MethodType::bank_debit : pw::MethodType::card;
}

// Emails compare ASCII case-insensitively: SQLite's column is COLLATE
// NOCASE; PostgreSQL compares lower() of both sides (the unique index is on
// lower(email); lower() is ASCII-only under the C collation the schema
// sets on the column).
std::string email_equals(db::Session& s, std::string_view param) {
    if (s.dialect() == db::Dialect::sqlite) return "email = " + std::string(param);
    return "lower(email) = lower(" + std::string(param) + ")";
}

}  // namespace pws::detail
