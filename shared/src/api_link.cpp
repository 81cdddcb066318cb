// LinkView: what GET /api/v1/links/{token} and GET /api/v1/me/invoices/{id}
// return, i.e. everything the widget needs to draw an invoice and its
// payment choices. See paywidget/api.hpp.
#include "api_codec.hpp"

namespace pw {

using namespace detail;

namespace {

json encode_options(const PartialOptions& o) {
    return {{"partial_allowed", o.partial_allowed},
            {"minimum", o.minimum},
            {"maximum_partial", o.maximum_partial},
            {"payments_left", o.payments_left}};
}

PartialOptions decode_options(const json& j, Error& sink) {
    PartialOptions o;
    JsonReader r(j, "options", sink);
    o.partial_allowed = r.boolean("partial_allowed");
    o.minimum = r.amount("minimum");
    o.maximum_partial = r.amount("maximum_partial");
    o.payments_left = static_cast<int>(r.integer("payments_left", 0, 2));
    if (!sink && o.partial_allowed && o.minimum > o.maximum_partial)
        r.fail("out_of_range", "minimum", "The minimum cannot exceed the maximum partial amount.");
    r.finish();
    return o;
}

json encode_mandate(const MandateText& m) {
    return {{"scheme", scheme_id(m.scheme)}, {"version", m.version}, {"text", m.text}, {"locale", m.locale}};
}

MandateText decode_mandate(const json& j, const std::string& path, Error& sink) {
    MandateText m;
    JsonReader r(j, path, sink);
    m.scheme = read_scheme(r, "scheme");
    m.version = r.string("version", kShort);
    m.text = r.string("text", kText);
    m.locale = r.string("locale", kShort);
    r.finish();
    return m;
}

}  // namespace

json encode(const LinkView& v) {
    json saved = encode_list(v.saved_methods);
    json mandates = json::array();
    for (const MandateText& m : v.mandates) mandates.push_back(encode_mandate(m));
    return {{"invoice", invoice_to_json(v.invoice)},
            {"session", session_kind_id(v.session)},
            {"payable", v.payable},
            {"options", encode_options(v.options)},
            {"saved_methods", saved},
            {"can_save_method", v.can_save_method},
            {"mandates", mandates},
            {"receipt_url", null_if_empty(v.receipt_url)},
            {"today", format_iso_date(v.today)}};
}

Error decode(const json& j, LinkView& out) {
    return decode_object(j, out, [](JsonReader& r, LinkView& v, Error& sink) {
        if (const json* inv = r.object("invoice")) v.invoice = decode_nested_invoice(*inv, "invoice", sink);
        v.session = r.enumeration("session", {"link", "portal"}) == 1 ? SessionKind::portal
                                                                      : SessionKind::link;
        v.payable = r.boolean("payable");
        if (const json* o = r.object("options")) v.options = decode_options(*o, sink);
        v.saved_methods = read_list<SavedMethod>(r, "saved_methods", 50, [&](const json& e, const std::string& p) {
            return decode_nested<SavedMethod>(e, p, sink);
        });
        v.can_save_method = r.boolean("can_save_method");
        v.mandates = read_list<MandateText>(r, "mandates", 3, [&](const json& e, const std::string& p) {
            return decode_mandate(e, p, sink);
        });
        v.receipt_url = optional_text(r, "receipt_url", kUrl);
        v.today = read_date(r, "today");
        // The rule the server enforces, checked again on read so a widget
        // never offers a saved card through a link.
        if (!sink && v.session == SessionKind::link && (!v.saved_methods.empty() || v.can_save_method))
            r.fail("invalid_value", v.saved_methods.empty() ? "can_save_method" : "saved_methods",
                   "Saved cards are only available in a client portal session.");
    });
}

std::string receipt_payment_id(std::string_view receipt_url) {
    constexpr std::string_view prefix = "/api/v1/receipts/";
    if (receipt_url.size() <= prefix.size() || receipt_url.substr(0, prefix.size()) != prefix) return {};
    return std::string(receipt_url.substr(prefix.size()));
}

}  // namespace pw
