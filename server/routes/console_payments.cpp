// The Refund form's two steps (staff and owners alike):
//   POST /console/payments/<id>/refund          amount + reason checked, then
//        the confirmation page, which carries a fresh idempotency key;
//   POST /console/payments/<id>/refund/confirm  the refund, through the same
//        service as POST /api/v1/admin/payments/{id}/refunds with that key,
//        then POST-redirect-GET to the payment page with a notice.
// A double submit or a reload of the confirm post sends the same key and
// body: the service replays the stored answer, so the money moves once.
// Each POST checks the Origin first (console_form), then the session; the
// payment must be the user's practice's (404 otherwise).
#include "pages/console_payment_pages.hpp"
#include "paywidget/money.hpp"
#include "paywidget/url.hpp"
#include "routes/routes.hpp"
#include "security/random.hpp"
#include "services/display_text.hpp"
#include "services/refunds.hpp"

namespace pws {

namespace {

// The amount (the core's parser, in the payment's currency) and the reason
// (required; the API's length rule through its codec). The refusal, when
// there is one, is written in `draft`.
std::optional<pw::RefundRequest> read_refund(const http::Params& form, const pages::ConsolePayment& payment,
                                             pages::RefundDraft& draft) {
    draft.amount = pages::trimmed_value(pages::field_value(form, "amount")).substr(0, 64);
    draft.reason = pages::trimmed_value(pages::field_value(form, "reason"));
    const std::string& currency = payment.data.payment.currency;
    if (payment.data.payment.state != PaymentState::succeeded) {
        draft.error = payment.data.payment.state == PaymentState::processing
                          ? "This bank debit is still processing. Nothing was refunded: refund it once it has "
                            "settled, usually within a few business days."
                          : "Nothing was paid with this payment, so there is nothing to refund.";
        return std::nullopt;
    }
    auto amount = pw::parse_amount(draft.amount, currency);
    if (!amount || amount.value <= 0) {
        draft.field = "amount";
        draft.error = "Enter the amount to refund in " + currency + ", such as " +
                      pw::format_money(pw::Money{payment.refundable, currency}) + ".";
        return std::nullopt;
    }
    if (amount.value > payment.refundable) {
        draft.field = "amount";
        draft.error = "At most " + money(payment.refundable, currency) +
                      " can still be refunded. Enter that amount or less.";
        return std::nullopt;
    }
    if (draft.reason.empty()) {
        draft.field = "reason";
        draft.error = "Give a reason: your client sees it on their receipt.";
        return std::nullopt;
    }
    pw::RefundRequest req;
    if (pw::decode(nlohmann::json{{"amount", amount.value}, {"reason", draft.reason}}, req)) {
        draft.field = "reason";
        draft.error = "Shorten the reason to 500 characters or fewer.";
        return std::nullopt;
    }
    return req;
}

// What to tell the user when the service refused (nothing was refunded,
// except processor_unavailable: unknown yet).
std::string refusal_text(const pw::Error& e, const pages::ConsolePayment& payment) {
    const std::string& c = e.code;
    if (c == "refund_exceeds_settled")
        return payment.data.payment.state == PaymentState::succeeded
                   ? "At most " + money(payment.refundable, payment.data.payment.currency) +
                         " can still be refunded (another refund may have been made meanwhile). Nothing was "
                         "refunded: check the amount and try again."
                   : "This payment is still processing; it can be refunded once it has settled. Nothing was "
                     "refunded.";
    if (c == "in_progress")
        return "This refund is already being made. Reload this page in a moment to see it.";
    if (c == "processor_unavailable")
        return "The payment processor did not answer. The refund may still go through: reload this page in a "
               "few minutes before trying again.";
    if (c == "storage_busy" || c == "storage_error") return "The server is busy. Nothing was refunded: try again.";
    if (c == "idempotency_mismatch")
        return "This confirmation was already used for another refund. Nothing more was refunded: start again.";
    return "The payment processor refused the refund (" + (e.message.empty() ? c : e.message) +
           "). Nothing was refunded: try again later, or contact the processor's support if it happens again.";
}

void review_refund(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_user(app, req, res);
    if (!user) return;
    auto payment = pages::load_console_payment(app, *user, req.matches[1].str(), res);
    if (!payment) return;
    pages::RefundDraft draft;
    auto refund = read_refund(*form, *payment, draft);
    if (!refund) return pages::send_console_payment(res, 422, *user, *payment, draft, "");
    pages::send_console_refund_confirm(app, res, *user, *payment, refund->amount, refund->reason,
                                       "console-" + random_token());
}

void confirm_refund(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_user(app, req, res);
    if (!user) return;
    const std::string id = req.matches[1].str();
    auto payment = pages::load_console_payment(app, *user, id, res);
    if (!payment) return;
    const std::string key = pages::field_value(*form, "idempotency_key");
    pages::RefundDraft draft;
    // The refundable amount is not checked here: after a first submit it is
    // lower, and the replay must still answer. The service checks it under
    // the write lock.
    pages::ConsolePayment unchecked = *payment;
    unchecked.refundable = pw::kMaxAmountMinor;
    auto refund = read_refund(*form, unchecked, draft);
    if (!refund && !draft.field.empty()) {  // only a tampered or stale form gets here
        draft = {};
        draft.error = "This confirmation could not be read. Nothing was refunded: fill in the refund again.";
    }
    if (!refund) return pages::send_console_payment(res, 422, *user, *payment, draft, "");
    if (pw::check_idempotency_key(key)) {
        draft.error = "This confirmation could not be read. Nothing was refunded: fill in the refund again.";
        return pages::send_console_payment(res, 422, *user, *payment, draft, "");
    }
    auto reply = refund_payment(app, user->practice, id, key, *refund, Actor::user(user->user));
    pw::RefundResponse made;
    if (reply && reply.value.status == 201 && !pw::decode(nlohmann::json::parse(reply.value.body, nullptr, false), made))
        return pages::redirect(res, "/console/payments/" + id + "?refunded=" + pw::percent_encode(made.refund.id));
    draft.amount = pw::format_money(pw::Money{refund->amount, payment->data.payment.currency});
    draft.reason = refund->reason;
    draft.error = refusal_text(reply ? pw::make_error("processor_refused", "", "") : reply.error, *payment);
    const int status = !reply && (reply.error.code == "processor_unavailable" || reply.error.code == "storage_busy")
                           ? 503
                       : !reply && reply.error.code == "in_progress" ? 409
                                                                      : 422;
    pages::send_console_payment(res, status, *user, *payment, draft, "");
}

}  // namespace

void register_console_payment_routes(http::Router& server, App& app) {
    server.Post("/console/payments/([A-Za-z0-9_-]{1,128})/refund",
                [&app](const http::Request& req, http::Response& res) { review_refund(app, req, res); });
    // Refunds call the payment processor: the processor pool, like the API's.
    server.Post("/console/payments/([A-Za-z0-9_-]{1,128})/refund/confirm",
                [&app](const http::Request& req, http::Response& res) { confirm_refund(app, req, res); },
                http::Pool::processor);
}

}  // namespace pws
