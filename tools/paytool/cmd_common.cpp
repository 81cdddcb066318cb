#include "commands.hpp"

namespace paytool {

nlohmann::json error_json(const pw::Error& e) {
    return {{"code", e.code}, {"field", e.field}, {"message", e.message}};
}

std::string dump_line(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace paytool
