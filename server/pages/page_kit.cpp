#include "pages/page_kit.hpp"
#include "pages/site_script_texts.hpp"

#include <array>
#include <utility>

#include "paywidget/card.hpp"
#include "paywidget/locale.hpp"
#include "paywidget/messages.hpp"
#include "paywidget/money.hpp"
#include "services/display_text.hpp"
#include "services/outbox.hpp"

namespace pws::pages {

std::string html(std::string_view text) { return html_escape(text); }

namespace {

std::string_view nav_item_class(Nav current, Nav item) { return current == item ? " aria-current=\"page\"" : ""; }

std::string nav_item(Nav current, Nav item, std::string_view href, std::string_view locale, std::string_view id) {
    return "<li><a href=\"" + std::string(href) + "\"" + std::string(nav_item_class(current, item)) + ">" +
           html(pw::text(locale, id)) + "</a></li>";
}

std::string nav_html(Nav nav, std::string_view locale) {
    if (nav == Nav::none) return {};
    std::string out = "<nav class=\"site-nav\" aria-label=\"" + html(pw::text(locale, "portal.nav_label")) + "\"><ul>";
    out += nav_item(nav, Nav::pending_invoices, "/portal", locale, "portal.nav_pending");
    out += nav_item(nav, Nav::billing, "/portal/billing", locale, "portal.nav_billing");
    out += nav_item(nav, Nav::payment_methods, "/portal/payment-methods", locale, "portal.nav_methods");
    out += nav_item(nav, Nav::account, "/portal/account", locale, "portal.nav_account");
    // A real form: signing out works without JavaScript.
    out += "<li><form method=\"post\" action=\"/portal/logout\" class=\"signout\">"
           "<button type=\"submit\" class=\"link-button\">" + html(pw::text(locale, "portal.sign_out")) +
           "</button></form></li>";
    out += "</ul></nav>";
    return out;
}

}  // namespace

std::string instant_date_text(std::string_view instant) { return instant_date_text(instant, "en"); }

std::string instant_date_text(std::string_view instant, std::string_view locale) {
    pw::Result<pw::Date> d = pw::parse_iso_date(instant.substr(0, 10));
    return d.ok() ? date_text(d.value, locale) : std::string(instant);
}

std::string method_text(const pw::MethodSummary& m) { return pw::method_label(m); }
std::string method_text(const pw::MethodSummary& m, std::string_view locale) { return pw::method_label(m, locale); }

std::string status_badge(pw::InvoiceStatus s) { return status_badge(s, "en"); }

std::string status_badge(pw::InvoiceStatus s, std::string_view locale) {
    std::string_view cls = "badge-open";
    switch (s) {
        case pw::InvoiceStatus::processing: cls = "badge-processing"; break;
        case pw::InvoiceStatus::paid: cls = "badge-paid"; break;
        case pw::InvoiceStatus::partially_paid: cls = "badge-partial"; break;
        case pw::InvoiceStatus::void_: cls = "badge-void"; break;
        case pw::InvoiceStatus::open: break;
    }
    // The catalogue's status.<id> ("status.partially_paid"), as the widget says it.
    return "<span class=\"badge " + std::string(cls) + "\">" +
           html(pw::text(locale, "status." + std::string(pw::status_id(s)))) + "</span>";
}

std::string page_locale(const http::Request& req) {
    return pw::negotiate_locale(pw::parse_accept_language(req.get_header_value("Accept-Language")));
}

std::string safe_next(std::string_view next, std::string_view root) {
    const std::string fallback(root);
    if (next.size() > 512) return fallback;
    const bool inside = next == root || (next.substr(0, root.size()) == root && next.size() > root.size() &&
                                         (next[root.size()] == '/' || next[root.size()] == '?'));
    if (!inside) return fallback;
    if (next.find("//") != std::string_view::npos) return fallback;
    for (char c : next) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                        c == '-' || c == '_' || c == '.' || c == '~' || c == '%' || c == '?' || c == '=' || c == '&';
        if (!ok) return fallback;
    }
    return std::string(next);
}

std::string contact_html(const pw::Contact& p) { return contact_html(p, "en"); }

