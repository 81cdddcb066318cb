// Steps the API suites repeat, each one call: a link payer paying by card
// (tokenize, then pay with a fresh Idempotency-Key), an invoice with its
// payment link made through the admin API, a client's unique email.
// Header-only; the calls themselves are in server_process.hpp (payer) and
// admin_api.hpp (admin).
#pragma once

#include <cstdint>
#include <string>

#include "admin_api.hpp"
#include "server_process.hpp"

namespace pws_test {

// "<tag>-<random>@example.com": clients are unique per practice by email,
// and the suites share one server.
inline std::string unique_email(const std::string& tag) {
    return tag + "-" + pws::random_token(8) + "@example.com";
}

// The link payer tokenizes `number` and pays `amount` of the invoice in USD
// (a new Idempotency-Key). A failed tokenization sends an empty token, which
// the server refuses: the reply says so.
inline Reply pay_by_card(pwhttp::Client& c, const std::string& link_token, const std::string& invoice_id,
                         std::int64_t amount, const std::string& number = "4242424242424242") {
    return post_payment(c, link_token, invoice_id, pay_body(amount, card_token(c, link_token, number)),
                        new_key());
}

struct LinkedInvoice {
    std::string invoice;  // id ("" on failure)
    std::string link;     // the raw link token ("" on failure)
};

// An invoice of `amount` (invoice_body's defaults) for the client, and a
// payment link to it, through the admin API with `key`.
inline LinkedInvoice invoice_with_link(pwhttp::Client& c, const std::string& key,
                                       const std::string& client_id, std::int64_t amount = 20000) {
    LinkedInvoice out;
    out.invoice = create_invoice(c, key, client_id, amount);
    if (!out.invoice.empty()) out.link = create_link(c, key, out.invoice);
    return out;
}

}  // namespace pws_test
