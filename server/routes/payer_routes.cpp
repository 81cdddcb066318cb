// The payer's API (docs/api.md): link lookup, tokens, payments, receipts.
// Thin: authenticate (auth/payer_auth), decode strictly with the core's
// codecs, call a service, encode its value; its errors are answered by the
// one mapping (http/service_outcome.hpp).
#include <optional>
#include <string>

#include "auth/payer_auth.hpp"
#include "http/client_address.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/service_outcome.hpp"
#include "pages/page_kit.hpp"
#include "routes/routes.hpp"
#include "services/link_view.hpp"
#include "services/payments.hpp"
#include "services/receipts.hpp"
#include "services/tokenize.hpp"

namespace pws {

namespace {

const BodyLimits kApiBody{pw::kMaxBodyBytes, pw::kMaxBodyDepth};

// Reads and strictly decodes a request body of type T; on failure writes
// the error (400/413/415/422 naming the field) and returns nullopt.
template <class T>
std::optional<T> read_message(const http::Request& req, http::Response& res) {
    std::optional<nlohmann::json> body = read_json_body(req, res, kApiBody);
    if (!body) return std::nullopt;
    T out{};
    if (pw::Error e = pw::decode(*body, out)) {
        send_error(res, e);
        return std::nullopt;
    }
    return out;
}

void get_link(App& app, const http::Request& req, http::Response& res) {
    AuthFailure f;
    pw::Result<Payer> payer = resolve_link(app, req.matches[1].str(), &f, &req);
    if (!payer.ok()) {
        send_auth_failure(res, f);
        return;
    }
    // The mandates are in the widget's language: it sends the locale it chose
    // as Accept-Language (web/embed.js, wasm/browser/js/fetch_bridge.js).
    pw::LinkView view;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<InvoiceView> v = t.invoice_view(payer.value.link.invoice_id);
        if (!v.ok()) return v.error;
        pw::Result<pw::LinkView> lv = build_link_view(t, v.value, nullptr, app.today(), pages::page_locale(req));
        if (!lv.ok()) return lv.error;
        view = std::move(lv.value);
        return {};
    });
    if (e) return send_service_error(res, server_failure("link view", e));
    send_json(res, 200, pw::encode(view));
}

void post_token(App& app, const http::Request& req, http::Response& res) {
    std::optional<Payer> payer = authenticate_payer(app, req, res);
    if (!payer) return;
    std::optional<pw::TokenRequest> body = read_message<pw::TokenRequest>(req, res);
    if (!body) return;
    pw::Result<pw::TokenResponse> made = create_token(app, *payer, client_address(req, app.config.trusted_proxies), *body);
    if (!made.ok()) return send_service_error(res, made.error);
    send_json(res, 201, pw::encode(made.value));
}

void post_payment(App& app, const http::Request& req, http::Response& res) {
    std::optional<Payer> payer = authenticate_payer(app, req, res);
    if (!payer) return;
    std::optional<std::string> key;
    if (req.has_header("Idempotency-Key")) key = req.get_header_value("Idempotency-Key");
    if (!key) return send_service_error(res, pw::make_error("idempotency_key_required", "", ""));
    if (pw::Error e = pw::check_idempotency_key(*key)) return send_service_error(res, e);
    std::optional<pw::PaymentRequest> body = read_message<pw::PaymentRequest>(req, res);
    if (!body) return;
    pw::Result<KeyedReply> paid =
        pay_invoice(app, *payer, req.matches[1].str(), key, *body, client_address(req, app.config.trusted_proxies));
    if (!paid.ok()) return send_service_error(res, paid.error);
    send_keyed_reply(res, paid.value);
}

void get_receipt(App& app, const http::Request& req, http::Response& res) {
    std::optional<Payer> payer = authenticate_payer(app, req, res);
    if (!payer) return;
    pw::Result<pw::Receipt> receipt = receipt_for(app, *payer, req.matches[1].str());
    if (!receipt.ok()) return send_service_error(res, receipt.error);
    send_json(res, 200, pw::encode(receipt.value));
}

}  // namespace

void register_payer_routes(http::Router& server, App& app) {
    server.Get(R"(/api/v1/links/([^/]+))",
               [&app](const http::Request& req, http::Response& res) { get_link(app, req, res); });
    // Tokenizing and charging call the payment processor: their own pool, so
    // a slow processor never holds the threads that answer pages and lookups.
    server.Post(
        "/api/v1/tokens", [&app](const http::Request& req, http::Response& res) { post_token(app, req, res); },
        http::Pool::processor);
    server.Post(
        R"(/api/v1/invoices/([^/]+)/payments)",
        [&app](const http::Request& req, http::Response& res) { post_payment(app, req, res); }, http::Pool::processor);
    server.Get(R"(/api/v1/receipts/([^/]+))",
               [&app](const http::Request& req, http::Response& res) { get_receipt(app, req, res); });
}

}  // namespace pws