std::string tel_href(std::string_view phone) {
    std::string tel = "tel:";  // tel: wants the digits and a leading + (RFC 3966: no spaces)
    for (char c : phone)
        if ((c >= '0' && c <= '9') || (c == '+' && tel.size() == 4)) tel += c;
    return tel;
}

std::string contact_html(const pw::Contact& p, std::string_view locale) {
    std::string out = "<ul class=\"contact\">";
    if (!p.email.empty())
        out += "<li><span class=\"contact-label\">" + html(pw::text(locale, "page.contact_email")) + "</span> <a href=\"mailto:" + html(p.email) + "\">" +
               html(p.email) + "</a></li>";
    if (!p.phone.empty()) {
        out += "<li><span class=\"contact-label\">" + html(pw::text(locale, "page.contact_phone")) + "</span> <a href=\"" + html(tel_href(p.phone)) + "\">" + html(p.phone) +
               "</a></li>";
    }
    out += "</ul>";
    return out;
}

std::string render(const PageShell& page) {
    std::string out;
    out.reserve(page.body.size() + 2048);
    out += "<!doctype html>\n<html lang=\"" + html(page.locale) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"referrer\" content=\"" + std::string(page.referrer_policy) +
           "\">\n<meta name=\"color-scheme\" content=\"light\">\n";
    out += "<title>" + html(page.title) + "</title>\n";
    out += "<link rel=\"icon\" href=\"/pages/favicon.svg\" type=\"image/svg+xml\">\n";
    out += "<link rel=\"stylesheet\" href=\"/pages/site.css\">\n</head>\n";
    out += "<body" + (page.body_class.empty() ? std::string() : " class=\"" + html(page.body_class) + "\"") + ">\n";
    out += "<a class=\"skip-link\" href=\"#main\">" + html(pw::text(page.locale, "page.skip_link")) + "</a>\n";
    out += "<header class=\"site-header\"><div class=\"wrap header-row\"><span class=\"brand\">" +
           html(page.brand.empty() ? pw::text(page.locale, "portal.brand") : page.brand) + "</span>" +
           (page.nav_html.empty() ? nav_html(page.nav, page.locale) : page.nav_html) +
           "</div></header>\n";
    out += "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n" + page.body + "\n</main>\n";
    out += "<footer class=\"site-footer\"><div class=\"wrap\"><p>" +
           html(page.footer.empty() ? pw::text(page.locale, "page.footer") : page.footer) +
           "</p></div></footer>\n";
    if (page.widget && !kWidgetLoaderScript.empty())
        out += "<script src=\"" + std::string(kWidgetLoaderScript) + "\"></script>\n";
    out += "<script src=\"/pages/site.js\" data-messages=\"" + html(site_script_texts(page.locale, page.api_forms)) +
           "\"></script>\n</body>\n</html>\n";
    return out;
}

void set_page_headers(http::Response& res, std::string_view referrer_policy) {
    // set_header appends: never send two policies.
    res.headers.erase("Content-Security-Policy");
    res.headers.erase("Cache-Control");
    res.headers.erase("Referrer-Policy");
    res.set_header("Content-Security-Policy", std::string(kPageCsp));
    // Invoices and receipts carry health information; link tokens sit in
    // the path of /pay pages.
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", std::string(referrer_policy));
}

void send_page(http::Response& res, int status, const PageShell& page) {
    set_page_headers(res, page.referrer_policy);
    res.status = status;
    res.set_content(render(page), "text/html; charset=utf-8");
}

void redirect(http::Response& res, const std::string& path) {
    set_page_headers(res);
    res.status = 302;
    res.set_header("Location", path);
    res.set_content("", "text/plain");
}

void send_message_page(http::Response& res, int status, std::string_view title, std::string_view heading,
                       const std::string& body_html, Nav nav) {
    send_message_page(res, status, title, heading, body_html, nav, "en");
}

void send_message_page(http::Response& res, int status, std::string_view title, std::string_view heading,
                       const std::string& body_html, Nav nav, std::string_view locale) {
    PageShell p;
    p.locale = std::string(locale);
    p.title = std::string(title);
    p.nav = nav;
    p.body = "<section class=\"card message\"><h1>" + html(heading) + "</h1>" + body_html + "</section>";
    send_page(res, status, p);
}

}  // namespace pws::pages
