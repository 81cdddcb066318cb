#include "paywidget/accepted_methods.hpp"

#include <algorithm>

namespace pw {

bool accepts(const AcceptedMethods& accepted, MethodType type, std::optional<BankScheme> scheme) {
    switch (type) {
        case MethodType::card: return accepted.card;
        case MethodType::bank_debit:
            return scheme && std::find(accepted.bank_debit.begin(), accepted.bank_debit.end(), *scheme) !=
                                 accepted.bank_debit.end();
    }
    return false;
}

bool accepts(const AcceptedMethods& accepted, const MethodSummary& method) {
    if (method.type == MethodType::card) return accepts(accepted, MethodType::card);
    const std::optional<BankScheme> scheme = bank_scheme_from_id(method.brand);
    return scheme && accepts(accepted, MethodType::bank_debit, scheme);
}

std::optional<BankScheme> bank_scheme_from_id(std::string_view id) {
    for (BankScheme s : {BankScheme::ach, BankScheme::pad, BankScheme::sepa})
        if (scheme_id(s) == id) return s;
    return std::nullopt;
}

bool can_save(MethodType type) { return type == MethodType::card; }

}  // namespace pw
