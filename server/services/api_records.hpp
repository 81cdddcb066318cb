// Storage records -> API messages (api.hpp), for the admin and portal
// answers: payments, refunds, the invoice balance, instants. One place, so
// every endpoint shows a payment the same way.
#pragma once

#include <string>
#include <vector>

#include "paywidget/api.hpp"
#include "storage/records.hpp"

namespace pws::rec {

// "2025-01-15T09:30:00Z" (UTC).
std::string format_instant(UnixTime t);

// Who reads the payment: the practitioner keeps the processor's raw decline
// code; a payer gets the public code (pw::advise_decline), never "stolen_card".
enum class Audience { payer, practitioner };

// The payment as PaymentResult. `refunds` may hold any refunds; only the
// succeeded ones of this payment count in `refunded`. A reserved payment
// shows as processing; failed, returned and released as failed.
pw::PaymentResult payment_result(const PaymentRecord& p, const std::vector<RefundRecord>& refunds,
                                 Audience audience);

pw::Refund refund_message(const RefundRecord& r);

// id, balance, status and payments_left of the live view.
pw::InvoiceBalance invoice_balance(const InvoiceView& view);

// The client as the portal and admin API show it.
pw::ClientInfo client_info(const Client& c);

// A link without its token (tokens are shown once only).
pw::LinkInfo link_info(const Link& l);

}  // namespace pws::rec
