// The page kit: what every server-rendered page (pay_pages, portal_*_pages)
// is made of. Catalogue:
//   html(s)                 escape text for HTML text and attribute values
//   money(), date_text()    from services/display_text.hpp (shared with emails)
//   instant_date_text("2025-01-15T09:30:00Z")  "Jan 15, 2025"
//   method_text(m)          "Visa •••• 4242", "ACH •••• 6789"
//   status_badge(status)    "Paid", "Partially paid", "Open", "Void" as a badge
//   page_locale(req)        the language a page speaks: Accept-Language
//                           negotiated by the core (paywidget/locale.hpp)
// Every function writing words has an overload taking that locale (the
// catalogue's texts, paywidget/messages.hpp); without it, English (the
// console's pages call those).
//   safe_next(next)         a login `next` that can never leave the site
//   PageShell + send_page   one page shell (header, nav, main, footer) and
//                           the pages' own headers (CSP, no-store, no-referrer)
//   redirect                302 with the same headers
// Pages are built as strings: every interpolated value goes through html().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http/router.hpp"

#include "paywidget/api.hpp"
#include "paywidget/date.hpp"
#include "paywidget/invoice.hpp"
#include "services/display_text.hpp"

namespace pws::pages {

// The pages' policy: no inline script or style, frames only from this host
// (the widget), forms post only here, and no page may itself be framed.
inline constexpr std::string_view kPageCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; frame-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

// Where the widget loader lives once web/pay-widget.js ships: set it to
// "/pay-widget.js" and every page with a widget loads it before site.js,
// which then mounts through PayWidget.mount instead of keeping the plain
// iframe (the one-line switch).
inline constexpr std::string_view kWidgetLoaderScript = "/pay-widget.js";

std::string html(std::string_view text);

// The date part of an API instant; the text unchanged when it is not one.
std::string instant_date_text(std::string_view instant);
std::string instant_date_text(std::string_view instant, std::string_view locale);
std::string method_text(const pw::MethodSummary& m);
std::string method_text(const pw::MethodSummary& m, std::string_view locale);
std::string status_badge(pw::InvoiceStatus s);
std::string status_badge(pw::InvoiceStatus s, std::string_view locale);

// The supported locale closest to the request's Accept-Language, else "en".
std::string page_locale(const http::Request& req);

// `next` when it is a path inside `root` ("/portal" or "/portal/...", only
// unreserved characters, '/', '%', '?', '=', '&'; no "//", no '\\', no
// scheme); `root` otherwise. Never an open redirect.
std::string safe_next(std::string_view next, std::string_view root = "/portal");

// "tel:+15550199" for "+1 555 0199": the digits and a leading +.
std::string tel_href(std::string_view phone);
// mailto:/tel: links for a practitioner (whatever is known), as an HTML list.
std::string contact_html(const pw::Contact& practitioner);
std::string contact_html(const pw::Contact& practitioner, std::string_view locale);

// The portal's sections, named as the help article names them.
enum class Nav { none, pending_invoices, billing, payment_methods, other_portal, account };

struct PageShell {
    std::string title;      // <title> and nothing else; the body has its own <h1>
    std::string brand;      // header text: the practitioner's name, or "Client portal"
    Nav nav = Nav::none;    // portal navigation (with Sign out) unless none
    std::string body;       // the <main> content (already escaped HTML)
    bool widget = false;    // the page mounts the payment widget
    std::string body_class; // e.g. "page-receipt" (print rules)
    std::string nav_html;   // when set, replaces the portal navigation (the console's own)
    std::string footer;     // when set, replaces the payer-facing footer sentence
    // "no-referrer" (link tokens sit in /pay paths). The console uses
    // "same-origin": its paths hold no secret, and under no-referrer the
    // browser sends `Origin: null` on form posts, which the console's Origin
    // check (console_kit.hpp) must be able to tell from a foreign site.
    std::string_view referrer_policy = "no-referrer";
    // The page's language (<html lang>, the shell's own words): a supported
    // locale (page_locale); the console's pages stay "en".
    std::string locale = "en";
    // The page has forms site.js sends to the API: the error texts of
    // their answers come along, in the page's language (site_script_texts).
    bool api_forms = false;
};

std::string render(const PageShell& page);

// Writes the page with status and the pages' headers.
void send_page(http::Response& res, int status, const PageShell& page);
// 302 to a same-origin path, with the pages' headers.
void redirect(http::Response& res, const std::string& path);
// The pages' headers alone (also for redirects).
void set_page_headers(http::Response& res, std::string_view referrer_policy = "no-referrer");

// A friendly error page: a heading, a sentence, and what to do next.
void send_message_page(http::Response& res, int status, std::string_view title, std::string_view heading,
                       const std::string& body_html, Nav nav = Nav::none);
// The same in `locale` (title and heading already in that language).
void send_message_page(http::Response& res, int status, std::string_view title, std::string_view heading,
                       const std::string& body_html, Nav nav, std::string_view locale);

}  // namespace pws::pages
