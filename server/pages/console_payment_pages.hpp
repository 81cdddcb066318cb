// The console's Payments: the filtered list (GET /console/payments), its
// CSV export (GET /console/payments.csv, services/payments_csv.hpp) and one
// payment's page (GET /console/payments/<id>) with its Refund form. The
// refund's two steps are posted to routes/console_payments.cpp, which
// answers with the pages declared here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"

#include "app/app.hpp"
#include "pages/console_kit.hpp"

namespace pws::pages {

void register_console_payment_pages(http::Router& server, App& app);

// A table of payments (date, invoice, client when `with_client`, method,
// status with refunds, amount), each linking to its payment page and
// invoice page. Home's recent payments, the Payments list, a client's page.
std::string console_payments_table(const std::vector<HistoryEntry>& rows, std::string_view caption,
                                   bool with_client);

// "Paid", or "Paid, $20.00 refunded": a payment's status as the console shows it.
std::string status_with_refunds(const pw::PaymentResult& p);

// One payment of the user's practice, with its invoice, client and what may
// still be refunded.
struct ConsolePayment {
    ReceiptData data;
    std::int64_t refundable = 0;
};

// The payment, or a 404 page (unknown, or another practice's: the same
// answer) / 503 page, written to `res`, and nullopt.
std::optional<ConsolePayment> load_console_payment(App& app, const ConsoleUser& user, std::string_view payment_id,
                                                   http::Response& res);

// What the Refund form shows again after a refused step.
struct RefundDraft {
    std::string amount;  // as typed
    std::string reason;
    std::string error;   // role="alert": what went wrong, what to do next
    std::string field;   // "amount", "reason" or "" (the whole refund)
};

void send_console_payment(http::Response& res, int status, const ConsoleUser& user, const ConsolePayment& payment,
                          const RefundDraft& draft, std::string_view notice);

// The confirmation step: the refund line as the client's receipt will show
// it, the amount left to refund after it, and "Confirm refund" carrying
// `idempotency_key` (made when this page was rendered).
void send_console_refund_confirm(App& app, http::Response& res, const ConsoleUser& user,
                                 const ConsolePayment& payment, std::int64_t amount, const std::string& reason,
                                 const std::string& idempotency_key);

}  // namespace pws::pages
