// Checkout: submitting, outcomes, retry/back, and the per-stage queries a UI
// asks. The idempotency rules live here; see checkout.hpp.
#include <algorithm>

// GCC 12 at -O2 reports the Effect variant's members (TokenRequest::type,
// NotifyHost::kind: both have default initializers) as "maybe uninitialized"
// when it moves a std::variant built from a braced list; a known false
// positive (GCC bug 105593 family), shown since pw::Error grew its catalogue
// id and arguments. Clang (wasm, fuzz) does not warn.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "paywidget/bank_settlement.hpp"
#include "paywidget/checkout.hpp"
#include "paywidget/messages.hpp"

#include "paywidget/accepted_methods.hpp"
#include "paywidget/payment_form.hpp"

namespace pw {

namespace {

bool is_not_processed(const ApiError& e) {
    return e.code == "in_progress" || e.code == "rate_limited" || http_status_for(e.code) >= 500;
}

// The network failure the widget shows when no response arrived at all.
ApiError network_error() {
    ApiError e;
    e.code = "network_error";
    e.message = text("en", "error.network_error");
    return e;
}

}  // namespace

// ------------------------------------------------------------------ submit

std::vector<Effect> Checkout::on(const ev::Submit&) {
    if (!on_form()) return {};  // in particular: a second Submit while submitting
    if (!can_submit()) {
        const Error& why = s_.details_error ? s_.details_error : s_.amount_error;
        std::vector<Effect> out;
        if (why) out.push_back(effect::Announce{say(why)});
        if (!why.field.empty()) out.push_back(effect::Focus{why.field});
        return out;
    }
    return begin_attempt();
}

std::vector<Effect> Checkout::begin_attempt() {
    s_.attempt = Attempt{s_.attempt.number + 1, keys_ ? keys_() : std::string(), false, {}, 0};
    s_.token.reset();
    s_.failure = FailureKind::none;
    s_.failure_error = ApiError{};
    s_.decline = DeclineAdvice{};
    if (check_idempotency_key(s_.attempt.key)) {
        // A broken key source is a bug in the embedding code; refuse rather
        // than send a payment the server would reject or could not dedupe.
        s_.stage = Stage::failed;
        s_.failure = FailureKind::rejected;
        s_.failure_error = to_api_error(check_idempotency_key(s_.attempt.key));
        return {effect::Announce{say(s_.failure_error)}};
    }
    s_.stage = Stage::submitting;
    return continue_attempt();
}

// Next step of the current attempt: tokenize, or (body known) send it.
std::vector<Effect> Checkout::continue_attempt() {
    s_.stage = Stage::submitting;
    if (s_.attempt.request_ready) return send_payment();
    if (s_.method->kind == ChoiceKind::saved_card) {
        s_.attempt.request = PaymentRequest{s_.amount, s_.view->invoice.currency, "",
                                            s_.method->saved_id, false};
        s_.attempt.request_ready = true;
        return send_payment();
    }
    s_.phase = SubmitPhase::tokenizing;
    return {effect::RequestToken{s_.details}, effect::Announce{text(locale_, "checkout.processing")}};
}

std::vector<Effect> Checkout::send_payment() {
    s_.phase = SubmitPhase::paying;
    ++s_.attempt.sends;
    std::vector<Effect> out{effect::SendPayment{s_.view->invoice.id, s_.attempt.key, s_.attempt.request}};
    if (s_.method->kind == ChoiceKind::saved_card && s_.attempt.sends == 1)
        out.push_back(effect::Announce{text(locale_, "checkout.processing")});
    return out;
}

std::vector<Effect> Checkout::on(const ev::TokenCreated& e) {
    if (s_.stage != Stage::submitting || s_.phase != SubmitPhase::tokenizing) return {};
    s_.token = e.token;
    s_.attempt.request = PaymentRequest{s_.amount, s_.view->invoice.currency, e.token.token, "",
                                        s_.save_method};
    s_.attempt.request_ready = true;
    return send_payment();
}

std::vector<Effect> Checkout::on(const ev::TokenFailed& e) {
    if (s_.stage != Stage::submitting || s_.phase != SubmitPhase::tokenizing) return {};
    bool handled = false;
    std::vector<Effect> out = on_link_error(e.error, &handled);
    if (handled) return out;
    if (is_details_field(e.error.field)) {
        // The server's validators disagree with what the widget let through
        // (or the token expired): back to the form, pointing at the field.
        s_.stage = Stage::details;
        s_.details_valid = false;
        s_.details_error = to_error(e.error);
        return {effect::Announce{say(e.error)}, effect::Focus{e.error.field}};
    }
    s_.stage = Stage::failed;
    // No payment was sent, so a retry can only re-tokenize: same attempt.
    s_.failure = is_not_processed(e.error) ? FailureKind::not_processed : FailureKind::rejected;
    s_.failure_error = e.error;
    return {effect::Announce{say(e.error)}};
}

// ------------------------------------------------------------------ outcomes

std::vector<Effect> Checkout::on(const ev::PaymentDone& e) {
    // A late answer to a timed-out request is still THE answer for this key.
    const bool waiting = (s_.stage == Stage::submitting && s_.phase == SubmitPhase::paying) ||
                         (s_.stage == Stage::failed && s_.attempt.request_ready &&
                          (s_.failure == FailureKind::no_response ||
                           s_.failure == FailureKind::not_processed));
    if (!waiting) return {};
    const PaymentResponse& r = e.response;
    s_.result = r;
    s_.failure_error = ApiError{};
    const MethodType type = method_type(*s_.method);
    switch (r.payment.status) {
        case PaymentStatus::succeeded:
        case PaymentStatus::processing: {
            s_.stage = Stage::succeeded;
            s_.failure = FailureKind::none;
            s_.details = TokenRequest{};  // card data has no business on a receipt screen
            s_.details_valid = false;
            const int days =
                settlement_business_days(bank_scheme_from_id(r.payment.method.brand).value_or(BankScheme::pad));
            std::string said =
                r.payment.status == PaymentStatus::succeeded
                    ? text(locale_, "checkout.paid", {{"amount", money_text(r.payment.amount)}})
                    : text(locale_, "checkout.debit_submitted",
                           {{"amount", money_text(r.payment.amount)}, {"days", std::to_string(days)}});
            if (r.invoice.balance > 0)
                said = text(locale_, "checkout.remaining", {{"message", said}, {"balance", money_text(r.invoice.balance)}});
            return {effect::Announce{said},
                    effect::NotifyHost{effect::HostEventKind::succeeded, r.payment.id, ""}};
        }
        case PaymentStatus::declined:
        case PaymentStatus::failed: {
            const std::string raw = r.payment.decline ? r.payment.decline->code : std::string();
            s_.decline = advise_decline(raw, type);
            // The server's message is already the payer message; keep it.
            if (r.payment.decline && !r.payment.decline->message.empty())
                s_.decline.message = r.payment.decline->message;
            if (r.payment.status == PaymentStatus::failed && s_.decline.retryable) {
                s_.stage = Stage::failed;
                s_.failure = FailureKind::processing_error;
                s_.failure_error = ApiError{s_.decline.code, s_.decline.message, "", "", {}, 0};
                return {effect::Announce{decline_text(locale_, s_.decline.code, type)}};
            }
            s_.stage = Stage::declined;
            s_.failure = FailureKind::none;
            std::vector<Effect> out{effect::Announce{decline_text(locale_, s_.decline.code, type)},
                                    effect::NotifyHost{effect::HostEventKind::declined,
                                                       r.payment.id, s_.decline.code}};
            const std::string focus = form_focus(s_.decline.field);
            if (!focus.empty()) out.push_back(effect::Focus{focus});
            return out;
        }
    }
    return {};
}

std::vector<Effect> Checkout::on(const ev::PaymentFailed& e) {
    const bool waiting = (s_.stage == Stage::submitting && s_.phase == SubmitPhase::paying) ||
                         (s_.stage == Stage::failed && s_.attempt.request_ready &&
                          s_.failure == FailureKind::no_response);
    if (!waiting) return {};
    bool handled = false;
    std::vector<Effect> out = on_link_error(e.error, &handled);
    if (handled) return out;
    s_.failure_error = e.error;
    if (is_not_processed(e.error)) {
        s_.stage = Stage::failed;
        s_.failure = FailureKind::not_processed;
        return {effect::Announce{say(e.error)}};
    }
    // A 4xx refusal: nothing was charged and the attempt is over.
    s_.attempt.request_ready = false;
    if (e.error.field == "amount") {
        s_.stage = Stage::amount;
        s_.amount_error = to_error(e.error);
        s_.failure = FailureKind::none;
        return {effect::Announce{say(e.error)}, effect::Focus{"amount"}};
    }
    if (is_details_field(e.error.field)) {
        s_.stage = Stage::details;
        s_.failure = FailureKind::none;
        if (s_.method->kind != ChoiceKind::saved_card) s_.details_valid = false;
        s_.details_error = to_error(e.error);
        return {effect::Announce{say(e.error)}, effect::Focus{e.error.field}};
    }
    s_.stage = Stage::failed;
    s_.failure = FailureKind::rejected;
    return {effect::Announce{say(e.error)}};
}

std::vector<Effect> Checkout::on(const ev::NoResponse&) {
    if (s_.stage == Stage::loading) {
        s_.stage = Stage::load_failed;
        s_.load_error = network_error();
        return {effect::Announce{say(s_.load_error)}};
    }
    if (s_.stage != Stage::submitting) return {};
    s_.stage = Stage::failed;
    s_.failure = FailureKind::no_response;
    s_.failure_error = network_error();
    return {effect::Announce{say(s_.failure_error)}};
}

// ------------------------------------------------------------------ retry, back, remainder

std::vector<Effect> Checkout::on(const ev::Retry&) {
    if (s_.stage == Stage::load_failed) return begin_loading();
    if (s_.stage == Stage::declined) {
        // "Try again": back to the form with everything still filled in.
        s_.stage = Stage::details;
        const std::string focus = form_focus(s_.decline.field);
        if (focus.empty()) return {};
        return {effect::Focus{focus}};
    }
    if (s_.stage != Stage::failed) return {};
    switch (s_.failure) {
        case FailureKind::no_response:
        case FailureKind::not_processed: return continue_attempt();  // same key, same body
        case FailureKind::processing_error: return can_submit() ? begin_attempt() : std::vector<Effect>{};
        case FailureKind::rejected:
        case FailureKind::none: break;
    }
    return {};
}

std::vector<Effect> Checkout::on(const ev::Back&) {
    if (!can_go_back()) return {};
    switch (s_.stage) {
        case Stage::amount: s_.stage = Stage::review; break;
        case Stage::method: s_.stage = partial_available() ? Stage::amount : Stage::review; break;
        case Stage::details:
            s_.stage = s_.method_skipped ? (partial_available() ? Stage::amount : Stage::review)
                                         : Stage::method;
            break;
        case Stage::declined:
        case Stage::failed:
            s_.stage = Stage::details;
            s_.failure = FailureKind::none;
            break;
        default: return {};
    }
    return {};
}

std::vector<Effect> Checkout::on(const ev::PayRemainder&) {
    if (!can_pay_remainder()) return {};
    return begin_loading();  // the server's view of what is left, not ours
}

// ------------------------------------------------------------------ queries

std::vector<MethodChoice> Checkout::method_options() const {
    std::vector<MethodChoice> out;
    if (!s_.view) return out;
    const AcceptedMethods& accepted = s_.view->invoice.accepted;
    if (accepts(accepted, MethodType::card)) {
        // A saved method is offered only where the invoice takes its kind.
        if (s_.view->session == SessionKind::portal)
            for (const SavedMethod& m : s_.view->saved_methods)
                if (can_save(m.method.type) && accepts(accepted, m.method))
                    out.push_back(MethodChoice{ChoiceKind::saved_card, m.id, BankScheme::ach});
        out.push_back(MethodChoice{ChoiceKind::new_card, "", BankScheme::ach});
    }
    for (BankScheme scheme : {BankScheme::ach, BankScheme::pad, BankScheme::sepa}) {
        if (!accepts(accepted, MethodType::bank_debit, scheme)) continue;
        // No mandate text, no debit: the payer must see what they authorise.
        const bool has_text = std::any_of(s_.view->mandates.begin(), s_.view->mandates.end(),
                                          [&](const MandateText& m) { return m.scheme == scheme; });
        if (has_text) out.push_back(MethodChoice{ChoiceKind::bank_debit, "", scheme});
    }
    return out;
}

bool Checkout::offers_save_method() const {
    // A saved card is already in the wallet; a new method only when the
    // product rule lets a client keep its kind.
    return s_.view && s_.view->can_save_method && s_.method &&
           s_.method->kind != ChoiceKind::saved_card && can_save(method_type(*s_.method));
}

std::string Checkout::form_focus(std::string_view named) const {
    // A saved card has no inputs; a field the chosen form does not have
    // (a card's "exp" after a bank decline) means its first input.
    if (!s_.method || s_.method->kind == ChoiceKind::saved_card) return {};
    const std::span<const std::string_view> fields = form_fields(method_type(*s_.method), s_.method->scheme);
    if (std::find(fields.begin(), fields.end(), named) != fields.end()) return std::string(named);
    return std::string(fields.front());
}

const MandateText* Checkout::mandate() const {
    if (!s_.view || !s_.method || s_.method->kind != ChoiceKind::bank_debit) return nullptr;
    for (const MandateText& m : s_.view->mandates)
        if (m.scheme == s_.method->scheme) return &m;
    return nullptr;
}

bool Checkout::partial_available() const { return s_.view && s_.view->options.partial_allowed; }

bool Checkout::is_locked() const {
    return s_.stage == Stage::submitting ||
           (s_.stage == Stage::failed &&
            (s_.failure == FailureKind::no_response || s_.failure == FailureKind::not_processed));
}

bool Checkout::on_form() const {
    return s_.stage == Stage::details || s_.stage == Stage::declined || (s_.stage == Stage::failed && !is_locked());
}

bool Checkout::can_submit() const {
    return on_form() && s_.view && s_.method && s_.details_valid && !s_.amount_error && s_.amount > 0 &&
           s_.amount <= s_.view->invoice.balance;
}

std::string Checkout::submit_hint(std::string_view locale) const {
    if (!on_form() || !s_.view || !s_.method || can_submit()) return "";
    if (s_.amount_error) return error_text(locale, s_.amount_error);
    if (s_.method->kind == ChoiceKind::saved_card) return "";
    return details_blocker(s_.details, s_.details_error, locale);
}

bool Checkout::can_retry() const {
    switch (s_.stage) {
        case Stage::load_failed:
        case Stage::declined: return true;
        case Stage::failed:
            return s_.failure == FailureKind::no_response ||
                   s_.failure == FailureKind::not_processed ||
                   (s_.failure == FailureKind::processing_error && can_submit());
        default: return false;
    }
}

bool Checkout::can_go_back() const {
    switch (s_.stage) {
        case Stage::amount:
        case Stage::method:
        case Stage::details:
        case Stage::declined: return true;
        case Stage::failed: return !is_locked();
        default: return false;
    }
}

bool Checkout::can_pay_remainder() const {
    return s_.stage == Stage::succeeded && s_.result && s_.result->invoice.balance > 0 &&
           s_.result->invoice.payments_left > 0 && s_.result->invoice.status != InvoiceStatus::void_;
}

}  // namespace pw
