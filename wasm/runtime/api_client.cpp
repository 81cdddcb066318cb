// See api_client.hpp.
#include "api_client.hpp"

#include <utility>

#include "paywidget/api.hpp"
#include "paywidget/url.hpp"

namespace pwui {

pw::ApiError read_api_error(int status, const std::string& body) {
    pw::Result<pw::ApiError> e = pw::parse_as<pw::ApiError>(body, pw::kMaxResponseBytes);
    if (e.ok() && !e.value.code.empty()) return e.value;
    pw::ApiError synthesized;
    synthesized.code = "unexpected_response";
    synthesized.message = status >= 500 ? "The payment service is having trouble. Please try again in a moment."
                                        : "Something went wrong. Please reload the page and try again.";
    return synthesized;
}

ApiClient::ApiClient(std::string link_token, std::string invoice_id, Http& http, Sink sink)
    : token_(std::move(link_token)), invoice_id_(std::move(invoice_id)), http_(http), sink_(std::move(sink)) {}

std::string ApiClient::authorization() const { return token_.empty() ? std::string() : "Link " + token_; }

void ApiClient::fetch_view() {
    if (token_.empty() && invoice_id_.empty()) {
        // Neither "#link=" nor "#invoice=" in the address: nothing to look up.
        pw::ApiError e;
        e.code = "link_unknown";
        e.message = "This payment link is incomplete. Open the link from your email again.";
        sink_(pw::ev::LoadFailed{e});
        return;
    }
    HttpRequest r;
    r.path = token_.empty() ? "/api/v1/me/invoices/" + pw::percent_encode(invoice_id_)
                            : "/api/v1/links/" + pw::percent_encode(token_);
    r.authorization = authorization();
    http_.send(r, [sink = sink_](const HttpResponse& res) {
        if (res.status == 0) return sink(pw::ev::NoResponse{});
        if (res.status == 200) {
            pw::Result<pw::LinkView> v = pw::parse_as<pw::LinkView>(res.body, pw::kMaxResponseBytes);
            if (v.ok()) return sink(pw::ev::Loaded{std::move(v.value)});
            pw::ApiError e;
            e.code = "unexpected_response";
            e.message = "We couldn\xE2\x80\x99t read this invoice. Please reload the page and try again.";
            return sink(pw::ev::LoadFailed{e});
        }
        sink(pw::ev::LoadFailed{read_api_error(res.status, res.body)});
    });
}

void ApiClient::request_token(const pw::TokenRequest& request) {
    HttpRequest r;
    r.method = "POST";
    r.path = "/api/v1/tokens";
    r.authorization = authorization();
    r.body = pw::dump_body(pw::encode(request));
    http_.send(r, [sink = sink_](const HttpResponse& res) {
        if (res.status == 0) return sink(pw::ev::NoResponse{});
        if (res.status == 201 || res.status == 200) {
            pw::Result<pw::TokenResponse> t = pw::parse_as<pw::TokenResponse>(res.body, pw::kMaxResponseBytes);
            if (t.ok()) return sink(pw::ev::TokenCreated{std::move(t.value)});
        }
        sink(pw::ev::TokenFailed{read_api_error(res.status, res.body)});
    });
}

void ApiClient::send_payment(const pw::effect::SendPayment& p) {
    HttpRequest r;
    r.method = "POST";
    r.path = "/api/v1/invoices/" + pw::percent_encode(p.invoice_id) + "/payments";
    r.authorization = authorization();
    r.idempotency_key = p.key;
    r.body = pw::dump_body(pw::encode(p.request));
    http_.send(r, [sink = sink_](const HttpResponse& res) {
        if (res.status == 0) return sink(pw::ev::NoResponse{});
        if (res.status == 200) {
            pw::Result<pw::PaymentResponse> pr = pw::parse_as<pw::PaymentResponse>(res.body, pw::kMaxResponseBytes);
            if (pr.ok()) return sink(pw::ev::PaymentDone{std::move(pr.value)});
            // A 200 we cannot read: the outcome is unknown, so it must be
            // retried with the same key (the server replays it).
            return sink(pw::ev::NoResponse{});
        }
        sink(pw::ev::PaymentFailed{read_api_error(res.status, res.body)});
    });
}

}  // namespace pwui
