// The widget's messages to the page that embeds it
// (wasm/runtime/widget_runtime.cpp sends them, web/embed.js forwards them,
// web/pay-widget.js hands them to the page's callbacks; docs/api.md
// "Embedding"). Built here so their fields and meaning live once and are
// tested natively. Ids, amounts, statuses and
// labels only: never card data (no number, expiry, CVC, name or last 4).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "paywidget/checkout.hpp"

namespace pw {

// "ready", once the first screen is up:
//   {stage, invoice_id?, balance?, currency?, exponent?, invoice_status?,
//    receipt_url?}
// exponent: the currency's ISO 4217 minor-unit digits (the core's table;
// a page must not use CLDR's digits, which differ for e.g. IQD), so a page
// formats minor units exactly. invoice_status: the core's (status_id),
// "processing" while a bank debit covers the balance unsettled, "paid" only
// once every payment settled. receipt_url: the latest receipt page,
// `receipt_base` + payment id (a path on the payment host), when the
// invoice has one: after a reload the page can show the paid state.
nlohmann::json ready_event(const CheckoutState& s, std::string_view receipt_base);

// "payment.succeeded", for a succeeded or processing payment:
//   {payment_id, invoice_id, amount, currency, exponent, status, balance,
//    invoice_status, method, receipt_url}
// method: how the payer reads it without digits ("Visa", "US bank
// account"). status "processing": a bank debit submitted, not yet settled;
// then also settles_within_business_days (paywidget/bank_settlement.hpp).
nlohmann::json succeeded_event(const PaymentResponse& r, std::string_view receipt_base);

}  // namespace pw
