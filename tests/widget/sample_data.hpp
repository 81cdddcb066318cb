// Sample API data for the widget tests, built in code the way the server
// builds it (the options come from the core's plan): an invoice of
// 200.00 USD (Initial consultation 150.00 + Follow-up 50.00) from
// "Dr. Ada Lovelace", and the responses the API would send.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "paywidget/api.hpp"
#include "paywidget/checkout.hpp"

namespace pwtest {

// `partial`: partial payments with a 25 % minimum; `banks`: the accepted
// bank debit schemes (cards are always accepted); `paid`: payments already
// applied.
pw::Invoice sample_invoice(bool partial = false, std::vector<pw::BankScheme> banks = {pw::BankScheme::ach},
                           std::vector<std::int64_t> paid = {});

// The server's date in every sample view: expiry is judged by it.
inline constexpr pw::Date kSampleToday{2025, 1, 15};

// The view GET /api/v1/links/{token} (link) or /me/invoices/{id} (portal)
// would answer: a portal view carries one saved Mastercard •••• 4444 and
// may save a new card.
pw::LinkView sample_view(const pw::Invoice& inv, pw::SessionKind session = pw::SessionKind::link);

// POST /api/v1/tokens for a card ending in `last4`.
pw::TokenResponse card_token(const std::string& token, const std::string& brand, const std::string& last4);

// The 200 answer to `sent`: its amount, the balance left afterwards and,
// for a decline, the catalogue's advice for `decline_code`.
pw::PaymentResponse payment_response(const pw::effect::SendPayment& sent, pw::PaymentStatus status,
                                     std::int64_t balance_after, int payments_left,
                                     const std::string& brand = "visa", const std::string& last4 = "4242",
                                     const std::string& decline_code = "");

// 410 link_expired / 403 login_required, with the server's words.
pw::ApiError link_expired_error();
pw::ApiError login_required_error();

}  // namespace pwtest
