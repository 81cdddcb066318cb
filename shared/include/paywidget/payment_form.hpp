// The payment form's inputs, listed once: the field ids the widget's inputs
// carry, the checkout focuses, and the API's errors name in `field`
// (docs/api.md, POST /api/v1/tokens). No I/O, no errors.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "paywidget/api.hpp"

namespace pw {

// The inputs of the form for a new method of `type` (a bank debit: of
// `scheme`), in the order the form shows them and Tab visits them. Bank
// forms end with the mandate's consent, "mandate.accepted".
//   card: number, exp, cvc, name, postal_code
//   ach:  account_holder, routing_number, account_number, account_type, mandate.accepted
//   pad:  account_holder, transit_number, institution_number, account_number, mandate.accepted
//   sepa: account_holder, iban, mandate.accepted
std::span<const std::string_view> form_fields(MethodType type, BankScheme scheme = BankScheme::ach);

// The first of them: where the form's focus goes when nothing names a field.
std::string_view first_form_field(MethodType type, BankScheme scheme = BankScheme::ach);

// Every input of any payment form, each once (the card's, then the banks').
std::span<const std::string_view> all_form_fields();

// Whether `field` is an input of some payment form.
bool is_form_field(std::string_view field);

// Whether a server error naming `field` concerns the payer's details: an
// input of a form, or a member of the token/payment request the payer
// cannot type ("mandate.text_version", "token", "payment_method_id",
// "save_method"). Such an error sends the checkout back to the form.
bool is_details_field(std::string_view field);

// How a sentence names an input in `locale`: "card number", "expiry date",
// "security code", "IBAN", ... (catalogue ids "field.<field>"; "" for
// anything else).
std::string form_field_phrase(std::string_view field, std::string_view locale = "en");

// Why the form cannot be submitted yet, as one sentence for the payer, shown
// beside the disabled button: "" when `details_error` is empty. The required
// inputs still empty come first, in form order ("Enter the card number,
// expiry date and security code to pay."), else the input in error ("Check
// the expiry date to pay."), else the mandate ("Accept the debit
// authorization to pay."), in `locale` (the catalogue's "hint.*").
std::string details_blocker(const TokenRequest& details, const Error& details_error,
                            std::string_view locale = "en");

}  // namespace pw
