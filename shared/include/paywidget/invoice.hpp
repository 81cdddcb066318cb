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

// processing: nothing more is due, but some of what covers the balance is a
// bank debit the bank has not settled yet (paywidget/bank_settlement.hpp);
// it becomes paid when the debit settles, and open / partially_paid again
// if the bank returns it.
enum class InvoiceStatus { open, partially_paid, processing, paid, void_ };
// "open", "partially_paid", "processing", "paid", "void"
std::string_view status_id(InvoiceStatus s);

enum class BankScheme { ach, pad, sepa };
std::string_view scheme_id(BankScheme s);  // "ach", "pad", "sepa"

struct Contact {
    std::string name;
    std::string email;
    std::string phone;  // may be empty

    friend bool operator==(const Contact&, const Contact&) = default;
};

// The rules a contact on an invoice follows (name, email and phone lengths
// and characters), for a contact edited on its own (the practice's profile
// in the console). Errors name the member ("name", "email", "phone").
Error check_contact(const Contact& c);

struct LineItem {
    std::string description;
    std::int64_t quantity = 1;     // whole units, 1..10000
    std::int64_t unit_amount = 0;  // minor units, >= 0
    std::int64_t tax = 0;          // tax on this line, minor units, >= 0

    friend bool operator==(const LineItem&, const LineItem&) = default;
};

struct AppliedPayment {
    std::string id;
    std::int64_t amount = 0;  // > 0
    Date date;
    std::string method;       // display label, e.g. "Visa •••• 4242" (pw::method_label)
    bool processing = false;  // a bank debit submitted, not yet settled: reserved, not paid

    friend bool operator==(const AppliedPayment&, const AppliedPayment&) = default;
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

    friend bool operator==(const PartialPaymentPolicy&, const PartialPaymentPolicy&) = default;
};

struct AcceptedMethods {
    bool card = true;
    std::vector<BankScheme> bank_debit;  // empty: no bank debit

    friend bool operator==(const AcceptedMethods&, const AcceptedMethods&) = default;
};

// A display-only exchange rate: 1 unit of the invoice currency is worth
// `rate` units of the settlement currency. Stored exactly as a decimal with
// up to 9 fractional digits (JSON: a string such as "0.7321").
struct FxRate {
    std::int64_t rate_nano = 0;  // rate * 10^9, > 0

    friend bool operator==(const FxRate&, const FxRate&) = default;
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
    std::int64_t amount_paid = 0;        // sum of the settled payments (not processing)
    std::int64_t amount_processing = 0;  // sum of the processing payments: reserved, not paid
    std::int64_t refunded = 0;           // credits from refunds; never reopen the balance
    std::int64_t balance = 0;            // total - amount_paid - amount_processing: due now
    InvoiceStatus status = InvoiceStatus::open;
    PartialPaymentPolicy partial;
    AcceptedMethods accepted;
    std::string settlement_currency;  // empty: same as currency
    std::optional<FxRate> fx_rate;    // display only

    friend bool operator==(const Invoice&, const Invoice&) = default;
};

// JSON shape (snake_case; every key shown is required unless marked
// "optional"; unknown keys are rejected; amounts are JSON integers in minor
// units, 0..kMaxAmountMinor; strings are counted in characters):
//   {
//     "id": "inv_123",                       1..128 chars
//     "number": "INV-0042",                  1..64 chars
//     "currency": "USD",                     payable ISO 4217 code
//     "issue_date": "2024-03-01",            YYYY-MM-DD
//     "due_date": "2024-03-31",              not before issue_date
//     "practitioner": {"name": "...", "email": "...", "phone": ""},
//     "client":       {"name": "...", "email": "...", "phone": ""},
//                                            name 1..200, email 1..254, phone 0..64
//     "items": [{"description": "...",       1..1000 chars; 1..500 items
//                "quantity": 1,              1..10000
//                "unit_amount": 5000, "tax": 0}],
//     "subtotal": 5000,                      = sum of quantity * unit_amount
//     "tax": 0,                              = sum of item tax
//     "discount": 0,                         <= subtotal + tax
//     "total": 5000,                         = subtotal + tax - discount
//     "payments": [{"id": "pay_1", "amount": 2000,        0..100 payments, amount > 0
//                   "date": "2024-03-05", "method": "visa •••• 4242",
//                   "processing": false}],  optional (absent: false)
//     "amount_paid": 2000,                   = sum of the payments not processing
//     "amount_processing": 0,                = sum of the processing payments;
//                                            optional (absent: that sum), so
//                                            JSON written before it decodes
//     "refunded": 0,                         <= amount_paid
//     "balance": 3000,                       = total - amount_paid - amount_processing
//                                            (amount_paid + amount_processing <= total)
//     "status": "partially_paid",            open | partially_paid | processing | paid | void;
//                                            void any balance, else when
//                                            balance = 0: processing iff
//                                            amount_processing > 0, else paid;
//                                            when balance > 0: partially_paid
//                                            iff amount_paid + amount_processing
//                                            > 0, else open
//     "partial_payments": {"enabled": true,
//                          "minimum": {"type": "fixed", "amount": 2500}
//                                   | {"type": "percent", "basis_points": 2500},
//                                     (optional when enabled is false)
//                          "max_payments": 2},               1..2
//     "accepted_methods": {"card": true, "bank_debit": ["ach"]},
//                                            ach | pad | sepa, no repeats;
//                                            at least one method
//     "settlement_currency": "CAD",          optional / null: same as currency
//     "fx_rate": "1.3512"                    optional / null; decimal string, up
//                                            to 9 decimals, > 0; only with a
//                                            settlement_currency that differs
//   }
// invoice_to_json writes every key (settlement_currency and fx_rate as null
// when absent) and invoice_from_json(invoice_to_json(x)) == x for every x
// that invoice_from_json produced.

// Strict decoding: wrong types, missing fields, unknown currencies, negative
// or huge numbers, inconsistent totals or status -> an Error naming the field
// ("items[1].unit_amount"). Never aborts, never throws (JSON_NOEXCEPTION).
// Error codes: those of json_read.hpp (wrong_type, missing_field,
// unknown_field, out_of_range, negative_amount, amount_too_large,
// string_too_long, empty_value, too_many_items, invalid_value, invalid_json,
// too_deeply_nested, duplicate_field, input_too_large) and
//   unknown_currency, currency_not_payable   currency, settlement_currency
//   invalid_date                             issue_date, due_date, payments[i].date
//   due_before_issue                         due_date
//   no_items                                 items
//   duplicate_value                          accepted_methods.bank_debit[i]
//   no_payment_method                        accepted_methods
//   invalid_fx_rate                          fx_rate (also when set without a
//                                            differing settlement_currency)
//   amount_overflow                          a total beyond kMaxAmountMinor
//   inconsistent_total                       subtotal, tax, total, amount_paid,
//                                            amount_processing, balance
//   discount_too_large, overpaid, refund_too_large   discount, amount_paid, refunded
//   inconsistent_status                      status
Result<Invoice> invoice_from_json(const nlohmann::json& j);
Result<Invoice> parse_invoice_json(std::string_view text);  // parse_json_strict + decode
nlohmann::json invoice_to_json(const Invoice& inv);

// Recomputes subtotal, tax, total, amount_paid, amount_processing, balance
// and status from the items and payments (status keeps void). Failures (field names the total):
// amount_overflow (a line or total beyond kMaxAmountMinor),
// discount_too_large (total would be negative), overpaid (payments exceed
// the total, settled and processing together).
Result<Invoice> recompute_totals(Invoice inv);

}  // namespace pw
