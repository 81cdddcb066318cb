// A bank debit between "submitted" and "settled": how long it usually takes
// per scheme, and the one sentence every place says about it (the widget's
// confirmation, the payment pages). A debit that is processing is reserved
// against the invoice (the balance due already excludes it) but is not paid
// until the bank settles it; a returned debit is owed again.
#pragma once

#include <string>
#include <string_view>

#include "paywidget/invoice.hpp"

namespace pw {

// Business days within which a debit usually settles: ACH 4, PAD 5, SEPA 3
// (the schemes' usual clearing times, upper ends; the processor may be
// faster, never this rule's concern).
int settlement_business_days(BankScheme scheme);

// The longest of the accepted schemes' days (0 when no bank debit is
// accepted): what a page says before it knows which scheme was used.
int settlement_business_days(const AcceptedMethods& accepted);

// The label of the totals row for Invoice::amount_processing, under
// "Amount paid" wherever an invoice's totals are listed (the widget's
// review, the pages' summary and receipt, the invoice email): the
// catalogue's "settlement.processing_total", in English "Processing (bank
// debit, not yet settled)".
std::string processing_total_label(std::string_view locale = "en");

// "Your bank debit of $570.00 is processing. It usually settles within 4
// business days; until then the amount is reserved for this invoice, so
// nothing more is due now. If your bank returns the debit, the amount is
// due again and you will be asked to pay it another way." (the catalogue's
// "settlement.processing"). `amount_text` already formatted; "" leaves the
// amount out ("settlement.processing_unknown_amount").
std::string processing_text(std::string_view amount_text, int business_days, std::string_view locale = "en");

}  // namespace pw
