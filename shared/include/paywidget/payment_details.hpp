// Whether the payer's details for a new method are complete and valid: the
// one check the checkout derives "details valid" from (and the widget's
// per-field messages come from the same validators, card.hpp and
// bank_debit.hpp). No I/O: `today` is injected (the view's server date).
#pragma once

#include "paywidget/api.hpp"
#include "paywidget/date.hpp"
#include "paywidget/result.hpp"

namespace pw {

// The first problem with `details`, or an ok Error:
//   card: validate_card_input (number, exp judged by `today`, cvc, name,
//         postal code);
//   bank_debit: validate_ach / validate_pad / validate_sepa for
//         details.bank.scheme, then "mandate_not_accepted" (field
//         "mandate.accepted") unless the payer accepted the mandate.
Error validate_details(const TokenRequest& details, const Date& today);

}  // namespace pw
