// Behind a TLS-terminating reverse proxy, with an https public URL: a
// request that the trusted proxy says came over plain http
// (X-Forwarded-Proto, http/client_address.hpp) is never served, so a payer
// never types card data into a page loaded without TLS and never sends a
// session cookie or a body in the clear twice:
//   GET / HEAD  -> 308 to the same path and query on the public https origin
//                  (308, not 301: a method and body are never rewritten);
//   anything else -> 403 https_required (the body already crossed the wire,
//                  but it is not acted on; HSTS stops the browser repeating).
// A peer outside --trusted-proxy is not believed either way: its header is
// ignored and the request is served as usual.
#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"

namespace pws {

struct HttpsOnlyPolicy {
    std::string public_origin;                 // "https://pay.example.com"; "" or http: off
    std::vector<std::string> trusted_proxies;  // --trusted-proxy ranges
};

// True when it answered `res` (redirect or refusal); false: serve as usual.
bool refuse_plain_http(const http::Request& req, http::Response& res, const HttpsOnlyPolicy& policy);

}  // namespace pws
