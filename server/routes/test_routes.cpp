// Test mode only (--test-mode): routes that let integration tests drive
// what otherwise happens with time. Never registered in production.
//   POST /api/v1/test/settle  settles every pending bank debit now
//                             -> {"settled": n}
#include <chrono>

#include "http/error_response.hpp"
#include "routes/routes.hpp"
#include "services/settlement.hpp"

namespace pws {

void register_test_routes(http::Router& server, App& app) {
    if (!app.config.test_mode) return;
    server.Post("/api/v1/test/settle", [&app](const http::Request&, http::Response& res) {
        // Far enough ahead that any settle delay has passed.
        const std::size_t n = settle_round(app, std::chrono::hours(24 * 365));
        send_json(res, 200, nlohmann::json{{"settled", n}});
    });
}

}  // namespace pws
