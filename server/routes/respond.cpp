#include "routes/respond.hpp"

namespace pws::respond {

void code(http::Response& res, std::string_view c, std::string_view field) {
    send_error(res, pw::Error{std::string(c), std::string(field), ""});
}

}  // namespace pws::respond
