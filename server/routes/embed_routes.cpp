#include "routes/embed_routes.hpp"

#include <algorithm>
#include <filesystem>

#include "http/error_response.hpp"
#include "http/security_headers.hpp"
#include "http/static_file.hpp"
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
        // Read on every request (a rebuilt widget page is served without a
        // restart); it names the current content-hashed assets, so it is
        // revalidated every time (no-cache) and answered 304 when unchanged.
        if (app.config.static_dir.empty() ||
            !http::serve_static_file(req, res, std::filesystem::path(app.config.static_dir) / "embed.html",
                                     "text/html; charset=utf-8", http::kCacheRevalidate)) {
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
    });
}

}  // namespace pws
