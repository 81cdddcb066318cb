#include "routes/respond.hpp"

#include <cstdio>

namespace pws::respond {

bool is_storage_failure(const pw::Error& e) {
    return e.code == "storage_busy" || e.code == "storage_error" || e.code == "nested_transaction" ||
           e.code == "schema_too_new";
}

void error(http::Response& res, const pw::Error& e, const nlohmann::json& extra) {
    if (e.code == "storage_busy") {
        res.set_header("Retry-After", "1");
        send_error(res, pw::Error{"processor_unavailable", "", ""});
        return;
    }
    if (is_storage_failure(e) || e.code.empty()) {
        std::fprintf(stderr, "storage failure: %s %s\n", e.code.c_str(), e.field.c_str());
        send_error(res, pw::Error{"internal_error", "", ""});
        return;
    }
    send_error(res, e, extra);
}

void code(http::Response& res, std::string_view c, std::string_view field) {
    send_error(res, pw::Error{std::string(c), std::string(field), ""});
}

}  // namespace pws::respond
