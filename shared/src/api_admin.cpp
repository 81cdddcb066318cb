// Practitioner (admin key) messages: clients, invoices, links, refunds,
// settings, invitations, sending an invoice. See paywidget/api.hpp.
// Invoice sub-objects use the same names as invoice_to_json
// ("partial_payments", "accepted_methods") so one vocabulary covers both.
#include <algorithm>

#include "api_codec.hpp"
#include "paywidget/fx.hpp"
#include "paywidget/money.hpp"
#include "paywidget/url.hpp"

namespace pw {

using namespace detail;

json encode(const CreateClientRequest& c) {
    json j = {{"name", c.name}, {"email", c.email}};
    if (!c.portal_password.empty()) j["portal_password"] = c.portal_password;
    if (!c.locale.empty()) j["locale"] = c.locale;
    return j;
}

json encode(const UpdateClientRequest& c) { return {{"locale", null_if_empty(c.locale)}}; }

Error decode(const json& j, UpdateClientRequest& out) {
    return decode_object(j, out, [](JsonReader& r, UpdateClientRequest& v, Error&) {
        v.locale = read_locale(r, "locale");
    });
}

Error decode(const json& j, CreateClientRequest& out) {
    return decode_object(j, out, [](JsonReader& r, CreateClientRequest& v, Error&) {
        v.name = r.string("name", kName);
        v.email = read_email(r, "email");
        if (r.has("portal_password")) v.portal_password = read_new_password(r, "portal_password");
        if (r.has("locale")) v.locale = read_locale(r, "locale");
    });
}

json encode(const ClientEnvelope& c) { return {{"client", encode_client(c.client)}}; }

Error decode(const json& j, ClientEnvelope& out) {
    return decode_object(j, out, [](JsonReader& r, ClientEnvelope& v, Error& sink) {
        if (const json* c = r.object("client")) v.client = decode_client(*c, sink);
    });
}

// ---------------------------------------------------------------- invoices

namespace {

json encode_partial(const PartialPaymentPolicy& p) {
    json minimum = p.minimum_kind == MinimumKind::fixed
                       ? json{{"type", "fixed"}, {"amount", p.minimum_amount}}
                       : json{{"type", "percent"}, {"basis_points", p.minimum_bps}};
    return {{"enabled", p.enabled}, {"minimum", minimum}, {"max_payments", p.max_payments}};
}

PartialPaymentPolicy decode_partial(const json& j, Error& sink, const std::string& path = "partial_payments") {
    PartialPaymentPolicy p;
    JsonReader r(j, path, sink);
    p.enabled = r.boolean("enabled");
    const json* m = p.enabled ? r.object("minimum") : r.optional_object("minimum");
    if (m) {
        JsonReader mr(*m, path + ".minimum", sink);
        if (mr.enumeration("type", {"fixed", "percent"}) == 0) {
            p.minimum_kind = MinimumKind::fixed;
            p.minimum_amount = mr.amount("amount", p.enabled ? 1 : 0);
        } else {
            p.minimum_kind = MinimumKind::percent;
            p.minimum_bps = mr.integer("basis_points", p.enabled ? 1 : 0, 10000);
        }
        mr.finish();
    }
    p.max_payments = static_cast<int>(r.optional_integer("max_payments", 1, 2).value_or(2));
    r.finish();
    return p;
}

json encode_accepted(const AcceptedMethods& a) {
    json schemes = json::array();
    for (BankScheme s : a.bank_debit) schemes.push_back(scheme_id(s));
    return {{"card", a.card}, {"bank_debit", schemes}};
}

AcceptedMethods decode_accepted(const json& j, Error& sink) {
    AcceptedMethods a;
    JsonReader r(j, "accepted_methods", sink);
    a.card = r.boolean("card");
    if (const json* list = r.array("bank_debit", 3)) {
        for (std::size_t i = 0; i < list->size() && !sink; ++i) {
            const std::string path = index_path("accepted_methods.bank_debit", i);
            const auto s = static_cast<BankScheme>(read_enum((*list)[i], path, {"ach", "pad", "sepa"}, sink));
            if (!sink && std::find(a.bank_debit.begin(), a.bank_debit.end(), s) != a.bank_debit.end())
                sink = make_error("invalid_value", path, "Each bank debit scheme may appear once.");
            a.bank_debit.push_back(s);
        }
    }
    r.finish();
    if (!sink && !a.card && a.bank_debit.empty())
        sink = make_error("invalid_value", "accepted_methods",
                          "Accept at least one payment method: card or a bank debit scheme.");
    return a;
}

json encode_item(const NewLineItem& it) {
    return {{"description", it.description},
            {"quantity", it.quantity},
            {"unit_amount", it.unit_amount},
            {"tax", it.tax}};
}

NewLineItem decode_item(const json& j, const std::string& path, Error& sink) {
    NewLineItem it;
    JsonReader r(j, path, sink);
    it.description = r.string("description", StringRule{500, false});
    it.quantity = r.integer("quantity", 1, 10000);
    it.unit_amount = r.amount("unit_amount");
    it.tax = r.optional_integer("tax", 0, kMaxAmountMinor).value_or(0);
    r.finish();
    return it;
}

}  // namespace

json encode(const CreateInvoiceRequest& c) {
    json items = json::array();
    for (const NewLineItem& it : c.items) items.push_back(encode_item(it));
    json j = {{"client_id", c.client_id},
              {"currency", c.currency},
              {"issue_date", format_iso_date(c.issue_date)},
              {"due_date", format_iso_date(c.due_date)},
              {"items", items},
              {"discount", c.discount},
              {"partial_payments", encode_partial(c.partial)},
              {"accepted_methods", encode_accepted(c.accepted)}};
    if (!c.number.empty()) j["number"] = c.number;
    if (!c.settlement_currency.empty()) j["settlement_currency"] = c.settlement_currency;
    if (c.fx_rate) j["fx_rate"] = format_fx_rate(*c.fx_rate);
    return j;
}

Error decode(const json& j, CreateInvoiceRequest& out) {
    return decode_object(j, out, [](JsonReader& r, CreateInvoiceRequest& v, Error& sink) {
        v.client_id = r.string("client_id", kId);
        v.currency = read_currency(r, "currency");
        v.number = optional_text(r, "number", kShort);
        v.issue_date = read_date(r, "issue_date");
        v.due_date = read_date(r, "due_date");
        if (!sink && v.due_date < v.issue_date)
            r.fail("invalid_date", "due_date", "The due date cannot be before the issue date.");
        v.items = read_list<NewLineItem>(r, "items", 100, [&](const json& e, const std::string& p) {
            return decode_item(e, p, sink);
        });
        if (!sink && v.items.empty()) r.fail("missing_field", "items", "Add at least one line item.");
        v.discount = r.optional_integer("discount", 0, kMaxAmountMinor).value_or(0);
        if (const json* p = r.object("partial_payments")) v.partial = decode_partial(*p, sink);
        if (const json* a = r.object("accepted_methods")) v.accepted = decode_accepted(*a, sink);
        if (r.has("settlement_currency")) v.settlement_currency = read_currency(r, "settlement_currency");
        if (auto rate = r.optional_string("fx_rate", StringRule{40, false}); rate && !sink) {
            Result<FxRate> fx = parse_fx_rate(*rate, "fx_rate");
            if (!fx.ok()) sink = fx.error;
            else if (v.settlement_currency.empty() || v.settlement_currency == v.currency)
                r.fail("conflicting_fields", "fx_rate",
                       "An exchange rate needs a settlement_currency different from the invoice currency.");
            else v.fx_rate = fx.value;
        }
    });
}

json encode(const InvoiceEnvelope& e) { return {{"invoice", invoice_to_json(e.invoice)}}; }

Error decode(const json& j, InvoiceEnvelope& out) {
    return decode_object(j, out, [](JsonReader& r, InvoiceEnvelope& v, Error& sink) {
        if (const json* i = r.object("invoice")) v.invoice = decode_nested_invoice(*i, "invoice", sink);
    });
}

// ---------------------------------------------------------------- links

json encode(const LinkInfo& l) {
    return {{"id", l.id},
            {"url", null_if_empty(l.url)},
            {"token", null_if_empty(l.token)},
            {"expires_at", l.expires_at},
            {"revoked", l.revoked}};
}

Error decode(const json& j, LinkInfo& out) {
    return decode_object(j, out, [](JsonReader& r, LinkInfo& v, Error&) {
        v.id = r.string("id", kId);
        v.url = optional_text(r, "url", kUrl);
        v.token = optional_text(r, "token", kId);
        v.expires_at = read_timestamp(r, "expires_at");
        v.revoked = r.boolean("revoked");
    });
}

json encode(const AdminInvoiceView& a) {
    return {{"invoice", invoice_to_json(a.invoice)},
            {"payments", encode_list(a.payments)},
            {"refunds", encode_list(a.refunds)},
            {"links", encode_list(a.links)}};
}

Error decode(const json& j, AdminInvoiceView& out) {
    return decode_object(j, out, [](JsonReader& r, AdminInvoiceView& v, Error& sink) {
        if (const json* i = r.object("invoice")) v.invoice = decode_nested_invoice(*i, "invoice", sink);
        auto nested = [&](auto tag) {
            using T = decltype(tag);
            return [&](const json& e, const std::string& p) { return decode_nested<T>(e, p, sink); };
        };
        v.payments = read_list<PaymentResult>(r, "payments", 100, nested(PaymentResult{}));
        v.refunds = read_list<Refund>(r, "refunds", 100, nested(Refund{}));
        v.links = read_list<LinkInfo>(r, "links", kMaxListItems, nested(LinkInfo{}));
    });
}

json encode(const CreateLinkRequest& c) { return {{"expires_in_days", c.expires_in_days}}; }

Error decode(const json& j, CreateLinkRequest& out) {
    return decode_object(j, out, [](JsonReader& r, CreateLinkRequest& v, Error&) {
        v.expires_in_days = static_cast<int>(r.optional_integer("expires_in_days", 1, 365).value_or(30));
    });
}

// ---------------------------------------------------------------- settings


json encode(const Settings& s) {
    return {{"allow_saved_method_removal", s.allow_saved_method_removal},
            {"settlement_currency", s.settlement_currency},
            {"embed_origins", s.embed_origins},
            {"default_partial_payments", encode_partial(s.default_partial)},
            {"default_locale", s.default_locale}};
}

Error decode(const json& j, Settings& out) {
    return decode_object(j, out, [](JsonReader& r, Settings& v, Error& sink) {
        v.allow_saved_method_removal = r.boolean("allow_saved_method_removal");
        // "" keeps each invoice's own currency; anything else must be payable.
        if (r.has("settlement_currency") && r.optional_string("settlement_currency", StringRule{3, true}) == "")
            v.settlement_currency.clear();
        else
            v.settlement_currency = read_currency(r, "settlement_currency");
        v.embed_origins = read_list<std::string>(r, "embed_origins", 20, [&](const json& e, const std::string& p) {
            std::string o = read_string(e, p, StringRule{253, false}, sink);
            if (!sink && !valid_embed_origin(o))
                sink = make_error("invalid_origin", p,
                                  "Enter an https origin such as https://practice.example (no path, lower case; http only for localhost).");
            return o;
        });
        // Optional: settings written before the field existed, and PUT
        // bodies of older integrations, mean "partial payments off".
        if (const json* p = r.optional_object("default_partial_payments")) v.default_partial = decode_partial(*p, sink, "default_partial_payments");
        // Optional as well: absent or "" is English; else invalid_locale.
        v.default_locale = read_locale(r, "default_locale");
    });
}

Result<Settings> merge_settings(const Settings& current, const json& patch) {
    if (!patch.is_object())
        return Result<Settings>::failure("wrong_type", "", "Send the settings to change as a JSON object.");
    json merged = encode(current);
    merged.merge_patch(patch);
    Settings out;
    if (Error e = decode(merged, out)) return Result<Settings>::failure(std::move(e));
    return Result<Settings>::success(std::move(out));
}

// ---------------------------------------------------------------- invitations, sending

json encode(const InviteResponse& i) { return {{"sent_to", i.sent_to}, {"expires_at", i.expires_at}}; }

Error decode(const json& j, InviteResponse& out) {
    return decode_object(j, out, [](JsonReader& r, InviteResponse& v, Error&) {
        v.sent_to = read_email(r, "sent_to");
        v.expires_at = read_timestamp(r, "expires_at");
    });
}

// ---------------------------------------------------------------- admin keys

json encode(const CreateAdminKeyRequest& c) { return {{"name", c.name}}; }

Error decode(const json& j, CreateAdminKeyRequest& out) {
    return decode_object(j, out, [](JsonReader& r, CreateAdminKeyRequest& v, Error&) {
        v.name = r.string("name", kName);
    });
}

json encode(const AdminKeyInfo& k) {
    return {{"id", k.id},
            {"name", k.name},
            {"hint", null_if_empty(k.hint)},
            {"created_at", k.created_at},
            {"last_used_at", null_if_empty(k.last_used_at)},
            {"revoked_at", null_if_empty(k.revoked_at)}};
}

Error decode(const json& j, AdminKeyInfo& out) {
    return decode_object(j, out, [](JsonReader& r, AdminKeyInfo& v, Error&) {
        v.id = r.string("id", kId);
        v.name = r.string("name", kName);
        v.hint = optional_text(r, "hint", kShort);
        v.created_at = read_timestamp(r, "created_at");
        v.last_used_at = optional_timestamp(r, "last_used_at");
        v.revoked_at = optional_timestamp(r, "revoked_at");
    });
}

json encode(const NewAdminKeyResponse& n) { return {{"key", n.key}, {"admin_key", encode(n.admin_key)}}; }

Error decode(const json& j, NewAdminKeyResponse& out) {
    return decode_object(j, out, [](JsonReader& r, NewAdminKeyResponse& v, Error& sink) {
        v.key = r.string("key", kId);
        if (const json* k = r.object("admin_key")) v.admin_key = decode_nested<AdminKeyInfo>(*k, r.field("admin_key"), sink);
    });
}

json encode(const AdminKeyList& l) { return {{"keys", encode_list(l.keys)}}; }

Error decode(const json& j, AdminKeyList& out) {
    return decode_object(j, out, [](JsonReader& r, AdminKeyList& v, Error& sink) {
        v.keys = read_list<AdminKeyInfo>(r, "keys", kMaxListItems, [&](const json& e, const std::string& p) {
            return decode_nested<AdminKeyInfo>(e, p, sink);
        });
    });
}

json encode(const SendInvoiceRequest& s) {
    return {{"expires_in_days", s.expires_in_days}, {"revoke_previous", s.revoke_previous}};
}

Error decode(const json& j, SendInvoiceRequest& out) {
    return decode_object(j, out, [](JsonReader& r, SendInvoiceRequest& v, Error&) {
        v.expires_in_days = static_cast<int>(r.optional_integer("expires_in_days", 1, 365).value_or(30));
        v.revoke_previous = r.optional_boolean("revoke_previous").value_or(true);
    });
}

json encode(const SendInvoiceResponse& s) {
    return {{"link", encode(s.link)}, {"delivery", s.delivery}};
}

Error decode(const json& j, SendInvoiceResponse& out) {
    return decode_object(j, out, [](JsonReader& r, SendInvoiceResponse& v, Error& sink) {
        if (const json* l = r.object("link")) v.link = decode_nested<LinkInfo>(*l, "link", sink);
        v.delivery = r.enumeration("delivery", {"smtp", "outbox"}) == 0 ? "smtp" : "outbox";
    });
}

}  // namespace pw
