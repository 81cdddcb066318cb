// Client portal messages: session login, invitations and password resets,
// and the /api/v1/me/... lists. See paywidget/api.hpp.
#include "api_codec.hpp"
#include "paywidget/locale.hpp"

namespace pw {

using namespace detail;

namespace detail {
// Enough to catch typos and hostile values; real verification is the email
// the server sends. Exposed to api_admin.cpp through this header's twin.
std::string read_email(JsonReader& r, std::string_view key) {
    std::string e = r.string(key, StringRule{254, false});
    if (r.failed()) return e;
    const std::size_t at = e.find('@');
    bool ok = at != std::string::npos && at > 0 && at + 1 < e.size() &&
              e.find('@', at + 1) == std::string::npos;
    for (unsigned char c : e) ok = ok && c > 0x20 && c != 0x7f;
    if (!ok) r.fail("invalid_email", key, "Enter an email address such as name@example.com.");
    return e;
}

std::string read_new_password(JsonReader& r, std::string_view key) {
    std::string p = r.string(key, StringRule{256, false});
    if (!r.failed() && utf8_length(p) < kMinPasswordChars)
        r.fail("password_too_short", key, "Choose a password of at least 10 characters.");
    return p;
}

std::string read_locale(JsonReader& r, std::string_view key) {
    const std::optional<std::string> tag = r.optional_string(key, StringRule{35, true});
    if (r.failed() || !tag || tag->empty()) return {};
    std::string locale = preference_locale(*tag);
    if (locale.empty()) r.fail("invalid_locale", key, "Choose a supported language: en, fr, fr-CA or es.");
    return locale;
}

json encode_client(const ClientInfo& c) {
    json j = {{"id", c.id}, {"name", c.name}, {"email", c.email}, {"portal_activated", c.portal_activated}};
    if (!c.locale.empty()) j["locale"] = c.locale;
    return j;
}

ClientInfo decode_client(const json& j, Error& sink) {
    ClientInfo c;
    JsonReader r(j, "client", sink);
    c.id = r.string("id", kId);
    c.name = r.string("name", kName);
    c.email = read_email(r, "email");
    c.portal_activated = r.boolean("portal_activated");
    if (r.has("locale")) c.locale = read_locale(r, "locale");
    r.finish();
    return c;
}
}  // namespace detail

json encode(const LoginRequest& l) { return {{"email", l.email}, {"password", l.password}}; }

Error decode(const json& j, LoginRequest& out) {
    return decode_object(j, out, [](JsonReader& r, LoginRequest& v, Error&) {
        v.email = read_email(r, "email");
        // Any length a password manager may hold; the stored hash decides.
        v.password = r.string("password", StringRule{256, false});
    });
}

json encode(const SessionInfo& s) { return {{"client", encode_client(s.client)}}; }

Error decode(const json& j, SessionInfo& out) {
    return decode_object(j, out, [](JsonReader& r, SessionInfo& v, Error& sink) {
        if (const json* c = r.object("client")) v.client = decode_client(*c, sink);
    });
}

json encode(const SetPasswordRequest& s) { return {{"token", s.token}, {"password", s.password}}; }

Error decode(const json& j, SetPasswordRequest& out) {
    return decode_object(j, out, [](JsonReader& r, SetPasswordRequest& v, Error&) {
        v.token = r.string("token", kId);
        v.password = read_new_password(r, "password");
    });
}

json encode(const PasswordResetRequest& p) { return {{"email", p.email}}; }

Error decode(const json& j, PasswordResetRequest& out) {
    return decode_object(j, out, [](JsonReader& r, PasswordResetRequest& v, Error&) {
        v.email = read_email(r, "email");
    });
}

namespace {
json encode_summary(const InvoiceSummary& s) {
    return {{"id", s.id},
            {"number", s.number},
            {"currency", s.currency},
            {"issue_date", format_iso_date(s.issue_date)},
            {"due_date", format_iso_date(s.due_date)},
            {"total", s.total},
            {"balance", s.balance},
            {"status", status_id(s.status)},
            {"practitioner_name", s.practitioner_name}};
}

InvoiceSummary decode_summary(const json& j, const std::string& path, Error& sink) {
    InvoiceSummary s;
    JsonReader r(j, path, sink);
    s.id = r.string("id", kId);
    s.number = r.string("number", kShort);
    s.currency = read_currency(r, "currency");
    s.issue_date = read_date(r, "issue_date");
    s.due_date = read_date(r, "due_date");
    s.total = r.amount("total");
    s.balance = r.amount("balance");
    s.status = read_invoice_status(r, "status");
    s.practitioner_name = r.string("practitioner_name", kName);
    if (!sink && s.balance > s.total)
        r.fail("out_of_range", "balance", "The balance cannot exceed the total.");
    r.finish();
    return s;
}

json encode_entry(const PaymentHistoryEntry& e) {
    return {{"payment", encode(e.payment)},
            {"invoice_number", e.invoice_number},
            {"receipt_url", null_if_empty(e.receipt_url)}};
}

PaymentHistoryEntry decode_entry(const json& j, const std::string& path, Error& sink) {
    PaymentHistoryEntry e;
    JsonReader r(j, path, sink);
    if (const json* p = r.object("payment"))
        e.payment = decode_nested<PaymentResult>(*p, r.field("payment"), sink);
    e.invoice_number = r.string("invoice_number", kShort);
    e.receipt_url = optional_text(r, "receipt_url", kUrl);
    r.finish();
    return e;
}
}  // namespace

json encode(const InvoiceList& l) {
    json a = json::array();
    for (const InvoiceSummary& s : l.invoices) a.push_back(encode_summary(s));
    return {{"invoices", a}};
}

Error decode(const json& j, InvoiceList& out) {
    return decode_object(j, out, [](JsonReader& r, InvoiceList& v, Error& sink) {
        v.invoices = read_list<InvoiceSummary>(r, "invoices", kMaxListItems,
            [&](const json& e, const std::string& p) { return decode_summary(e, p, sink); });
    });
}

json encode(const PaymentHistory& h) {
    json a = json::array();
    for (const PaymentHistoryEntry& e : h.payments) a.push_back(encode_entry(e));
    return {{"payments", a}};
}

Error decode(const json& j, PaymentHistory& out) {
    return decode_object(j, out, [](JsonReader& r, PaymentHistory& v, Error& sink) {
        v.payments = read_list<PaymentHistoryEntry>(r, "payments", kMaxListItems,
            [&](const json& e, const std::string& p) { return decode_entry(e, p, sink); });
    });
}

json encode(const SavedMethodList& l) {
    return {{"payment_methods", encode_list(l.payment_methods)}, {"removal_allowed", l.removal_allowed}};
}

Error decode(const json& j, SavedMethodList& out) {
    return decode_object(j, out, [](JsonReader& r, SavedMethodList& v, Error& sink) {
        v.payment_methods = read_list<SavedMethod>(r, "payment_methods", 50,
            [&](const json& e, const std::string& p) { return decode_nested<SavedMethod>(e, p, sink); });
        v.removal_allowed = r.boolean("removal_allowed");
    });
}

}  // namespace pw
