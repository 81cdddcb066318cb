// See api.hpp (method_label): the one wording of a payment method.
#include <string>

#include "paywidget/api.hpp"
#include "paywidget/card.hpp"

namespace pw {

std::string method_label(const MethodSummary& m) {
    std::string name;
    if (m.type == MethodType::card) {
        name = std::string(card_brand_name(card_brand_from_id(m.brand)));
    } else {
        name = m.brand == "ach"    ? "US bank account"
               : m.brand == "pad"  ? "Canadian bank account"
               : m.brand == "sepa" ? "SEPA bank account"
                                   : "Bank account";
    }
    if (!m.last4.empty()) name += " \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 " + m.last4;
    return name;
}

}  // namespace pw
