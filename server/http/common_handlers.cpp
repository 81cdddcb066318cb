#include "http/common_handlers.hpp"

#include <chrono>
#include <optional>

#include "http/client_address.hpp"
#include "http/cross_site.hpp"
#include "http/error_cause.hpp"
#include "http/error_response.hpp"
#include "http/https_only.hpp"
#include "http/security_headers.hpp"

namespace pws {

void install_common_handlers(http::Router& router, const CommonHandlerOptions& options) {
    // A request's handler and these hooks run on one pool thread: the
    // thread-local error cause (error_cause.hpp) starts empty here and is
    // moved into the response by the post-routing hook, because the access
    // log line is written later, on an I/O thread.
    const std::string origin = options.public_origin, cookie = options.session_cookie;
    // First of all: a request the proxy says came over plain http is never
    // acted on (http/https_only.hpp).
    const HttpsOnlyPolicy https_only{options.hsts ? options.public_origin : std::string(), options.trusted_proxies};
    router.set_pre_routing_handler([origin, cookie, https_only](const http::Request& req, http::Response& res) {
        begin_request_errors();
        if (refuse_plain_http(req, res, https_only)) return true;
        if (cookie.empty() || !is_cross_site_write(req, origin, cookie)) return false;
        send_error(res, 403, "forbidden", "This request came from another site. Open the page on this site and try again.");
        return true;
    });
    // Handlers should never throw (they catch what they use), but if one
    // does, the payer gets the standard 500 and the process lives on. The
    // exception's text is not sent: it may name internals.
    router.set_exception_handler([](const http::Request&, http::Response& res, std::exception_ptr) {
        res.headers.clear();
        note_error_cause("unhandled exception in a handler");
        send_status_error(res, 500);
    });

    router.set_error_handler([](const http::Request&, http::Response& res) {
        if (res.body.empty()) send_status_error(res, res.status);
    });

    const bool hsts = options.hsts;
    router.set_post_routing_handler([hsts](const http::Request& req, http::Response& res) {
        apply_security_headers(req, res);
        // Two years, subdomains included: once a browser saw the host over
        // https it never tries plain http again.
        if (hsts && !res.has_header("Strict-Transport-Security"))
            res.set_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
        if (std::optional<ErrorCause> c = take_error_cause()) {
            res.log_error = std::move(c->code);
            res.log_cause = std::move(c->cause);
        }
    });

    if (options.access_log) {
        AccessLog* log = options.access_log;
        const std::vector<std::string> proxies = options.trusted_proxies;
        router.set_logger([log, proxies](const http::Request& req, const http::Response& res) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                                  req.received_at)
                                .count();
            log->log(req, res, ms, client_address(req, proxies), client_scheme(req, proxies));
        });
    }
}

void answer_busy(http::Pool pool, const http::Request&, http::Response& res) {
    send_error(res, pw::Error{pool == http::Pool::processor ? "processor_busy" : "server_busy", "", ""});
    res.set_header("Retry-After", "1");
}

}  // namespace pws
