#include "paywidget/token_request.hpp"

namespace pw {

namespace {

Result<ValidTokenRequest> valid_card(const CardFields& c, const Date& today) {
    using R = Result<ValidTokenRequest>;
    Result<CardSummary> summary = validate_card_input(CardInput{c.number, c.exp, c.cvc, c.name, c.postal_code}, today);
    if (!summary.ok()) return R::failure(summary.error);
    Result<std::string> digits = card_number_digits(c.number);
    if (!digits.ok()) return R::failure(digits.error);
    ValidTokenRequest out;
    out.type = MethodType::card;
    out.card.number = std::move(digits.value);
    out.card.exp_month = summary.value.exp_month;
    out.card.exp_year = summary.value.exp_year;
    out.card.brand = summary.value.brand;
    out.card.last4 = summary.value.last4;
    return R::success(std::move(out));
}

// The scheme's validator first (it reports the first field in form order),
// then each field's normaliser, which cannot fail once the validator passed.
Error valid_bank_fields(const BankFields& b, ValidBankAccount& out) {
    switch (b.scheme) {
        case BankScheme::ach:
            if (Error e = validate_ach({b.account_holder, b.routing_number, b.account_number, b.account_type}))
                return e;
            out.routing_number = validate_routing_number(b.routing_number).value;
            out.account_number = validate_ach_account_number(b.account_number).value;
            return {};
        case BankScheme::pad:
            if (Error e = validate_pad({b.account_holder, b.transit_number, b.institution_number, b.account_number}))
                return e;
            out.transit_number = validate_transit_number(b.transit_number).value;
            out.institution_number = validate_institution_number(b.institution_number).value;
            out.account_number = validate_pad_account_number(b.account_number).value;
            return {};
        case BankScheme::sepa:
            if (Error e = validate_sepa({b.account_holder, b.iban})) return e;
            out.iban = validate_iban(b.iban).value.electronic;
            return {};
    }
    return make_error("invalid_value", "scheme", "Choose a supported bank debit scheme.");
}

}  // namespace

Result<ValidTokenRequest> validate_token_request(const TokenRequest& request, const Date& today) {
    using R = Result<ValidTokenRequest>;
    if (request.type == MethodType::card) return valid_card(request.card, today);
    ValidTokenRequest out;
    out.type = MethodType::bank_debit;
    out.bank.scheme = request.bank.scheme;
    if (Error e = valid_bank_fields(request.bank, out.bank)) return R::failure(e);
    out.bank.account_holder = validate_account_holder(request.bank.account_holder).value;
    return R::success(std::move(out));
}

}  // namespace pw
