#include "paywidget/payment_details.hpp"

#include <string>

#include "paywidget/bank_debit.hpp"
#include "paywidget/card.hpp"
#include "paywidget/decline.hpp"

namespace pw {

namespace {

Error validate_bank(const BankFields& b) {
    switch (b.scheme) {
        case BankScheme::ach:
            return validate_ach(AchDetails{b.account_holder, b.routing_number, b.account_number, b.account_type});
        case BankScheme::pad:
            return validate_pad(PadDetails{b.account_holder, b.transit_number, b.institution_number, b.account_number});
        case BankScheme::sepa: return validate_sepa(SepaDetails{b.account_holder, b.iban});
    }
    return Error{};
}

}  // namespace

Error validate_details(const TokenRequest& details, const Date& today) {
    if (details.type == MethodType::card) {
        const CardFields& c = details.card;
        const Result<CardSummary> v = validate_card_input(CardInput{c.number, c.exp, c.cvc, c.name, c.postal_code}, today);
        return v.ok() ? Error{} : v.error;
    }
    if (Error e = validate_bank(details.bank)) return e;
    if (!details.mandate.accepted)
        return make_error("mandate_not_accepted", "mandate.accepted",
                          std::string(error_message_for("mandate_not_accepted")));
    return Error{};
}

}  // namespace pw
