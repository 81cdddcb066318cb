#include "routes/respond.hpp"

#include <string>

#include "http/error_cause.hpp"

namespace pws::respond {

bool is_storage_failure(const pw::Error& e) {
    return e.code == "storage_busy" || e.code == "storage_error" || e.code == "nested_transaction" ||
           e.code == "schema_too_new";
}

void error(http::Response& res, const pw::Error& e, const nlohmann::json& extra) {
    if (e.code == "storage_busy") {
        note_error_cause("storage: busy (write lock not obtained in time)");
        res.set_header("Retry-After", "1");
        send_error(res, pw::Error{"storage_busy", "", ""});
        return;
    }
    if (is_storage_failure(e) || e.code.empty()) {
        note_error_cause("storage: " + (e.code.empty() ? std::string("error without a code") : e.code) +
                         (e.field.empty() ? "" : " (" + e.field + ")"));
        send_error(res, pw::Error{"internal_error", "", ""});
        return;
    }
    send_error(res, e, extra);
}

void code(http::Response& res, std::string_view c, std::string_view field) {
    send_error(res, pw::Error{std::string(c), std::string(field), ""});
}

}  // namespace pws::respond
