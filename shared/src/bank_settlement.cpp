// See paywidget/bank_settlement.hpp.
#include "paywidget/bank_settlement.hpp"

#include <algorithm>
#include <string>

#include "paywidget/messages.hpp"

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

std::string processing_total_label(std::string_view locale) { return text(locale, "settlement.processing_total"); }

std::string processing_text(std::string_view amount_text, int business_days, std::string_view locale) {
    const std::string days = std::to_string(business_days);
    if (amount_text.empty()) return text(locale, "settlement.processing_unknown_amount", {{"days", days}});
    return text(locale, "settlement.processing", {{"amount", std::string(amount_text)}, {"days", days}});
}

}  // namespace pw
