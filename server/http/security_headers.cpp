#include "http/security_headers.hpp"

namespace pws {

bool is_safe_origin(std::string_view origin) {
    std::string_view rest;
    if (origin.substr(0, 8) == "https://") {
        rest = origin.substr(8);
    } else if (origin.substr(0, 7) == "http://") {
        rest = origin.substr(7);
    } else {
        return false;
    }
    if (rest.empty() || rest.size() > 253 + 6) return false;
    bool port = false;
    std::size_t port_digits = 0;
    for (char c : rest) {
        if (port) {
            if (c < '0' || c > '9') return false;
            ++port_digits;
        } else if (c == ':') {
            port = true;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
            return false;
        }
    }
    return !port || (port_digits >= 1 && port_digits <= 5);
}

std::string content_security_policy(const std::vector<std::string>& origins) {
    std::string ancestors;
    for (const std::string& o : origins) {
        if (!is_safe_origin(o)) continue;
        ancestors += ' ';
        ancestors += o;
    }
    std::string csp(kDefaultCsp);
    csp += "; frame-ancestors";
    csp += ancestors.empty() ? std::string(" 'none'") : " 'self'" + ancestors;
    return csp;
}

void allow_framing_by(http::Response& res, const std::vector<std::string>& origins) {
    // set_header appends; a second CSP would be enforced as well.
    res.headers.erase("Content-Security-Policy");
    res.headers.erase("X-Frame-Options");
    res.set_header("Content-Security-Policy", content_security_policy(origins));
    // Marks the response as deliberately framable so the defaults do not add
    // X-Frame-Options: DENY on top.
    res.set_header("X-Frame-Options", "");
}

void apply_security_headers(const http::Request& req, http::Response& res) {
    const bool framing_set = res.has_header("X-Frame-Options");
    if (!res.has_header("Content-Security-Policy"))
        res.set_header("Content-Security-Policy", content_security_policy());
    if (framing_set) {
        // allow_framing_by() left an empty marker: remove it from the wire.
        if (res.get_header_value("X-Frame-Options").empty()) res.headers.erase("X-Frame-Options");
    } else if (res.get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") !=
               std::string::npos) {
        res.set_header("X-Frame-Options", "DENY");
    }
    if (!res.has_header("X-Content-Type-Options")) res.set_header("X-Content-Type-Options", "nosniff");
    if (!res.has_header("Referrer-Policy")) res.set_header("Referrer-Policy", "no-referrer");
    const bool api = req.path.rfind("/api/", 0) == 0;
    if (!res.has_header("Cache-Control") && (api || res.status >= 400))
        res.set_header("Cache-Control", "no-store");
}

}  // namespace pws
