// Partial-payment rules: what amount may a payer pay now?
//
// The rules (the team design notes, ../shared/design.md: "Inside the widget" and "Rules the server enforces"):
//   - a payment is either FULL (clears the balance) or PARTIAL (leaves some);
//   - partial payments need the invoice's policy enabled;
//   - at most `max_payments` (2) payments per invoice, so the last allowed
//     payment must clear the balance;
//   - a partial payment is at least the minimum: a fixed amount, or a
//     percentage (basis points) of the balance due rounded UP to the minor
//     unit (25% of 100.01 = 25.01, never 25.00);
//   - the largest partial payment is balance - 1 minor unit: a partial
//     payment by definition leaves something, and the smallest remainder is
//     one minor unit (the final payment has no minimum, so any remainder
//     can be cleared);
//   - when the minimum exceeds that largest partial (the balance is at or
//     below the minimum), the balance is payable in full only.
// An invoice whose allowed payments are already used up can still be
// cleared in full, so it can never get stuck with an unpayable balance.
//
// Plans are made against a PaymentProgress, not the stored invoice alone, so
// the server can count payments it has reserved but not yet settled: two
// payers racing on one invoice see each other's reservations.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "paywidget/invoice.hpp"
#include "paywidget/result.hpp"

namespace pw {

// What is still owed and how many payments have been used.
struct PaymentProgress {
    std::int64_t balance = 0;  // minor units still due
    int payments_made = 0;     // applied + reserved payments
};

// The invoice's own state: its balance and its applied payments.
PaymentProgress payment_progress(const Invoice& invoice);

// The state after reservations that are in flight (each a positive amount):
// they lower the balance and use up payments.
// Errors: invalid_amount (a reservation <= 0), above_balance (the
// reservations exceed the balance).
Result<PaymentProgress> with_reservations(PaymentProgress state, std::span<const std::int64_t> pending);

// The smallest partial payment the policy allows against `balance`: the
// fixed amount, or ceil(balance * basis_points / 10000); at least 1.
std::int64_t minimum_partial(const PartialPaymentPolicy& policy, std::int64_t balance);

// What a UI needs to offer an amount.
struct PlanOptions {
    std::string currency;
    std::int64_t balance = 0;
    int payments_left = 0;            // max_payments - payments_made, not below 0
    bool payable = false;             // false: paid or void, nothing to pay
    std::string not_payable_reason;   // "" | invoice_paid | invoice_void
    bool partial_allowed = false;     // a partial amount can be chosen now
    bool full_only = false;           // payable, but only the full balance
    std::string full_only_reason;     // "" | partial_not_allowed | must_pay_balance |
                                      //      balance_below_minimum
    std::int64_t minimum = 0;         // smallest amount accepted now (balance when
                                      // full only, 0 when not payable)
    std::int64_t maximum_partial = 0; // largest partial (balance - 1); 0 unless
                                      // partial_allowed
};

PlanOptions plan_options(const Invoice& invoice, const PaymentProgress& state);
PlanOptions plan_options(const Invoice& invoice);  // with payment_progress(invoice)

enum class PlanKind { full, partial };
std::string_view plan_kind_id(PlanKind k);  // "full", "partial"

struct Plan {
    PlanKind kind = PlanKind::full;
    std::int64_t amount = 0;
    std::int64_t remaining_after = 0;  // balance left once this payment settles
};

// Decides whether `amount` (minor units) may be paid now. Errors (field
// "amount", messages quote canonical amounts such as "25.00 USD"):
//   invoice_void, invoice_paid (nothing left to pay), invalid_amount (<= 0),
//   above_balance, partial_not_allowed (policy off), must_pay_balance (the
//   last allowed payment), balance_below_minimum (balance too small to
//   split), below_minimum.
Result<Plan> plan_payment(const Invoice& invoice, const PaymentProgress& state, std::int64_t amount);
Result<Plan> plan_payment(const Invoice& invoice, std::int64_t amount);

}  // namespace pw
