// Strict invoice decoding: the JSON shape and error codes are documented in
// invoice.hpp. Every read goes through JsonReader (json_read.hpp), which
// checks types before touching a value, so no input can reach nlohmann's
// aborting accessors.
#include <algorithm>

#include "invoice_totals.hpp"
#include "paywidget/fx.hpp"
#include "paywidget/invoice.hpp"
#include "paywidget/json_read.hpp"
#include "paywidget/money.hpp"

namespace pw {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxItems = 500;
constexpr std::size_t kMaxPayments = 100;
constexpr std::int64_t kMaxQuantity = 10000;

const StringRule kId{128, false};
const StringRule kNumber{64, false};
const StringRule kName{200, false};
const StringRule kEmail{254, false};
const StringRule kPhone{64, true};
const StringRule kDescription{1000, false};
const StringRule kMethodLabel{200, true};
const StringRule kCode{3, false};  // ISO 4217; the table check follows
const StringRule kDateText{10, false};

Date read_date(JsonReader& r, std::string_view key, Error& sink) {
    std::string text = r.string(key, kDateText);
    if (sink) return {};
    auto d = parse_iso_date(text, r.field(key));
    if (!d) {
        sink = d.error;
        return {};
    }
    return d.value;
}

// A payable ISO 4217 code (an invoice in XAU or XXX cannot be paid).
std::string check_currency(std::string code, const std::string& field, Error& sink) {
    if (sink) return {};
    const CurrencyInfo* c = find_currency(code);
    if (!c) {
        sink = make_error("unknown_currency", field,
                          field + " must be an ISO 4217 currency code such as USD.");
    } else if (!c->payable) {
        sink = make_error("currency_not_payable", field,
                          field + " " + code + " cannot be used for payments.");
    }
    return code;
}

// A contact's members and their rules (check_contact uses them too).
Contact read_contact_members(JsonReader& r) {
    Contact c;
    c.name = r.string("name", kName);
    c.email = r.string("email", kEmail);
    c.phone = r.string("phone", kPhone);
    r.finish();
    return c;
}

Contact read_contact(JsonReader& parent, std::string_view key, Error& sink) {
    const json* v = parent.object(key);
    if (!v) return Contact{};
    JsonReader r(*v, parent.field(key), sink);
    return read_contact_members(r);
}

void read_items(JsonReader& top, Invoice& inv, Error& sink) {
    const json* items = top.array("items", kMaxItems);
    if (!items) return;
    if (items->empty()) {
        top.fail("no_items", "items", "The invoice must have at least one line item.");
        return;
    }
    for (std::size_t i = 0; i < items->size() && !sink; ++i) {
        JsonReader r((*items)[i], index_path("items", i), sink);
        LineItem it;
        it.description = r.string("description", kDescription);
        it.quantity = r.integer("quantity", 1, kMaxQuantity);
        it.unit_amount = r.amount("unit_amount");
        it.tax = r.amount("tax");
        r.finish();
        inv.items.push_back(std::move(it));
    }
}

// Saturates instead of wrapping; settle_totals reports the overflow.
std::int64_t processing_sum(const std::vector<AppliedPayment>& payments) {
    std::int64_t sum = 0;
    for (const AppliedPayment& p : payments) {
        if (p.processing) sum = p.amount > kMaxAmountMinor - sum ? kMaxAmountMinor : sum + p.amount;
    }
    return sum;
}

void read_payments(JsonReader& top, Invoice& inv, Error& sink) {
    const json* payments = top.array("payments", kMaxPayments);
    if (!payments) return;
    for (std::size_t i = 0; i < payments->size() && !sink; ++i) {
        JsonReader r((*payments)[i], index_path("payments", i), sink);
        AppliedPayment p;
        p.id = r.string("id", kId);
        p.amount = r.amount("amount", 1);
        p.date = read_date(r, "date", sink);
        p.method = r.string("method", kMethodLabel);
        p.processing = r.optional_boolean("processing").value_or(false);
        r.finish();
        inv.payments.push_back(std::move(p));
    }
}

void read_partial(JsonReader& top, Invoice& inv, Error& sink) {
    const json* v = top.object("partial_payments");
    if (!v) return;
    JsonReader r(*v, "partial_payments", sink);
    PartialPaymentPolicy& p = inv.partial;
    p.enabled = r.boolean("enabled");
    // An enabled policy needs a real minimum; a disabled one may keep a
    // zero (or omit it) since nothing reads it.
    const std::int64_t least = p.enabled ? 1 : 0;
    const json* m = p.enabled ? r.object("minimum") : r.optional_object("minimum");
    if (m) {
        JsonReader mr(*m, r.field("minimum"), sink);
        const std::size_t kind = mr.enumeration("type", {"fixed", "percent"});
        if (!sink && kind == 0) {
            p.minimum_kind = MinimumKind::fixed;
            p.minimum_amount = mr.amount("amount", least);
        } else if (!sink) {
            p.minimum_kind = MinimumKind::percent;
            p.minimum_bps = mr.integer("basis_points", least, 10000);
        }
        mr.finish();
    }
    p.max_payments = static_cast<int>(r.integer("max_payments", 1, 2));
    r.finish();
}

void read_methods(JsonReader& top, Invoice& inv, Error& sink) {
    const json* v = top.object("accepted_methods");
    if (!v) return;
    JsonReader r(*v, "accepted_methods", sink);
    inv.accepted.card = r.boolean("card");
    if (const json* list = r.array("bank_debit", 3)) {
        for (std::size_t i = 0; i < list->size() && !sink; ++i) {
            const std::string path = index_path(r.field("bank_debit"), i);
            const auto s = static_cast<BankScheme>(read_enum((*list)[i], path, {"ach", "pad", "sepa"}, sink));
            if (sink) break;
            auto& seen = inv.accepted.bank_debit;
            if (std::find(seen.begin(), seen.end(), s) != seen.end()) {
                sink = make_error("duplicate_value", path, path + " repeats a bank debit scheme.");
                break;
            }
            seen.push_back(s);
        }
    }
    r.finish();
    if (!sink && !inv.accepted.card && inv.accepted.bank_debit.empty()) {
        sink = make_error("no_payment_method", "accepted_methods",
                          "The invoice must accept at least one payment method.");
    }
}

void read_fx(JsonReader& top, Invoice& inv, Error& sink) {
    if (auto code = top.optional_string("settlement_currency", kCode)) {
        inv.settlement_currency = check_currency(*code, "settlement_currency", sink);
    }
    auto rate_text = top.optional_string("fx_rate", StringRule{40, false});
    if (sink || !rate_text) return;
    auto rate = parse_fx_rate(*rate_text, "fx_rate");
    if (!rate) {
        sink = rate.error;
        return;
    }
    if (inv.settlement_currency.empty() || inv.settlement_currency == inv.currency) {
        sink = make_error("invalid_fx_rate", "fx_rate",
                          "An exchange rate needs a settlement_currency different from the "
                          "invoice currency.");
        return;
    }
    inv.fx_rate = rate.value;
}

}  // namespace

