// The invoice as the payer sees it, and its strict JSON codec.
//
// Every amount is in minor units of `currency`. The totals are stored AND
// re-derived: decoding rejects an invoice whose totals do not add up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paywidget/date.hpp"
#include "paywidget/result.hpp"

namespace pw {

enum class InvoiceStatus { open, partially_paid, paid, void_ };
std::string_view status_id(InvoiceStatus s);  // "open", "partially_paid", "paid", "void"

enum class BankScheme { ach, pad, sepa };
std::string_view scheme_id(BankScheme s);  // "ach", "pad", "sepa"

struct Contact {
    std::string name;
    std::string email;
    std::string phone;  // may be empty
};

struct LineItem {
    std::string description;
    std::int64_t quantity = 1;     // whole units, 1..10000
    std::int64_t unit_amount = 0;  // minor units, >= 0
    std::int64_t tax = 0;          // tax on this line, minor units, >= 0
};

struct AppliedPayment {
    std::string id;
    std::int64_t amount = 0;  // > 0
    Date date;
    std::string method;       // display label, e.g. "visa •••• 4242"
};

enum class MinimumKind { fixed, percent };

// Partial payments: at most `max_payments` (always 2) payments per invoice;
// a partial payment must be at least the minimum, a fixed amount or a
// percentage (basis points) of the balance due, rounded up to the minor unit.
struct PartialPaymentPolicy {
    bool enabled = false;
    MinimumKind minimum_kind = MinimumKind::percent;
    std::int64_t minimum_amount = 0;  // when fixed, minor units
    std::int64_t minimum_bps = 0;     // when percent, 1..10000
    int max_payments = 2;
};

struct AcceptedMethods {
    bool card = true;
    std::vector<BankScheme> bank_debit;  // empty: no bank debit
};

// A display-only exchange rate: 1 unit of the invoice currency is worth
// `rate` units of the settlement currency. Stored exactly as a decimal with
// up to 9 fractional digits (JSON: a string such as "0.7321").
struct FxRate {
    std::int64_t rate_nano = 0;  // rate * 10^9, > 0
};

struct Invoice {
    std::string id;
    std::string number;  // "INV-0042"
    std::string currency;
    Date issue_date;
    Date due_date;
    Contact practitioner;
    Contact client;
    std::vector<LineItem> items;
    std::int64_t subtotal = 0;  // sum of quantity * unit_amount
    std::int64_t tax = 0;       // sum of line tax
    std::int64_t discount = 0;  // <= subtotal + tax
    std::int64_t total = 0;     // subtotal + tax - discount
    std::vector<AppliedPayment> payments;
    std::int64_t amount_paid = 0;  // sum of payments
    std::int64_t refunded = 0;     // credits from refunds; never reopen the balance
    std::int64_t balance = 0;      // total - amount_paid
    InvoiceStatus status = InvoiceStatus::open;
    PartialPaymentPolicy partial;
    AcceptedMethods accepted;
    std::string settlement_currency;  // empty: same as currency
    std::optional<FxRate> fx_rate;    // display only
};

// Strict decoding: wrong types, missing fields, unknown currencies, negative
// or huge numbers, inconsistent totals or status -> an Error naming the field
// ("items[1].unit_amount"). Never aborts, never throws (JSON_NOEXCEPTION).
Result<Invoice> invoice_from_json(const nlohmann::json& j);
Result<Invoice> parse_invoice_json(std::string_view text);  // parse + decode
nlohmann::json invoice_to_json(const Invoice& inv);

// Recomputes subtotal, tax, total, amount_paid, balance and status from the
// items and payments (status keeps void). Failure: amount_overflow.
Result<Invoice> recompute_totals(Invoice inv);

}  // namespace pw
