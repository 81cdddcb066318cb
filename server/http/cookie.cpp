#include "http/cookie.hpp"

namespace pws {

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const std::size_t semi = header.find(';');
        std::string_view part = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
        while (!part.empty() && (part.back() == ' ' || part.back() == '\t')) part.remove_suffix(1);
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        if (part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    }
    return std::nullopt;
}

std::string request_cookie(const http::Request& req, std::string_view name) {
    for (std::size_t i = 0, n = req.get_header_value_count("Cookie"); i < n; ++i) {
        std::string v = cookie_value(req.get_header_value("Cookie", i), name).value_or("");
        if (!v.empty()) return v;
    }
    return {};
}

}  // namespace pws
