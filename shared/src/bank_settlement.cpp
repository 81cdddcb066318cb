// See paywidget/bank_settlement.hpp.
#include "paywidget/bank_settlement.hpp"

#include <algorithm>

namespace pw {

int settlement_business_days(BankScheme scheme) {
    switch (scheme) {
        case BankScheme::ach: return 4;
        case BankScheme::pad: return 5;
        case BankScheme::sepa: return 3;
    }
    return 5;
}

int settlement_business_days(const AcceptedMethods& accepted) {
    int days = 0;
    for (BankScheme s : accepted.bank_debit) days = std::max(days, settlement_business_days(s));
    return days;
}

std::string_view processing_total_label() { return "Processing (bank debit, not yet settled)"; }

std::string processing_text(std::string_view amount_text, int business_days) {
    std::string out = "Your bank debit";
    if (!amount_text.empty()) out += " of " + std::string(amount_text);
    out += " is processing. It usually settles within " + std::to_string(business_days) +
           (business_days == 1 ? " business day" : " business days") +
           "; until then the amount is reserved for this invoice, so nothing more is due now. If your bank returns "
           "the debit, the amount is due again and you will be asked to pay it another way.";
    return out;
}

}  // namespace pw
