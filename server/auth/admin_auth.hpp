// Practitioner (admin) authentication: "Authorization: Bearer <admin key>".
// Each key belongs to one practice (services/admin_keys.hpp); the store
// keeps only its keyed hash, and every admin call is scoped to the practice
// found here. A revoked key is refused from the next request on.
#pragma once

#include <optional>

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

// The practice whose active admin key the request carries. On failure
// writes 401 unauthorized (missing, malformed, unknown or revoked key) or
// 503 (storage busy) and returns nullopt:
//   auto practice = require_admin(app, req, res); if (!practice) return;
// Records the key's use (last_used_at, to the minute) and re-hashes a key
// found under an older server secret with the current one, so keys in use
// outlive the next rotation. `key_name` (when given) receives the key's name,
// for the activity log ("api key <name>").
std::optional<Practice> require_admin(App& app, const http::Request& req, http::Response& res,
                                      std::string* key_name = nullptr);

}  // namespace pws
