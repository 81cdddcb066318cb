// The checkout's effects that talk to the server, turned into HTTP requests
// (runtime/http.hpp: fetch() in the browser, a fake in the native tests)
// and their answers turned back into checkout events with the core's
// codecs: exactly one event per request.
//   FetchView    GET  /api/v1/links/{token}            200 Loaded, else LoadFailed
//                GET  /api/v1/me/invoices/{id}         (portal session: the cookie)
//   RequestToken POST /api/v1/tokens                   201 TokenCreated, else TokenFailed
//   SendPayment  POST /api/v1/invoices/{id}/payments   200 PaymentDone, else PaymentFailed
// No response at all (status 0) is NoResponse everywhere; an unreadable
// error body becomes a synthesized ApiError (code "unexpected_response").
// Builds natively too (the runtime's tests answer its requests).
#pragma once

#include <functional>
#include <string>

#include "http.hpp"
#include "paywidget/checkout.hpp"

namespace pwui {

class ApiClient {
public:
    using Sink = std::function<void(pw::Event)>;

    // `link_token`: from the URL fragment ("Authorization: Link"); when
    // empty, `invoice_id` is loaded with the portal session's cookie.
    ApiClient(std::string link_token, std::string invoice_id, Http& http, Sink sink);

    void fetch_view();
    void request_token(const pw::TokenRequest& request);
    void send_payment(const pw::effect::SendPayment& payment);

    bool has_link() const { return !token_.empty(); }
    const std::string& link_token() const { return token_; }

private:
    std::string authorization() const;
    std::string token_;
    std::string invoice_id_;
    Http& http_;
    Sink sink_;
};

// An error body -> ApiError; a synthesized one when unreadable.
pw::ApiError read_api_error(int status, const std::string& body);

}  // namespace pwui
