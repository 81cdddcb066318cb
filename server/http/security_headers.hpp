// Security headers on every response: CSP, framing, MIME sniffing,
// referrer, caching.
//
// Defaults (apply_security_headers sets each header only when the handler
// has not set it already, so a handler can override one):
//   Content-Security-Policy  kDefaultCsp + "frame-ancestors 'none'"
//   X-Frame-Options          DENY (older browsers; only while framing is denied)
//   X-Content-Type-Options   nosniff
//   Referrer-Policy          no-referrer   (a pay link never leaks onward)
//   Cache-Control            no-store      (API responses and every error;
//                                           invoices and receipts carry health
//                                           information)
// The /embed page calls allow_framing_by() with the practice's allowed
// origins (Settings::embed_origins) before the defaults run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"

namespace pws {

// Everything but frame-ancestors. 'wasm-unsafe-eval' lets the widget compile
// its WebAssembly; nothing else is loaded from elsewhere or inline.
inline constexpr std::string_view kDefaultCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'";

// True for a CSP-safe origin "http(s)://host[:port]" (lower-case letters,
// digits, dots, dashes; no path, no wildcard, no spaces or ';' that would
// inject directives).
bool is_safe_origin(std::string_view origin);

// The full CSP with frame-ancestors listing `origins` (unsafe ones dropped),
// or 'none' when no origin remains.
std::string content_security_policy(const std::vector<std::string>& origins = {});

// For the embed page: CSP whose frame-ancestors are `origins` (plus 'self'),
// and no X-Frame-Options (it cannot express a list and would block them).
void allow_framing_by(http::Response& res, const std::vector<std::string>& origins);

// Adds the defaults above that are still missing. Cache-Control no-store is
// added for paths under /api/ and for every status >= 400; static files keep
// whatever caching their handler chose.
void apply_security_headers(const http::Request& req, http::Response& res);

}  // namespace pws
