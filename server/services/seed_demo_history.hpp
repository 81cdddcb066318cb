// The demo practice's past (--seed-demo, after seed_demo's own invoices): a
// few months of ordinary business so the console's Home, Payments and CSV
// export have something to show. 30 clients, an invoice each, issued over
// the last 120 days in the practice's currency (USD), and what happened to
// it: paid by card, paid by bank debit (ACH), partly paid, refunded in part,
// a declined card (the processor's decline code kept), a void one, and
// unpaid ones (overdue, or due soon).
//
// Everything goes through the real services (create_client,
// create_invoice, issue_link, resolve_link, create_token, pay_invoice,
// refund_payment), so every balance, status and refund obeys the same rules
// as a payment made today; only the clock is set back while each step runs
// (App::now_ms), which seed_demo does before the server starts any thread.
// Deterministic: the same names, amounts and outcomes on every run, dated
// relative to today. A bank debit made here settles like any other, once
// the server's settle delay has passed (5 s by default).
#pragma once

#include "app/app.hpp"

namespace pws {

inline constexpr int kDemoHistoryClients = 30;
inline constexpr int kDemoHistoryDays = 120;

pw::Error seed_demo_history(App& app, const Practice& practice);

}  // namespace pws
