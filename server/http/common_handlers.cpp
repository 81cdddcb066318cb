#include "http/common_handlers.hpp"

#include <chrono>
#include <optional>

#include "http/client_address.hpp"
#include "http/error_cause.hpp"
#include "http/error_response.hpp"
#include "http/security_headers.hpp"

namespace pws {

void install_common_handlers(http::Router& router, const CommonHandlerOptions& options) {
    // A request's handler and these hooks run on one pool thread: the
    // thread-local error cause (error_cause.hpp) starts empty here and is
    // moved into the response by the post-routing hook, because the access
    // log line is written later, on an I/O thread.
    router.set_pre_routing_handler([](const http::Request&, http::Response&) {
        begin_request_errors();
        return false;
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

    router.set_post_routing_handler([](const http::Request& req, http::Response& res) {
        apply_security_headers(req, res);
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
            log->log(req, res, ms, client_address(req, proxies));
        });
    }
}

void answer_busy(http::Pool pool, const http::Request&, http::Response& res) {
    send_error(res, pw::Error{pool == http::Pool::processor ? "processor_busy" : "server_busy", "", ""});
    res.set_header("Retry-After", "1");
}

}  // namespace pws
