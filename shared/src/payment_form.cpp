#include "paywidget/payment_form.hpp"

#include <algorithm>
#include <array>

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

}  // namespace pw
