// GET /healthz: 200 {"status":"ok"} once the store answers.
#include "http/error_response.hpp"
#include "routes/routes.hpp"

namespace pws {

void register_health_routes(http::Router& server, App& app) {
    server.Get("/healthz", [&app](const http::Request&, http::Response& res) {
        pw::Error e = app.store->read_transaction([](ReadTxn&) -> pw::Error { return {}; });
        if (e) {
            send_error(res, 503, "internal_error", "The service is not ready. Try again in a moment.");
            return;
        }
        send_json(res, 200, nlohmann::json{{"status", "ok"}});
    });
}

}  // namespace pws
