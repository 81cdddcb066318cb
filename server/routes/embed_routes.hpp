// The widget page, GET /embed: the page other sites put in an iframe, so it
// is the ONE page whose framing is not denied (docs/api.md "Browser
// security").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

// The origins allowed to frame /embed for `practice_id` (the practice's
// settings.embed_origins), or nullopt when the id is empty, malformed or no
// such practice exists (the caller then allows 'self' only).
std::optional<std::vector<std::string>> embed_origins_for(App& app, std::string_view practice_id);

// GET /embed[?practice=<practice id>]: web/embed.html from --static-dir (the
// wasm build directory, next to embed.css, embed.js, paywidget.{js,wasm})
// with the default CSP (script-src 'self' 'wasm-unsafe-eval', no inline
// anything) whose frame-ancestors are 'self' (the host's own /pay and
// /portal pages) plus that practice's embed_origins (unknown or absent
// practice: 'self' only), Referrer-Policy no-referrer and
// Cache-Control no-cache with a strong ETag (304 on If-None-Match; it names
// the current content-hashed assets and the CSP follows the settings, so it
// is revalidated every time), precompressed like every static file
// (http/static_file.hpp).
// 404 not_found when there is no static dir or it holds no embed.html.
void register_embed_routes(http::Router& server, App& app);

}  // namespace pws
