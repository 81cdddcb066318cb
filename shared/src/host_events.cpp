// See paywidget/host_events.hpp.
#include "paywidget/host_events.hpp"

#include <optional>
#include <string>

#include "paywidget/accepted_methods.hpp"
#include "paywidget/bank_settlement.hpp"

#include "paywidget/money.hpp"
#include "paywidget/url.hpp"

namespace pw {

namespace {

int exponent_of(std::string_view currency) {
    const CurrencyInfo* c = find_currency(currency);
    return c ? c->exponent : 0;
}

std::string receipt_page(std::string_view receipt_base, std::string_view payment_id) {
    return std::string(receipt_base) + percent_encode(payment_id);
}

}  // namespace

nlohmann::json ready_event(const CheckoutState& s, std::string_view receipt_base) {
    nlohmann::json ready = {{"stage", std::string(stage_id(s.stage))}};
    if (!s.view) return ready;
    const Invoice& inv = s.view->invoice;
    ready["invoice_id"] = inv.id;
    ready["balance"] = inv.balance;
    ready["currency"] = inv.currency;
    ready["exponent"] = exponent_of(inv.currency);
    ready["invoice_status"] = std::string(status_id(inv.status));
    const std::string receipt = receipt_payment_id(s.view->receipt_url);
    if (!receipt.empty()) ready["receipt_url"] = receipt_page(receipt_base, receipt);
    return ready;
}

nlohmann::json succeeded_event(const PaymentResponse& r, std::string_view receipt_base) {
    MethodSummary without_digits = r.payment.method;
    without_digits.last4.clear();
    nlohmann::json e = {{"payment_id", r.payment.id},
            {"invoice_id", r.payment.invoice_id},
            {"amount", r.payment.amount},
            {"currency", r.payment.currency},
            {"exponent", exponent_of(r.payment.currency)},
            {"status", std::string(payment_status_id(r.payment.status))},
            {"balance", r.invoice.balance},
            {"invoice_status", std::string(status_id(r.invoice.status))},
            {"method", method_label(without_digits)},
            {"receipt_url", receipt_page(receipt_base, r.payment.id)}};
    // A bank debit not settled yet: when it usually will (the core's rule).
    if (r.payment.status == PaymentStatus::processing) {
        const std::optional<BankScheme> scheme = bank_scheme_from_id(r.payment.method.brand);
        e["settles_within_business_days"] = settlement_business_days(scheme.value_or(BankScheme::pad));
    }
    return e;
}

}  // namespace pw
