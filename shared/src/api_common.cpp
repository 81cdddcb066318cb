// Codec pieces shared by several API messages, plus the body parser and the
// error envelope. See paywidget/api.hpp.
#include <string>

#include "api_codec.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/money.hpp"

namespace pw {

namespace detail {

json null_if_empty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string optional_text(JsonReader& r, std::string_view key, const StringRule& rule) {
    std::optional<std::string> v = r.optional_string(key, rule);
    return v ? *v : std::string();
}

namespace {
bool two_digits(std::string_view s, std::size_t at, int lo, int hi, int& out) {
    if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
    out = (s[at] - '0') * 10 + (s[at + 1] - '0');
    return out >= lo && out <= hi;
}
}  // namespace

std::string read_timestamp(JsonReader& r, std::string_view key) {
    std::string s = r.string(key, StringRule{20, false});
    if (r.failed()) return s;
    int hh = 0, mm = 0, ss = 0;
    bool ok = s.size() == 20 && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z' &&
              parse_iso_date(std::string_view(s).substr(0, 10)).ok() &&
              two_digits(s, 11, 0, 23, hh) && two_digits(s, 14, 0, 59, mm) &&
              two_digits(s, 17, 0, 59, ss);
    if (!ok)
        r.fail("invalid_timestamp", key,
               "Use a UTC time such as 2025-01-31T12:00:00Z.");
    return s;
}

std::string optional_timestamp(JsonReader& r, std::string_view key) {
    return r.has(key) ? read_timestamp(r, key) : std::string();
}

std::string read_currency(JsonReader& r, std::string_view key) {
    std::string c = r.string(key, StringRule{3, false});
    if (r.failed()) return c;
    const CurrencyInfo* info = find_currency(c);
    if (!info || !info->payable)
        r.fail("invalid_currency", key, "Use a payable ISO 4217 currency code such as USD.");
    return c;
}

Date read_date(JsonReader& r, std::string_view key) {
    std::string s = r.string(key, StringRule{10, false});
    if (r.failed()) return Date{};
    Result<Date> d = parse_iso_date(s, r.field(key));
    if (!d.ok()) {
        r.fail("invalid_date", key, "Use a date such as 2025-01-31.");
        return Date{};
    }
    return d.value;
}

MethodType read_method_type(JsonReader& r, std::string_view key) {
    return r.enumeration(key, {"card", "bank_debit"}) == 1 ? MethodType::bank_debit
                                                           : MethodType::card;
}

InvoiceStatus read_invoice_status(JsonReader& r, std::string_view key) {
    switch (r.enumeration(key, {"open", "partially_paid", "processing", "paid", "void"})) {
        case 1: return InvoiceStatus::partially_paid;
        case 2: return InvoiceStatus::processing;
        case 3: return InvoiceStatus::paid;
        case 4: return InvoiceStatus::void_;
        default: return InvoiceStatus::open;
    }
}

BankScheme read_scheme(JsonReader& r, std::string_view key) {
    switch (r.enumeration(key, {"ach", "pad", "sepa"})) {
        case 1: return BankScheme::pad;
        case 2: return BankScheme::sepa;
        default: return BankScheme::ach;
    }
}

json encode_method(const MethodSummary& m) {
    return {{"type", method_type_id(m.type)}, {"brand", m.brand}, {"last4", m.last4}};
}

MethodSummary read_method_fields(JsonReader& r) {
    MethodSummary m;
    m.type = read_method_type(r, "type");
    m.brand = r.string("brand", StringRule{32, false});
    m.last4 = r.string("last4", StringRule{4, false});
    for (char c : m.last4)
        if (c < '0' || c > '9') r.fail("invalid_value", "last4", "last4 must be digits.");
    return m;
}

void put_method_fields(json& j, const MethodSummary& m) {
    j["type"] = method_type_id(m.type);
    j["brand"] = m.brand;
    j["last4"] = m.last4;
}

MethodSummary decode_method(const json& j, const std::string& path, Error& sink) {
    JsonReader r(j, path, sink);
    MethodSummary m = read_method_fields(r);
    r.finish();
    return m;
}

json encode_invoice_balance(const InvoiceBalance& b) {
    return {{"id", b.id},
            {"balance", b.balance},
            {"status", status_id(b.status)},
            {"payments_left", b.payments_left}};
}

InvoiceBalance decode_invoice_balance(const json& j, const std::string& path, Error& sink) {
    InvoiceBalance b;
    JsonReader r(j, path, sink);
    b.id = r.string("id", kId);
    b.balance = r.amount("balance");
    b.status = read_invoice_status(r, "status");
    b.payments_left = static_cast<int>(r.integer("payments_left", 0, 2));
    r.finish();
    return b;
}

Invoice decode_nested_invoice(const json& j, const std::string& path, Error& sink) {
    if (sink) return Invoice{};
    Result<Invoice> inv = invoice_from_json(j);
    if (!inv.ok()) {
        Error e = inv.error;
        e.field = e.field.empty() ? path : child_path(path, e.field);
        sink = std::move(e);
        return Invoice{};
    }
    return std::move(inv.value);
}

}  // namespace detail

using namespace detail;

std::string_view method_type_id(MethodType t) {
    return t == MethodType::card ? "card" : "bank_debit";
}

std::string_view session_kind_id(SessionKind k) { return k == SessionKind::link ? "link" : "portal"; }

std::string_view payment_status_id(PaymentStatus s) {
    switch (s) {
        case PaymentStatus::succeeded: return "succeeded";
        case PaymentStatus::processing: return "processing";
        case PaymentStatus::declined: return "declined";
        case PaymentStatus::failed: return "failed";
    }
    return "failed";
}

Result<json> parse_body(std::string_view text, std::size_t max_bytes) {
    Result<json> j = parse_json_strict(text, JsonLimits{max_bytes, kMaxBodyDepth});
    if (!j.ok()) {
        if (j.error.code == "input_too_large")
            return Result<json>::failure("body_too_large", "",
                                         "The request is too large. Shorten what you entered and try again.");
        return j;
    }
    if (!j.value.is_object())
        return Result<json>::failure("invalid_json", "", "The request body must be a JSON object.");
    return j;
}

std::string dump_body(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// ---------------------------------------------------------------- errors

ApiError to_api_error(const Error& e) {
    ApiError a;
    a.code = e.code;
    a.field = e.field;
    a.message = e.message.empty() ? std::string(error_message_for(e.code)) : e.message;
    return a;
}

Error to_error(const ApiError& e) { return make_error(e.code, e.field, e.message); }

json encode(const ApiError& e) {
    json body = {{"code", e.code}, {"message", e.message}, {"field", e.field}};
    if (!e.login_url.empty()) body["login_url"] = e.login_url;
    if (e.practitioner)
        body["practitioner"] = {{"name", e.practitioner->name},
                                {"email", e.practitioner->email},
                                {"phone", e.practitioner->phone}};
    if (e.retry_after > 0) body["retry_after"] = e.retry_after;
    return {{"error", body}};
}

Error decode(const json& j, ApiError& out) {
    return decode_object(j, out, [](JsonReader& top, ApiError& v, Error& sink) {
        const json* o = top.object("error");
        if (!o) return;
        JsonReader r(*o, "error", sink);
        v.code = r.string("code", kShort);
        v.message = r.string("message", StringRule{1000, false});
        v.field = optional_text(r, "field", StringRule{200, true});
        v.login_url = optional_text(r, "login_url", kUrl);
        if (const json* p = r.optional_object("practitioner")) {
            JsonReader c(*p, "error.practitioner", sink);
            Contact contact;
            contact.name = c.string("name", kName);
            contact.email = c.string("email", kName);
            contact.phone = optional_text(c, "phone", StringRule{40, true});
            c.finish();
            v.practitioner = contact;
        }
        v.retry_after = r.optional_integer("retry_after", 1, 86400).value_or(0);
        r.finish();
    });
}

// ---------------------------------------------------------------- saved methods

json encode(const SavedMethod& m) {
    json j = {{"id", m.id}};
    put_method_fields(j, m.method);
    j["exp_month"] = m.exp_month ? json(m.exp_month) : json(nullptr);
    j["exp_year"] = m.exp_year ? json(m.exp_year) : json(nullptr);
    return j;
}

Error decode(const json& j, SavedMethod& out) {
    return decode_object(j, out, [](JsonReader& r, SavedMethod& v, Error& sink) {
        v.id = r.string("id", kId);
        v.method = read_method_fields(r);
        v.exp_month = static_cast<int>(r.optional_integer("exp_month", 1, 12).value_or(0));
        v.exp_year = static_cast<int>(r.optional_integer("exp_year", 2000, 2200).value_or(0));
        if (!sink && v.method.type == MethodType::card && (!v.exp_month || !v.exp_year))
            r.fail("missing_field", v.exp_month ? "exp_year" : "exp_month",
                   "A saved card needs its expiry month and year.");
    });
}

}  // namespace pw
