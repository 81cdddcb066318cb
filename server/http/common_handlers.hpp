// Wires the helpers of server/http/ into the router in one call, so that
// EVERY response (handler, static file, 404, 413/431 from the listener's
// limits, 503 from a full pool, 500 from an escaped exception) gets the
// security headers, the JSON error shape and one access-log line.
//
//   pws::AccessLog log;
//   pws::install_common_handlers(router, {.access_log = &log});
//
// Hooks used (handlers registered later by the caller are unaffected):
//   set_pre_routing_handler  308 / 403 https_required for a request the
//                            trusted proxy says came over plain http
//                            (http/https_only.hpp); 403 for a cross-site
//                            write carrying the session cookie
//                            (http/cross_site.hpp)
//   set_exception_handler    500 internal_error, no detail leaked
//   set_error_handler        any status >= 400 without a body gets the JSON
//                            error for its status (404 not_found, ...)
//   set_post_routing_handler apply_security_headers
//   set_logger               the access log line (duration from the moment
//                            the request was complete)
// The size, time and count limits are the listener's (http/listener.hpp).
#pragma once

#include <string>
#include <vector>

#include "http/access_log.hpp"
#include "http/listener.hpp"
#include "http/router.hpp"

namespace pws {

struct CommonHandlerOptions {
    AccessLog* access_log = nullptr;           // null: no access log
    std::vector<std::string> trusted_proxies;  // see client_address(), forwarded_scheme()
    // The public URL is https: every response says Strict-Transport-Security,
    // and plain http reported by a trusted proxy is redirected or refused.
    bool hsts = false;
    // The host's own origin for the cross-site check (http/cross_site.hpp)
    // and the https redirect; "": http://<Host>.
    std::string public_origin;
    // The session cookie's name ("": no cross-site check).
    std::string session_cookie;
};

void install_common_handlers(http::Router& router, const CommonHandlerOptions& options);

// The listener's answer when a worker pool is full: 503 processor_busy (the
// payment processor's pool) or server_busy, with Retry-After.
void answer_busy(http::Pool pool, const http::Request& req, http::Response& res);

}  // namespace pws
