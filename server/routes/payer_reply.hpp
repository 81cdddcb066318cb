// Writing a service's reply (ServiceReply) as the HTTP response, shared by
// the payer routes.
#pragma once

#include "http/router.hpp"

#include "http/error_response.hpp"
#include "services/tokenize.hpp"

namespace pws {

inline void send_reply(http::Response& res, const ServiceReply& r) {
    if (r.replayed) {
        res.status = r.status;
        res.set_content(r.raw_body, "application/json; charset=utf-8");
        res.set_header("Idempotent-Replayed", "true");
        return;
    }
    if (r.retry_after > 0) res.set_header("Retry-After", std::to_string(r.retry_after));
    send_json(res, r.status, r.body);
}

}  // namespace pws
