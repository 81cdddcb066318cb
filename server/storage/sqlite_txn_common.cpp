// Helpers shared by the sqlite_txn_*.cpp files.
#include "storage/sqlite_txn.hpp"

namespace pws::detail {

Error not_found(std::string_view entity) {
    std::string name(entity);
    return pw::make_error("not_found", name, "We could not find this " + name + ".");
}

Error expect_one_row(sql::Conn& c, sql::Query& q, std::string_view entity) {
    if (Error e = q.run()) return e;
    if (c.changes() != 1) return not_found(entity);
    return {};
}

std::string_view method_type_db(pw::MethodType t) {
    return t == pw::MethodType::bank_debit ? "bank_debit" : "card";
}

pw::MethodType parse_method_type_db(std::string_view s) {
    return s == "bank_debit" ? pw::MethodType::bank_debit : pw::MethodType::card;
}

}  // namespace pws::detail
