#include "paywidget/payment_form.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "paywidget/messages.hpp"

namespace pw {

namespace {

constexpr std::array<std::string_view, 5> kCard = {"number", "exp", "cvc", "name", "postal_code"};
constexpr std::array<std::string_view, 5> kAch = {"account_holder", "routing_number", "account_number",
                                                  "account_type", "mandate.accepted"};
constexpr std::array<std::string_view, 5> kPad = {"account_holder", "transit_number", "institution_number",
                                                  "account_number", "mandate.accepted"};
constexpr std::array<std::string_view, 3> kSepa = {"account_holder", "iban", "mandate.accepted"};
constexpr std::array<std::string_view, 13> kAll = {
    "number",         "exp",          "cvc",           "name", "postal_code", "account_holder", "routing_number",
    "account_number", "account_type", "transit_number", "institution_number", "iban", "mandate.accepted"};
// Request members an error may name that no input shows.
constexpr std::array<std::string_view, 4> kRequestOnly = {"mandate.text_version", "token", "payment_method_id",
                                                          "save_method"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view f) {
    return std::find(list.begin(), list.end(), f) != list.end();
}

}  // namespace

std::span<const std::string_view> form_fields(MethodType type, BankScheme scheme) {
    if (type == MethodType::card) return kCard;
    switch (scheme) {
        case BankScheme::ach: return kAch;
        case BankScheme::pad: return kPad;
        case BankScheme::sepa: return kSepa;
    }
    return kAch;
}

std::string_view first_form_field(MethodType type, BankScheme scheme) { return form_fields(type, scheme).front(); }

std::span<const std::string_view> all_form_fields() { return kAll; }

bool is_form_field(std::string_view field) { return contains(kAll, field); }

bool is_details_field(std::string_view field) { return is_form_field(field) || contains(kRequestOnly, field); }

std::string form_field_phrase(std::string_view field, std::string_view locale) {
    if (!is_form_field(field)) return "";
    return text(locale, "field." + std::string(field));
}

namespace {

// What the payer typed into `field` ("" for the mandate, which is no text).
std::string_view typed(const TokenRequest& d, std::string_view field) {
    const CardFields& c = d.card;
    const BankFields& b = d.bank;
    if (field == "number") return c.number;
    if (field == "exp") return c.exp;
    if (field == "cvc") return c.cvc;
    if (field == "name") return c.name;
    if (field == "postal_code") return c.postal_code;
    if (field == "account_holder") return b.account_holder;
    if (field == "routing_number") return b.routing_number;
    if (field == "account_number") return b.account_number;
    if (field == "account_type") return b.account_type;
    if (field == "transit_number") return b.transit_number;
    if (field == "institution_number") return b.institution_number;
    if (field == "iban") return b.iban;
    return "";
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

std::string details_blocker(const TokenRequest& details, const Error& details_error, std::string_view locale) {
    if (!details_error) return "";
    std::vector<std::string> empty;
    const BankScheme scheme = details.bank.scheme;
    for (std::string_view f : form_fields(details.type, scheme))
        if (f != "mandate.accepted" && blank(typed(details, f)))
            empty.push_back(form_field_phrase(f, locale));
    if (!empty.empty()) return text(locale, "hint.enter_fields", {{"fields", list_text(locale, empty)}});
    if (details_error.field == "mandate.accepted") return text(locale, "hint.accept_mandate");
    const std::string phrase = form_field_phrase(details_error.field, locale);
    if (!phrase.empty()) return text(locale, "hint.check_field", {{"field", phrase}});
    return error_text(locale, details_error);
}

}  // namespace pw
