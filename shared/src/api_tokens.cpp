// POST /api/v1/tokens: raw card or bank-debit fields in, a single-use token
// out. The codec checks the shape; card.hpp / bank_debit.hpp validate the
// values on the server (and live in the widget). See paywidget/api.hpp.
#include "api_codec.hpp"

namespace pw {

using namespace detail;

namespace {
// Generous for input as typed (spaces, dashes) yet far below anything abusive.
constexpr StringRule kTyped{64, true};
constexpr StringRule kTypedRequired{64, false};
}  // namespace

json encode(const TokenRequest& t) {
    if (t.type == MethodType::card) {
        return {{"type", "card"},           {"number", t.card.number}, {"exp", t.card.exp},
                {"cvc", t.card.cvc},        {"name", t.card.name},
                {"postal_code", t.card.postal_code}};
    }
    const BankFields& b = t.bank;
    json j = {{"type", "bank_debit"},
              {"scheme", scheme_id(b.scheme)},
              {"account_holder", b.account_holder},
              {"mandate", {{"accepted", t.mandate.accepted}, {"text_version", t.mandate.text_version}}}};
    switch (b.scheme) {
        case BankScheme::ach:
            j["routing_number"] = b.routing_number;
            j["account_number"] = b.account_number;
            j["account_type"] = b.account_type;
            break;
        case BankScheme::pad:
            j["transit_number"] = b.transit_number;
            j["institution_number"] = b.institution_number;
            j["account_number"] = b.account_number;
            break;
        case BankScheme::sepa: j["iban"] = b.iban; break;
    }
    return j;
}

Error decode(const json& j, TokenRequest& out) {
    return decode_object(j, out, [](JsonReader& r, TokenRequest& v, Error& sink) {
        v.type = read_method_type(r, "type");
        if (sink) return;
        if (v.type == MethodType::card) {
            v.card.number = r.string("number", kTyped);
            v.card.exp = r.string("exp", kTyped);
            v.card.cvc = r.string("cvc", kTyped);
            v.card.name = r.string("name", StringRule{200, true});
            v.card.postal_code = r.string("postal_code", kTyped);
            return;
        }
        BankFields& b = v.bank;
        b.scheme = read_scheme(r, "scheme");
        b.account_holder = r.string("account_holder", StringRule{200, true});
        if (sink) return;
        switch (b.scheme) {
            case BankScheme::ach:
                b.routing_number = r.string("routing_number", kTyped);
                b.account_number = r.string("account_number", kTyped);
                b.account_type = r.enumeration("account_type", {"checking", "savings"}) == 1
                                     ? "savings" : "checking";
                break;
            case BankScheme::pad:
                b.transit_number = r.string("transit_number", kTyped);
                b.institution_number = r.string("institution_number", kTyped);
                b.account_number = r.string("account_number", kTyped);
                break;
            case BankScheme::sepa: b.iban = r.string("iban", kTyped); break;
        }
        const json* m = r.object("mandate");
        if (!m) return;
        JsonReader mr(*m, "mandate", sink);
        v.mandate.accepted = mr.boolean("accepted");
        v.mandate.text_version = mr.string("text_version", kTypedRequired);
        mr.finish();
        if (!sink && !v.mandate.accepted)
            mr.fail("mandate_not_accepted", "accepted",
                    "Accept the debit authorization to pay by bank debit.");
    });
}

json encode(const TokenResponse& t) {
    json j = {{"token", t.token},
            {"exp_month", t.exp_month ? json(t.exp_month) : json(nullptr)},
            {"exp_year", t.exp_year ? json(t.exp_year) : json(nullptr)}};
    put_method_fields(j, t.method);
    return j;
}

Error decode(const json& j, TokenResponse& out) {
    return decode_object(j, out, [](JsonReader& r, TokenResponse& v, Error& sink) {
        v.token = r.string("token", kId);
        v.method = read_method_fields(r);
        v.exp_month = static_cast<int>(r.optional_integer("exp_month", 1, 12).value_or(0));
        v.exp_year = static_cast<int>(r.optional_integer("exp_year", 2000, 2200).value_or(0));
        if (!sink && v.method.type == MethodType::card && (!v.exp_month || !v.exp_year))
            r.fail("missing_field", v.exp_month ? "exp_year" : "exp_month",
                   "A card token carries its expiry month and year.");
    });
}

}  // namespace pw
