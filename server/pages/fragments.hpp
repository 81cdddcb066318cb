// Pieces of HTML more than one page shows: the invoice summary above the
// widget, the mounted widget, the receipt, and the link-problem page, in the
// page's locale (the catalogue's words, display_text's amounts and dates;
// the overloads without one are English). Each
// takes the API's own messages (pw::LinkView, pw::Receipt) as built by the
// services, so a page and the JSON API always show the same facts.
#pragma once

#include <string>
#include <string_view>

#include "http/router.hpp"

#include "auth/payer_auth.hpp"
#include "paywidget/api.hpp"

namespace pws::pages {

// Practitioner, number, dates, items, total, paid so far, balance due.
std::string invoice_summary_html(const pw::Invoice& invoice);
std::string invoice_summary_html(const pw::Invoice& invoice, std::string_view locale);

// "Paid", "Processing", "Declined", "Failed": a payment's status in words.
std::string payment_status_text(pw::PaymentStatus s);
std::string payment_status_text(pw::PaymentStatus s, std::string_view locale);

// What the page says above the widget about payments already made,
// decided by the invoice's status (the core's): partially paid -> "You
// have already paid part of this invoice" and the latest receipt; open ->
// nothing yet. Every sentence is written (the others hidden) so that
// site.js can show the one a payment in the widget leads to: a remainder
// paid in full says "This invoice is paid", never "part". `receipt_base`
// + a payment id is that payment's receipt page.
std::string payment_note_html(const pw::LinkView& view, std::string_view receipt_base);
std::string payment_note_html(const pw::LinkView& view, std::string_view receipt_base, std::string_view locale);

// The widget at /embed#link=<token> or /embed#invoice=<id> (exactly one of
// them set). site.js mounts it once with PayWidget.mount (the loader is on
// every widget page: kWidgetLoaderScript); the plain iframe is written
// inside <noscript> (and used by site.js only if the loader fails), so the
// browser never starts a frame that the loader then replaces.
struct WidgetTarget {
    std::string link_token;
    std::string invoice_id;
};
std::string widget_html(const WidgetTarget& target);
// `locale` also goes to the widget (data-locale, site.js: options.locale),
// so the page and the widget speak one language.
std::string widget_html(const WidgetTarget& target, std::string_view locale);

// The paid invoice as receipt, with a Print receipt button. `back_href` /
// `back_text` name where "back" goes ("" for none).
std::string receipt_html(const pw::Receipt& receipt, std::string_view back_href, std::string_view back_text);
std::string receipt_html(const pw::Receipt& receipt, std::string_view back_href, std::string_view back_text,
                         std::string_view locale);

// The sentence above a receipt shown instead of the widget: paid, or, while
// a bank debit is processing, what that means (pw::processing_text).
std::string receipt_notice_html(const pw::Receipt& receipt);
std::string receipt_notice_html(const pw::Receipt& receipt, std::string_view locale);

// The receipt for payment `payment_id` as `payer` may see it (the same
// service as GET /api/v1/receipts/{id}): not_found when not allowed,
// unknown, or `payment_id` is empty (no receipt yet: nothing is read), or
// the store's failure (its cause already logged).
pw::Result<pw::Receipt> load_receipt(App& app, const Payer& payer, std::string_view payment_id);

// The page for a receipt that could not be shown: 404 "not found" for
// not_found, else "try again" (503 with Retry-After when the store was busy,
// 500 otherwise): a busy database never reads as a missing receipt.
void send_receipt_problem(http::Response& res, const pw::Error& error, std::string_view locale);


// A link that cannot be used (link_unknown 404, link_expired/link_revoked
// 410): what happened, whom to ask (mailto:/tel:), no script needed.
void send_link_problem(http::Response& res, const AuthFailure& failure);
void send_link_problem(http::Response& res, const AuthFailure& failure, std::string_view locale);

}  // namespace pws::pages
