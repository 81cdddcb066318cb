// Checkout transitions: see checkout.hpp for the stages and the idempotency
// rules. Every handler checks the stage first and returns {} for events that
// do not apply, which is what makes double clicks and stale responses
// harmless.
#include "paywidget/checkout.hpp"

#include <algorithm>
#include <utility>

#include "paywidget/decline.hpp"
#include "paywidget/messages.hpp"
#include "paywidget/partial_plan.hpp"
#include "paywidget/payment_details.hpp"

namespace pw {

std::string_view stage_id(Stage s) {
    switch (s) {
        case Stage::loading: return "loading";
        case Stage::load_failed: return "load_failed";
        case Stage::link_expired: return "link_expired";
        case Stage::link_revoked: return "link_revoked";
        case Stage::link_unknown: return "link_unknown";
        case Stage::login_required: return "login_required";
        case Stage::nothing_due: return "nothing_due";
        case Stage::review: return "review";
        case Stage::amount: return "amount";
        case Stage::method: return "method";
        case Stage::details: return "details";
        case Stage::submitting: return "submitting";
        case Stage::succeeded: return "succeeded";
        case Stage::declined: return "declined";
        case Stage::failed: return "failed";
    }
    return "loading";
}

MethodType method_type(const MethodChoice& c) {
    return c.kind == ChoiceKind::bank_debit ? MethodType::bank_debit : MethodType::card;
}

Checkout::Checkout(KeySource keys) : keys_(std::move(keys)) {}

std::vector<Effect> Checkout::start() { return begin_loading(); }

std::vector<Effect> Checkout::dispatch(const Event& e) {
    return std::visit([this](const auto& event) { return on(event); }, e);
}

std::string Checkout::money_text(std::int64_t minor) const {
    return format_money_code(minor, s_.view ? s_.view->invoice.currency : std::string());
}

// ------------------------------------------------------------------ loading

std::vector<Effect> Checkout::begin_loading() {
    // A fresh start forgets everything except the payer's typed details when
    // the checkout had not succeeded (a reload after a failure keeps them).
    CheckoutState next;
    if (s_.stage != Stage::succeeded) {
        next.details = s_.details;
        next.details_valid = s_.details_valid;
    }
    s_ = std::move(next);
    return {effect::FetchView{}};
}

std::vector<Effect> Checkout::on(const ev::Reload&) {
    // Never while a request may be in flight: its answer must land first.
    if (s_.stage == Stage::submitting) return {};
    return begin_loading();
}

std::vector<Effect> Checkout::on(const ev::Loaded& e) {
    if (s_.stage != Stage::loading) return {};
    s_.view = e.view;
    // The widget enforces the server's rule too: no wallet through a link.
    if (s_.view->session == SessionKind::link) {
        s_.view->saved_methods.clear();
        s_.view->can_save_method = false;
    }
    const Invoice& inv = s_.view->invoice;
    const bool due = s_.view->payable && inv.balance > 0 && inv.status != InvoiceStatus::paid &&
                     inv.status != InvoiceStatus::void_;
    s_.amount = inv.balance;
    s_.pay_full = true;
    if (!due) {
        s_.stage = Stage::nothing_due;
        return {effect::Announce{text(locale_, "error.invoice_not_payable")}};
    }
    s_.stage = Stage::review;
    return {};
}

std::vector<Effect> Checkout::on_link_error(const ApiError& e, bool* handled) {
    *handled = true;
    if (e.code == "link_expired") s_.stage = Stage::link_expired;
    else if (e.code == "link_revoked") s_.stage = Stage::link_revoked;
    else if (e.code == "link_unknown") s_.stage = Stage::link_unknown;
    else if (e.code == "login_required") s_.stage = Stage::login_required;
    else {
        *handled = false;
        return {};
    }
    s_.load_error = e;
    s_.details = TokenRequest{};  // the checkout is over: drop card data
    return {effect::Announce{say(e)}};
}

std::vector<Effect> Checkout::on(const ev::LoadFailed& e) {
    if (s_.stage != Stage::loading) return {};
    bool handled = false;
    std::vector<Effect> out = on_link_error(e.error, &handled);
    if (handled) return out;
    s_.stage = Stage::load_failed;
    s_.load_error = e.error;
    return {effect::Announce{say(e.error)}};
}

// ------------------------------------------------------------------ amount

std::vector<Effect> Checkout::on(const ev::Continue&) {
    if (s_.stage == Stage::review) {
        if (partial_available()) {
            s_.stage = Stage::amount;
            return {effect::Focus{"amount"}};
        }
        s_.pay_full = true;
        s_.amount = s_.view->invoice.balance;
        s_.remaining_after = 0;
        return go_to_method();
    }
    if (s_.stage == Stage::amount) {
        if (!s_.pay_full && s_.amount_text.empty() && !s_.amount_error)
            s_.amount_error = catalogue_error("empty_amount", "amount", "amount.required_now");
        if (s_.amount_error)
            return {effect::Announce{say(s_.amount_error)}, effect::Focus{"amount"}};
        return go_to_method();
    }
    return {};
}

std::vector<Effect> Checkout::on(const ev::ChooseFull&) {
    if (s_.stage != Stage::amount) return {};
    s_.pay_full = true;
    s_.amount = s_.view->invoice.balance;
    s_.remaining_after = 0;
    s_.amount_error = Error{};
    return {};
}

std::vector<Effect> Checkout::on(const ev::ChoosePartial& e) {
    if (s_.stage != Stage::amount) return {};
    s_.pay_full = false;
    s_.amount_text = e.text;
    s_.amount_error = Error{};
    s_.amount = 0;
    s_.remaining_after = 0;
    const Invoice& inv = s_.view->invoice;
    Result<std::int64_t> typed = parse_amount(e.text, inv.currency, e.separators);
    if (!typed.ok()) {
        s_.amount_error = typed.error;
        s_.amount_error.field = "amount";
        return {};
    }
    // Plan against the server's count of payments (it includes reservations
    // the invoice's payment list does not show yet).
    const int left = std::clamp(s_.view->options.payments_left, 0, inv.partial.max_payments);
    const PaymentProgress state{inv.balance, inv.partial.max_payments - left};
    Result<Plan> plan = plan_payment(inv, state, typed.value);
    if (!plan.ok()) {
        s_.amount_error = plan.error;
        return {};
    }
    s_.amount = plan.value.amount;
    s_.remaining_after = plan.value.remaining_after;
    return {};
}

// ------------------------------------------------------------------ method

std::vector<Effect> Checkout::go_to_method() {
    const std::vector<MethodChoice> options = method_options();
    if (options.size() == 1) {
        s_.method_skipped = true;
        s_.stage = Stage::method;  // so that ChooseMethod applies
        return on(ev::ChooseMethod{options.front()});
    }
    s_.method_skipped = false;
    s_.stage = Stage::method;
    return {};
}

std::vector<Effect> Checkout::on(const ev::ChooseMethod& e) {
    if (s_.stage != Stage::method && s_.stage != Stage::details && s_.stage != Stage::declined)
        return {};
    const std::vector<MethodChoice> options = method_options();
    if (std::find(options.begin(), options.end(), e.choice) == options.end()) return {};
    const bool changed = !s_.method || !(*s_.method == e.choice);
    s_.method = e.choice;
    if (e.choice.kind != ChoiceKind::new_card) s_.save_method = false;
    if (changed && e.choice.kind != ChoiceKind::saved_card) {
        // Keep what was typed only when it fits the new method.
        const MethodType want = method_type(e.choice);
        if (s_.details.type != want ||
            (want == MethodType::bank_debit && s_.details.bank.scheme != e.choice.scheme)) {
            s_.details = TokenRequest{};
            s_.details.type = want;
            s_.details.bank.scheme = e.choice.scheme;
        }
    }
    if (changed) judge_details();
    s_.stage = Stage::details;
    if (e.choice.kind == ChoiceKind::saved_card) return {};
    return {effect::Focus{form_focus("")}};
}

void Checkout::judge_details() {
    if (!s_.view || !s_.method) {
        s_.details_valid = false;
        return;
    }
    s_.details_error = s_.method->kind == ChoiceKind::saved_card ? Error{} : validate_details(s_.details, s_.view->today);
    s_.details_valid = !s_.details_error;
}

std::vector<Effect> Checkout::on(const ev::SetSaveMethod& e) {
    if (s_.stage != Stage::details && s_.stage != Stage::declined) return {};
    s_.save_method = offers_save_method() && e.save;
    return {};
}

std::vector<Effect> Checkout::on(const ev::DetailsChanged& e) {
    if (!on_form() || !s_.method || s_.method->kind == ChoiceKind::saved_card) return {};
    s_.details = e.details;
    // The type and scheme follow the chosen method, and the mandate names the
    // text version this widget showed, whatever the UI put there.
    s_.details.type = method_type(*s_.method);
    if (s_.details.type == MethodType::bank_debit) {
        s_.details.bank.scheme = s_.method->scheme;
        const MandateText* m = mandate();
        s_.details.mandate.text_version = m ? m->version : std::string();
    }
    judge_details();
    return {};
}

std::string Checkout::say(const ApiError& e) const { return api_error_text(locale_, e.code, e.message); }

std::string Checkout::say(const Error& e) const {
    return e.message_id.empty() ? api_error_text(locale_, e.code, e.message) : error_text(locale_, e);
}

}  // namespace pw
