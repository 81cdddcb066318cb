// Partial-payment rules: see partial_plan.hpp. plan_payment is written in
// terms of plan_options so that what the UI offers and what the server
// accepts can never disagree.
#include "paywidget/partial_plan.hpp"
#include "paywidget/messages.hpp"

#include <algorithm>

#include "paywidget/money.hpp"

namespace pw {

namespace {

Result<Plan> refuse(std::string code, std::string_view message_id, MessageArgs args = {}) {
    return Result<Plan>::failure(catalogue_error(std::move(code), "amount", message_id, std::move(args)));
}

}  // namespace

PaymentProgress payment_progress(const Invoice& invoice) {
    return PaymentProgress{invoice.balance, static_cast<int>(std::min<std::size_t>(
                                             invoice.payments.size(), 1000))};
}

Result<PaymentProgress> with_reservations(PaymentProgress state, std::span<const std::int64_t> pending) {
    using R = Result<PaymentProgress>;
    for (std::int64_t amount : pending) {
        if (amount <= 0) {
            return R::failure("invalid_amount", "amount", "A reserved amount must be positive.");
        }
        if (amount > state.balance) {
            return R::failure("above_balance", "amount",
                              "The reserved payments exceed the balance due.");
        }
        state.balance -= amount;
        ++state.payments_made;
    }
    return R::success(state);
}

std::int64_t minimum_partial(const PartialPaymentPolicy& policy, std::int64_t balance) {
    std::int64_t m = 0;
    if (policy.minimum_kind == MinimumKind::fixed) {
        m = policy.minimum_amount;
    } else if (balance > 0) {
        // ceil(balance * bps / 10000) in __int128: no overflow for any int64.
        const __int128 product = static_cast<__int128>(balance) * policy.minimum_bps;
        m = static_cast<std::int64_t>((product + 9999) / 10000);
    }
    return std::max<std::int64_t>(m, 1);
}

PlanOptions plan_options(const Invoice& invoice, const PaymentProgress& state) {
    PlanOptions o;
    o.currency = invoice.currency;
    o.balance = state.balance;
    o.payments_left = std::max(0, invoice.partial.max_payments - state.payments_made);
    if (invoice.status == InvoiceStatus::void_) {
        o.not_payable_reason = "invoice_void";
        return o;
    }
    if (state.balance <= 0) {
        o.not_payable_reason = "invoice_paid";
        return o;
    }
    o.payable = true;
    const std::int64_t minimum = minimum_partial(invoice.partial, state.balance);
    const std::int64_t maximum = state.balance - 1;
    if (!invoice.partial.enabled) {
        o.full_only_reason = "partial_not_allowed";
    } else if (o.payments_left < 2) {
        o.full_only_reason = "must_pay_balance";
    } else if (minimum > maximum) {
        o.full_only_reason = "balance_below_minimum";
    }
    if (!o.full_only_reason.empty()) {
        o.full_only = true;
        o.minimum = state.balance;
        return o;
    }
    o.partial_allowed = true;
    o.minimum = minimum;
    o.maximum_partial = maximum;
    return o;
}

PlanOptions plan_options(const Invoice& invoice) {
    return plan_options(invoice, payment_progress(invoice));
}

std::string_view plan_kind_id(PlanKind k) { return k == PlanKind::partial ? "partial" : "full"; }

Result<Plan> plan_payment(const Invoice& invoice, const PaymentProgress& state, std::int64_t amount) {
    const PlanOptions o = plan_options(invoice, state);
    const std::string& cur = invoice.currency;
    if (o.not_payable_reason == "invoice_void") {
        return refuse("invoice_void", "partial.invoice_void");
    }
    if (!o.payable) return refuse("invoice_paid", "partial.invoice_paid");
    if (amount <= 0) return refuse("invalid_amount", "partial.not_positive");
    if (amount > o.balance) {
        return refuse("above_balance", "partial.above_balance", {{"balance", format_money_code(o.balance, cur)}});
    }
    if (amount == o.balance) return Result<Plan>::success(Plan{PlanKind::full, amount, 0});
    const MessageArgs balance = {{"balance", format_money_code(o.balance, cur)}};
    if (o.full_only_reason == "partial_not_allowed") {
        return refuse("partial_not_allowed", "partial.not_allowed", balance);
    }
    if (o.full_only_reason == "must_pay_balance") {
        return refuse("must_pay_balance", "partial.last_payment", balance);
    }
    if (o.full_only_reason == "balance_below_minimum") {
        return refuse("balance_below_minimum", "partial.balance_below_minimum", balance);
    }
    if (amount < o.minimum) {
        return refuse("below_minimum", "partial.below_minimum", {{"minimum", format_money_code(o.minimum, cur)}});
    }
    return Result<Plan>::success(Plan{PlanKind::partial, amount, o.balance - amount});
}

Result<Plan> plan_payment(const Invoice& invoice, std::int64_t amount) {
    return plan_payment(invoice, payment_progress(invoice), amount);
}

}  // namespace pw
