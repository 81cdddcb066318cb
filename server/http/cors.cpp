#include "http/cors.hpp"

#include <algorithm>

#include "http/error_response.hpp"
#include "http/security_headers.hpp"

namespace pws {

bool apply_cors(const http::Request& req, http::Response& res, const CorsPolicy& policy) {
    res.set_header("Vary", "Origin");
    if (!req.has_header("Origin")) return false;
    const std::string origin = req.get_header_value("Origin");
    // "null" (sandboxed frames, file://) and anything malformed never match.
    if (!is_safe_origin(origin)) return false;
    const auto& list = policy.allowed_origins;
    if (std::find(list.begin(), list.end(), origin) == list.end()) return false;
    res.set_header("Access-Control-Allow-Origin", origin);
    if (policy.allow_credentials) res.set_header("Access-Control-Allow-Credentials", "true");
    return true;
}

void answer_preflight(const http::Request& req, http::Response& res, const CorsPolicy& policy) {
    if (!apply_cors(req, res, policy)) {
        send_error(res, 403, "forbidden", "This origin may not call this endpoint.");
        return;
    }
    res.set_header("Access-Control-Allow-Methods", policy.allow_methods);
    res.set_header("Access-Control-Allow-Headers", policy.allow_headers);
    res.set_header("Access-Control-Max-Age", std::to_string(policy.max_age_seconds));
    res.status = 204;
}

}  // namespace pws
