// CORS, only where needed. The widget runs in an iframe served by the
// payment host itself, so its API calls are same-origin and need no CORS at
// all; only a route that a practice's own page calls directly would use this.
// An allowed origin is reflected exactly (never "*"), with Vary: Origin.
#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"

namespace pws {

struct CorsPolicy {
    std::vector<std::string> allowed_origins;  // exact "https://host[:port]"
    bool allow_credentials = false;            // cookies; only with an exact origin
    std::string allow_methods = "GET, POST";
    std::string allow_headers = "Content-Type, Idempotency-Key";
    int max_age_seconds = 600;
};

// True when the request carries an Origin that the policy allows; then sets
// Access-Control-Allow-Origin (the origin itself), Vary: Origin and, if
// enabled, Access-Control-Allow-Credentials. Sets nothing otherwise (the
// browser then blocks the response), but still adds Vary: Origin so a shared
// cache never serves one origin's answer to another.
bool apply_cors(const http::Request& req, http::Response& res, const CorsPolicy& policy);

// For an OPTIONS preflight: apply_cors plus Allow-Methods/Headers/Max-Age;
// 204 when allowed, 403 forbidden (JSON error) otherwise.
void answer_preflight(const http::Request& req, http::Response& res, const CorsPolicy& policy);

}  // namespace pws
