#include "routes/embed_routes.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "http/error_response.hpp"
#include "http/security_headers.hpp"
#include "paywidget/url.hpp"

namespace pws {

namespace {

// Practice ids are ours ("prc_" + base64url); anything else cannot name one,
// so it is refused before touching the store.
bool plausible_practice_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// Read on every request (a few hundred bytes): a rebuilt widget page is
// served without restarting the server.
std::optional<std::string> read_page(const std::string& dir) {
    if (dir.empty()) return std::nullopt;
    std::ifstream in(dir + "/embed.html", std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// CSP frame-ancestors 'self' plus the safe ones of `origins` (unsafe ones
// dropped by content_security_policy). With 'self' alone, X-Frame-Options
// SAMEORIGIN says the same to older browsers; with other origins it is left
// out (it cannot list them and would block them).
void frame_by_self_and(http::Response& res, const std::vector<std::string>& origins) {
    const bool others = std::any_of(origins.begin(), origins.end(), [](const std::string& o) { return is_safe_origin(o); });
    if (others) {
        allow_framing_by(res, origins);  // already 'self' + the origins
        return;
    }
    res.headers.erase("Content-Security-Policy");
    res.headers.erase("X-Frame-Options");
    res.set_header("Content-Security-Policy", std::string(kDefaultCsp) + "; frame-ancestors 'self'");
    res.set_header("X-Frame-Options", "SAMEORIGIN");
}

}  // namespace

std::optional<std::vector<std::string>> embed_origins_for(App& app, std::string_view practice_id) {
    if (!plausible_practice_id(practice_id)) return std::nullopt;
    std::optional<std::vector<std::string>> out;
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<Practice> p = t.practice(practice_id);
        if (!p.ok()) return p.error;
        // Stored before the rule existed, or written past the API: only
        // origins the core accepts may frame the widget.
        out.emplace();
        for (const std::string& o : p.value.settings.embed_origins)
            if (pw::valid_embed_origin(o)) out->push_back(o);
        return p.error;
    });
    return out;
}

void register_embed_routes(http::Router& server, App& app) {
    server.Get("/embed", [&app](const http::Request& req, http::Response& res) {
        std::optional<std::string> page = read_page(app.config.static_dir);
        if (!page) {
            send_status_error(res, 404);
            return;
        }
        // This host's own pages (/pay, /portal) always frame the widget;
        // a practice's site may too when ?practice= names its origins.
        std::vector<std::string> origins;
        if (req.has_param("practice")) {
            if (auto stored = embed_origins_for(app, req.get_param_value("practice"))) origins = std::move(*stored);
        }
        frame_by_self_and(res, origins);
        res.set_header("Referrer-Policy", "no-referrer");
        res.set_header("Cache-Control", "no-cache");
        res.set_content(*page, "text/html; charset=utf-8");
    });
}

}  // namespace pws