Result<Invoice> invoice_from_json(const json& j) {
    Error sink;
    Invoice inv;
    JsonReader top(j, "", sink);
    inv.id = top.string("id", kId);
    inv.number = top.string("number", kNumber);
    inv.currency = check_currency(top.string("currency", kCode), "currency", sink);
    inv.issue_date = read_date(top, "issue_date", sink);
    inv.due_date = read_date(top, "due_date", sink);
    if (!sink && inv.due_date < inv.issue_date) {
        sink = make_error("due_before_issue", "due_date",
                          "due_date must not be before issue_date.");
    }
    inv.practitioner = read_contact(top, "practitioner", sink);
    inv.client = read_contact(top, "client", sink);
    read_items(top, inv, sink);
    inv.subtotal = top.amount("subtotal");
    inv.tax = top.amount("tax");
    inv.discount = top.amount("discount");
    inv.total = top.amount("total");
    read_payments(top, inv, sink);
    inv.amount_paid = top.amount("amount_paid");
    // Absent in JSON written before processing debits were told apart
    // (stored definitions): then it is whatever the payments say.
    inv.amount_processing = top.has("amount_processing") ? top.amount("amount_processing")
                                                         : processing_sum(inv.payments);
    inv.refunded = top.amount("refunded");
    inv.balance = top.amount("balance");
    inv.status = static_cast<InvoiceStatus>(
        top.enumeration("status", {"open", "partially_paid", "processing", "paid", "void"}));
    read_partial(top, inv, sink);
    read_methods(top, inv, sink);
    read_fx(top, inv, sink);
    top.finish();
    if (!sink) sink = detail::settle_totals(inv, /*verify=*/true);
    if (sink) return Result<Invoice>::failure(std::move(sink));
    return Result<Invoice>::success(std::move(inv));
}

Result<Invoice> parse_invoice_json(std::string_view text) {
    auto parsed = parse_json_strict(text);
    if (!parsed) return Result<Invoice>::failure(std::move(parsed.error));
    return invoice_from_json(parsed.value);
}

Error check_contact(const Contact& c) {
    Error sink;
    const nlohmann::json value = {{"name", c.name}, {"email", c.email}, {"phone", c.phone}};
    JsonReader r(value, "", sink);
    (void)read_contact_members(r);
    return sink;
}

}  // namespace pw
