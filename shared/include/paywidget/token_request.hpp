// Which validator checks which method: a POST /api/v1/tokens request in,
// the details normalised for the processor out (card digits, parsed expiry;
// bank digits per scheme, IBAN in electronic form). The one place that
// knows a card runs validate_card_input and an ACH account validate_ach,
// so the server never picks validators itself. No I/O, no errors thrown.
//
// Not checked here: whether the invoice accepts the method (accepts() in
// accepted_methods.hpp) and the mandate (its text depends on the practice).
#pragma once

#include <string>

#include "paywidget/api.hpp"
#include "paywidget/bank_debit.hpp"
#include "paywidget/card.hpp"
#include "paywidget/date.hpp"
#include "paywidget/result.hpp"

namespace pw {

struct ValidCard {
    std::string number;  // digits only
    int exp_month = 0;   // 1..12
    int exp_year = 0;    // four digits
    CardBrand brand = CardBrand::unknown;
    std::string last4;
};

struct ValidBankAccount {
    BankScheme scheme = BankScheme::ach;
    std::string account_holder;      // trimmed
    std::string routing_number;      // ach: 9 digits
    std::string account_number;      // ach, pad: digits
    std::string transit_number;      // pad: 5 digits
    std::string institution_number;  // pad: 3 digits
    std::string iban;                // sepa: electronic form
};

struct ValidTokenRequest {
    MethodType type = MethodType::card;
    ValidCard card;         // when type == card
    ValidBankAccount bank;  // when type == bank_debit
};

// Card: validate_card_input(card, today). Bank debit: validate_ach /
// validate_pad / validate_sepa by scheme. The first error with its code and
// field (e.g. invalid_card_number/number, invalid_routing_number/
// routing_number, invalid_iban_checksum/iban).
Result<ValidTokenRequest> validate_token_request(const TokenRequest& request, const Date& today);

}  // namespace pw
