// Invoice ids, totals and JSON encoding. Decoding lives in invoice_decode.cpp.
#include "paywidget/invoice.hpp"

#include "invoice_totals.hpp"
#include "paywidget/fx.hpp"
#include "paywidget/money.hpp"

namespace pw {

std::string_view status_id(InvoiceStatus s) {
    switch (s) {
        case InvoiceStatus::open: return "open";
        case InvoiceStatus::partially_paid: return "partially_paid";
        case InvoiceStatus::processing: return "processing";
        case InvoiceStatus::paid: return "paid";
        case InvoiceStatus::void_: return "void";
    }
    return "open";
}

std::string_view scheme_id(BankScheme s) {
    switch (s) {
        case BankScheme::ach: return "ach";
        case BankScheme::pad: return "pad";
        case BankScheme::sepa: return "sepa";
    }
    return "ach";
}

namespace detail {

namespace {

// Sums run in __int128 and stop at kMaxAmountMinor, so no input can wrap.
bool in_range(__int128 v) { return v >= 0 && v <= kMaxAmountMinor; }

Error overflow(std::string field) {
    return make_error("amount_overflow", field,
                      "The amount in " + field + " is larger than the largest amount accepted.");
}

// verify: compare the stated value; otherwise overwrite it.
Error settle(std::int64_t& stated, std::int64_t derived, bool verify, const char* field,
             const std::string& what, const std::string& currency) {
    if (!verify) {
        stated = derived;
    } else if (stated != derived) {
        return make_error("inconsistent_total", field,
                          std::string(field) + " is " + format_money_code(stated, currency) + " but " +
                              what + " " + format_money_code(derived, currency) + ".");
    }
    return {};
}

// A balance covered only in part by settled money is not paid: while a
// bank debit is processing the invoice reads "processing" (nothing due,
// not yet paid), and a balance still due reads partially_paid whenever
// anything, settled or processing, is applied.
InvoiceStatus derived_status(const Invoice& inv) {
    if (inv.status == InvoiceStatus::void_) return InvoiceStatus::void_;
    if (inv.balance == 0) return inv.amount_processing > 0 ? InvoiceStatus::processing : InvoiceStatus::paid;
    return inv.amount_paid + inv.amount_processing > 0 ? InvoiceStatus::partially_paid : InvoiceStatus::open;
}

}  // namespace

Error settle_totals(Invoice& inv, bool verify) {
    __int128 subtotal = 0;
    __int128 tax = 0;
    for (std::size_t i = 0; i < inv.items.size(); ++i) {
        const LineItem& it = inv.items[i];
        const __int128 line = static_cast<__int128>(it.quantity) * it.unit_amount;
        const std::string field = "items[" + std::to_string(i) + "]";
        if (!in_range(line) || !in_range(it.tax)) return overflow(field);
        subtotal += line;
        tax += it.tax;
        if (!in_range(subtotal)) return overflow("subtotal");
        if (!in_range(tax)) return overflow("tax");
    }
    const std::string& cur = inv.currency;
    if (Error e = settle(inv.subtotal, static_cast<std::int64_t>(subtotal), verify, "subtotal",
                         "the line items add up to", cur)) {
        return e;
    }
    if (Error e = settle(inv.tax, static_cast<std::int64_t>(tax), verify, "tax",
                         "the line items' tax adds up to", cur)) {
        return e;
    }
    if (!in_range(inv.discount)) return overflow("discount");
    if (inv.discount > inv.subtotal + inv.tax) {
        return make_error("discount_too_large", "discount",
                          "The discount is larger than the subtotal plus tax.");
    }
    const std::int64_t total = inv.subtotal + inv.tax - inv.discount;
    if (!in_range(total)) return overflow("total");
    if (Error e = settle(inv.total, total, verify, "total", "subtotal + tax - discount is", cur)) {
        return e;
    }
    __int128 paid = 0;
    __int128 processing = 0;
    for (std::size_t i = 0; i < inv.payments.size(); ++i) {
        (inv.payments[i].processing ? processing : paid) += inv.payments[i].amount;
        if (!in_range(inv.payments[i].amount) || !in_range(paid + processing)) {
            return overflow("payments[" + std::to_string(i) + "].amount");
        }
    }
    if (Error e = settle(inv.amount_paid, static_cast<std::int64_t>(paid), verify, "amount_paid",
                         "the settled payments add up to", cur)) {
        return e;
    }
    if (Error e = settle(inv.amount_processing, static_cast<std::int64_t>(processing), verify,
                         "amount_processing", "the processing payments add up to", cur)) {
        return e;
    }
    // A processing debit reserves its amount: settled and processing
    // together may not exceed the total, so no second payer overpays.
    if (inv.amount_paid + inv.amount_processing > inv.total) {
        return make_error("overpaid", "amount_paid",
                          "The payments add up to more than the invoice total.");
    }
    if (inv.refunded < 0 || inv.refunded > inv.amount_paid) {
        return make_error("refund_too_large", "refunded",
                          "The refunded amount must be between zero and the amount paid.");
    }
    if (Error e = settle(inv.balance, inv.total - inv.amount_paid - inv.amount_processing, verify,
                         "balance", "total - amount_paid - amount_processing is", cur)) {
        return e;
    }
    const InvoiceStatus status = derived_status(inv);
    if (!verify) {
        inv.status = status;
    } else if (inv.status != status) {
        return make_error("inconsistent_status", "status",
                          "status is " + std::string(status_id(inv.status)) +
                              " but the balance and payments make it " +
                              std::string(status_id(status)) + ".");
    }
    return {};
}

}  // namespace detail

Result<Invoice> recompute_totals(Invoice inv) {
    if (Error e = detail::settle_totals(inv, false)) return Result<Invoice>::failure(std::move(e));
    return Result<Invoice>::success(std::move(inv));
}

namespace {

nlohmann::json contact_json(const Contact& c) {
    return {{"name", c.name}, {"email", c.email}, {"phone", c.phone}};
}

}  // namespace

nlohmann::json invoice_to_json(const Invoice& inv) {
    using nlohmann::json;
    json items = json::array();
    for (const LineItem& it : inv.items) {
        items.push_back({{"description", it.description},
                         {"quantity", it.quantity},
                         {"unit_amount", it.unit_amount},
                         {"tax", it.tax}});
    }
    json payments = json::array();
    for (const AppliedPayment& p : inv.payments) {
        payments.push_back({{"id", p.id},
                            {"amount", p.amount},
                            {"date", format_iso_date(p.date)},
                            {"method", p.method},
                            {"processing", p.processing}});
    }
    json minimum = inv.partial.minimum_kind == MinimumKind::fixed
                       ? json{{"type", "fixed"}, {"amount", inv.partial.minimum_amount}}
                       : json{{"type", "percent"}, {"basis_points", inv.partial.minimum_bps}};
    json schemes = json::array();
    for (BankScheme s : inv.accepted.bank_debit) schemes.push_back(std::string(scheme_id(s)));

    json j = json::object();
    j["id"] = inv.id;
    j["number"] = inv.number;
    j["currency"] = inv.currency;
    j["issue_date"] = format_iso_date(inv.issue_date);
    j["due_date"] = format_iso_date(inv.due_date);
    j["practitioner"] = contact_json(inv.practitioner);
    j["client"] = contact_json(inv.client);
    j["items"] = std::move(items);
    j["subtotal"] = inv.subtotal;
    j["tax"] = inv.tax;
    j["discount"] = inv.discount;
    j["total"] = inv.total;
    j["payments"] = std::move(payments);
    j["amount_paid"] = inv.amount_paid;
    j["amount_processing"] = inv.amount_processing;
    j["refunded"] = inv.refunded;
    j["balance"] = inv.balance;
    j["status"] = std::string(status_id(inv.status));
    j["partial_payments"] = {{"enabled", inv.partial.enabled},
                             {"minimum", std::move(minimum)},
                             {"max_payments", inv.partial.max_payments}};
    j["accepted_methods"] = {{"card", inv.accepted.card}, {"bank_debit", std::move(schemes)}};
    j["settlement_currency"] =
        inv.settlement_currency.empty() ? json(nullptr) : json(inv.settlement_currency);
    j["fx_rate"] = inv.fx_rate ? json(format_fx_rate(*inv.fx_rate)) : json(nullptr);
    return j;
}

}  // namespace pw
