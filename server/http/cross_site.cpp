#include "http/cross_site.hpp"

#include "http/cookie.hpp"

namespace pws {

std::string origin_of(std::string_view url) {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
    const std::size_t host_start = scheme_end + 3;
    const std::size_t path = url.find('/', host_start);
    const std::string_view origin = url.substr(0, path);
    return origin.size() > host_start ? std::string(origin) : std::string();
}

bool is_cross_site_write(const http::Request& req, std::string_view public_origin, std::string_view session_cookie) {
    if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS") return false;
    bool has_session = false;
    for (std::size_t i = 0, n = req.get_header_value_count("Cookie"); i < n && !has_session; ++i)
        has_session = cookie_value(req.get_header_value("Cookie", i), session_cookie).has_value();
    if (!has_session) return false;
    // A browser that sends Sec-Fetch-Site says it all.
    if (req.has_header("Sec-Fetch-Site")) {
        const std::string site = req.get_header_value("Sec-Fetch-Site");
        return site != "same-origin" && site != "none";
    }
    // Older browsers: the Origin must be this host's.
    if (!req.has_header("Origin")) return false;
    return !is_own_origin(req, req.get_header_value("Origin"), public_origin);
}

bool is_own_origin(const http::Request& req, std::string_view origin, std::string_view public_origin) {
    const std::string host = req.get_header_value("Host");
    return (!public_origin.empty() && origin == public_origin) ||
           (!host.empty() && (origin == "http://" + host || origin == "https://" + host));
}

bool is_own_origin_post(const http::Request& req, std::string_view public_origin) {
    return req.get_header_value_count("Origin") == 1 &&
           is_own_origin(req, req.get_header_value("Origin"), public_origin);
}

}  // namespace pws
