// Which payment methods an invoice takes, and which a client may keep: the
// one rule the widget (which methods to offer), the token endpoint, and both
// payment branches (new token, saved method) ask. No I/O, no errors.
#pragma once

#include <optional>
#include <string_view>

#include "paywidget/api.hpp"
#include "paywidget/invoice.hpp"

namespace pw {

// Whether `accepted` takes a method of `type`: a card when `accepted.card`;
// a bank debit only with a scheme that is listed in `accepted.bank_debit`
// (no scheme: false, a bank debit is always of one scheme).
bool accepts(const AcceptedMethods& accepted, MethodType type, std::optional<BankScheme> scheme = std::nullopt);

// The same, for a method summarised by its type and brand id (a card brand
// id such as "visa", or a scheme id "ach" / "pad" / "sepa" for bank debit),
// as tokens and saved methods record it. An unknown scheme id: false.
bool accepts(const AcceptedMethods& accepted, const MethodSummary& method);

// The scheme named by its id ("ach", "pad", "sepa"); nullopt otherwise.
std::optional<BankScheme> bank_scheme_from_id(std::string_view id);

// Whether a client may keep a method of `type` in their wallet for later
// invoices. Product rule: cards only. A bank debit is authorised by a mandate
// the payer accepts for one invoice's debit (its text names that payment);
// reusing the account for another invoice would need a standing mandate
// that covers future debits, which the product does not collect. So a
// bank-debit token is never saved, and a saved method is always a card.
bool can_save(MethodType type);

}  // namespace pw
