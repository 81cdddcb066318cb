// Practitioner (admin) authentication: "Authorization: Bearer <admin key>".
// Each key belongs to one practice; the store keeps only its keyed hash
// (hash_token), and every admin call is scoped to the practice found here.
#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

// The practice whose admin key the request carries. On failure writes
// 401 unauthorized (missing, malformed or unknown key) or 503 (storage
// busy) and returns nullopt:
//   auto practice = require_admin(app, req, res); if (!practice) return;
std::optional<Practice> require_admin(App& app, const http::Request& req, http::Response& res);

// A new admin key (random_token, shown once) and its hash for
// Practice::api_key_hash.
struct AdminKey {
    std::string key;
    std::string hash;
};
AdminKey new_admin_key(const App& app);

}  // namespace pws
