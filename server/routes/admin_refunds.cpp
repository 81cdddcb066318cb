// POST /api/v1/admin/payments/{id}/refunds (Idempotency-Key required).
#include "auth/admin_auth.hpp"
#include "routes/admin_internal.hpp"
#include "routes/respond.hpp"
#include "services/refunds.hpp"

namespace pws {

void register_admin_refund_routes(http::Router& server, App& app) {
    server.Post(R"(/api/v1/admin/payments/([A-Za-z0-9_-]{1,128})/refunds)",
                [&app](const http::Request& req, http::Response& res) {
        std::string key_name;
        auto practice = require_admin(app, req, res, &key_name);
        if (!practice) return;
        const std::string key = req.get_header_value("Idempotency-Key");
        if (pw::Error e = pw::check_idempotency_key(key)) return respond::error(res, e);
        auto body = respond::body<pw::RefundRequest>(req, res);
        if (!body) return;
        auto reply = refund_payment(app, *practice, req.matches[1], key, *body, Actor::api_key(key_name));
        if (!reply) return respond::error(res, reply.error);
        send_keyed_reply(res, reply.value);
    }, http::Pool::processor);  // refunds call the payment processor
}

}  // namespace pws
