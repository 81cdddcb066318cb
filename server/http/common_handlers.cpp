#include "http/common_handlers.hpp"

#include <chrono>
#include <optional>

#include "http/client_address.hpp"
#include "http/error_cause.hpp"
#include "http/error_response.hpp"
#include "http/security_headers.hpp"

namespace pws {
namespace {

thread_local std::optional<std::chrono::steady_clock::time_point> t_request_start;

}  // namespace

void install_common_handlers(httplib::Server& server, const CommonHandlerOptions& options) {
    server.set_payload_max_length(options.max_body_bytes);

    server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        t_request_start = std::chrono::steady_clock::now();
        begin_request_errors();
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // Handlers should never throw (they catch what they use), but if one
    // does, the payer gets the standard 500 and the process lives on. The
    // exception's text is not sent: it may name internals.
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.headers.clear();
        note_error_cause("unhandled exception in a handler");
        send_status_error(res, 500);
    });

    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            send_status_error(res, res.status);
            return httplib::Server::HandlerResponse::Handled;
        }));

    server.set_post_routing_handler(
        [](const httplib::Request& req, httplib::Response& res) { apply_security_headers(req, res); });

    if (options.access_log) {
        AccessLog* log = options.access_log;
        const std::vector<std::string> proxies = options.trusted_proxies;
        server.set_logger([log, proxies](const httplib::Request& req, const httplib::Response& res) {
            std::int64_t ms = 0;
            if (t_request_start) {
                ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                           *t_request_start)
                         .count();
                t_request_start.reset();
            }
            log->log(req, res, ms, client_address(req, proxies));
        });
    }
}

}  // namespace pws
