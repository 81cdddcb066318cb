// The Payments page's filters, read from GET parameters (so a filtered list
// is a bookmarkable URL, and the CSV link carries the same filters):
//   status    paid | processing | declined | failed | refunded ("" : any)
//   method    card | bank_debit
//   currency  ISO 4217 code (any case)
//   from, to  ISO dates (UTC days, both included)
//   client    text found in the client's name or email (at most 100 chars)
//   page      1-based (console_page_number)
// A value that is not understood is ignored and named in `problems`, so
// the page says so instead of silently showing everything.
#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"

#include "storage/records.hpp"

namespace pws::pages {

inline constexpr std::size_t kMaxClientSearch = 100;

struct PaymentQuery {
    // As typed (kept in the form and in links), only the accepted ones.
    std::string status, method, currency, from, to, client;
    std::size_t page = 1;
    PaymentFilter filter;               // what the store searches
    std::vector<std::string> problems;  // what was ignored, and how to fix it
};

PaymentQuery read_payment_query(const http::Request& req);

// "status=paid&from=2026-01-01" (accepted filters only, no page), "" when none.
std::string payment_query_string(const PaymentQuery& q);

// The filter form (GET /console/payments), labelled, with the current values.
std::string payment_filter_form(const PaymentQuery& q);

}  // namespace pws::pages
