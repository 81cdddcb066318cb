#include "auth/session_cookie.hpp"
#include "routes/portal_internal.hpp"
#include "routes/respond.hpp"
#include "routes/routes.hpp"

namespace pws {

std::optional<Client> require_session(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> c = session_client(app, req);
    if (!c) respond::code(res, "unauthorized");
    return c;
}

void send_rate_limited(http::Response& res, std::int64_t retry_after_seconds) {
    send_service_error(res, rate_limited_error(retry_after_seconds));
}

void register_portal_routes(http::Router& server, App& app) {
    register_portal_session_routes(server, app);
    register_portal_me_routes(server, app);
}

}  // namespace pws
