// Pieces of HTML more than one page shows: the invoice summary above the
// widget, the mounted widget, the receipt, and the link-problem page. Each
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

// The widget in an iframe to /embed#link=<token> or /embed#invoice=<id>
// (exactly one of them set). Today a plain iframe; site.js mounts it with
// PayWidget.mount when the loader is on the page (kWidgetLoaderScript).
struct WidgetTarget {
    std::string link_token;
    std::string invoice_id;
};
std::string widget_html(const WidgetTarget& target);

// The paid invoice as receipt, with a Print receipt button. `back_href` /
// `back_text` name where "back" goes ("" for none).
std::string receipt_html(const pw::Receipt& receipt, std::string_view back_href, std::string_view back_text);

// The receipt for payment `payment_id` as `payer` may see it (the same
// service as GET /api/v1/receipts/{id}); false when not allowed or unknown.
bool load_receipt(App& app, const Payer& payer, std::string_view payment_id, pw::Receipt& out);

// The id of the invoice's latest succeeded or processing payment, "" none.
std::string latest_receipt_payment(const pw::LinkView& view);

// A link that cannot be used (link_unknown 404, link_expired/link_revoked
// 410): what happened, whom to ask (mailto:/tel:), no script needed.
void send_link_problem(http::Response& res, const AuthFailure& failure);

}  // namespace pws::pages
