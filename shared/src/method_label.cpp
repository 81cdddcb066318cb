// See api.hpp (method_label): the one wording of a payment method.
#include <string>

#include "paywidget/api.hpp"
#include "paywidget/card.hpp"
#include "paywidget/messages.hpp"

namespace pw {

std::string method_label(const MethodSummary& m, std::string_view locale) {
    std::string name;
    if (m.type == MethodType::card) {
        name = std::string(card_brand_name(card_brand_from_id(m.brand)));  // brand names are not translated
    } else {
        const bool known = m.brand == "ach" || m.brand == "pad" || m.brand == "sepa";
        name = text(locale, known ? "method." + m.brand : std::string("method.bank"));
    }
    if (m.last4.empty()) return name;
    return text(locale, "method.with_last4", {{"method", name}, {"last4", m.last4}});
}

}  // namespace pw
