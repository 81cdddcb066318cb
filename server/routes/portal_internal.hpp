// The portal API's handlers (portal_*.cpp); register_portal_routes
// (routes.hpp) calls them all.
#pragma once

#include <optional>

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

// POST/DELETE /api/v1/session, /api/v1/invitations/accept,
// /api/v1/password-resets[/complete].
void register_portal_session_routes(http::Router& server, App& app);
// /api/v1/me/...
void register_portal_me_routes(http::Router& server, App& app);

// The signed-in client, or writes 401 unauthorized and returns nullopt.
std::optional<Client> require_session(App& app, const http::Request& req, http::Response& res);

// 429 rate_limited with Retry-After and error.retry_after.
void send_rate_limited(http::Response& res, std::int64_t retry_after_seconds);

}  // namespace pws
