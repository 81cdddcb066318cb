// Wires the helpers of server/http/ into an httplib::Server in one call, so
// that EVERY response (handler, static file, 404, 413 from the body limit,
// 500 from an escaped exception) gets the security headers, the JSON error
// shape and one access-log line.
//
//   pws::AccessLog log;
//   pws::install_common_handlers(server, {.access_log = &log});
//
// Hooks used (handlers registered later by the caller are unaffected):
//   set_payload_max_length  httplib stops reading above max_body_bytes (413)
//   set_pre_routing_handler start time of the request (thread-local: httplib
//                           handles a request on one worker thread)
//   set_exception_handler   500 internal_error, no detail leaked
//   set_error_handler       any status >= 400 without a body gets the JSON
//                           error for its status (404 not_found, ...)
//   set_post_routing_handler apply_security_headers
//   set_logger              the access log line
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <httplib.h>

#include "http/access_log.hpp"

namespace pws {

struct CommonHandlerOptions {
    std::size_t max_body_bytes = 64 * 1024;
    AccessLog* access_log = nullptr;           // null: no access log
    std::vector<std::string> trusted_proxies;  // see client_address()
};

void install_common_handlers(httplib::Server& server, const CommonHandlerOptions& options);

}  // namespace pws
