#include "pages/page_kit.hpp"

#include <array>
#include <utility>

#include "paywidget/card.hpp"
#include "paywidget/money.hpp"
#include "services/display_text.hpp"
#include "services/outbox.hpp"

namespace pws::pages {

std::string html(std::string_view text) { return html_escape(text); }

namespace {

std::string_view nav_item_class(Nav current, Nav item) { return current == item ? " aria-current=\"page\"" : ""; }

std::string nav_html(Nav nav) {
    if (nav == Nav::none) return {};
    std::string out = "<nav class=\"site-nav\" aria-label=\"Client portal\"><ul>";
    out += "<li><a href=\"/portal\"" + std::string(nav_item_class(nav, Nav::pending_invoices)) + ">Pending Invoices</a></li>";
    out += "<li><a href=\"/portal/billing\"" + std::string(nav_item_class(nav, Nav::billing)) +
           ">Invoices &amp; Billing</a></li>";
    out += "<li><a href=\"/portal/payment-methods\"" + std::string(nav_item_class(nav, Nav::payment_methods)) +
           ">Payment methods</a></li>";
    // A real form: signing out works without JavaScript.
    out += "<li><form method=\"post\" action=\"/portal/logout\" class=\"signout\">"
           "<button type=\"submit\" class=\"link-button\">Sign out</button></form></li>";
    out += "</ul></nav>";
    return out;
}

}  // namespace

std::string instant_date_text(std::string_view instant) {
    pw::Result<pw::Date> d = pw::parse_iso_date(instant.substr(0, 10));
    return d.ok() ? date_text(d.value) : std::string(instant);
}

std::string method_text(const pw::MethodSummary& m) { return pw::method_label(m); }

std::string status_badge(pw::InvoiceStatus s) {
    switch (s) {
        case pw::InvoiceStatus::processing: return "<span class=\"badge badge-processing\">Processing</span>";
        case pw::InvoiceStatus::paid: return "<span class=\"badge badge-paid\">Paid</span>";
        case pw::InvoiceStatus::partially_paid: return "<span class=\"badge badge-partial\">Partially paid</span>";
        case pw::InvoiceStatus::void_: return "<span class=\"badge badge-void\">Void</span>";
        case pw::InvoiceStatus::open: break;
    }
    return "<span class=\"badge badge-open\">Open</span>";
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

std::string contact_html(const pw::Contact& p) {
    std::string out = "<ul class=\"contact\">";
    if (!p.email.empty())
        out += "<li><span class=\"contact-label\">Email</span> <a href=\"mailto:" + html(p.email) + "\">" +
               html(p.email) + "</a></li>";
    if (!p.phone.empty()) {
        std::string tel;  // tel: wants the digits and a leading +
        for (char c : p.phone)
            if ((c >= '0' && c <= '9') || (c == '+' && tel.empty())) tel += c;
        out += "<li><span class=\"contact-label\">Phone</span> <a href=\"tel:" + html(tel) + "\">" + html(p.phone) +
               "</a></li>";
    }
    out += "</ul>";
    return out;
}

std::string render(const PageShell& page) {
    std::string out;
    out.reserve(page.body.size() + 2048);
    out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"referrer\" content=\"" + std::string(page.referrer_policy) +
           "\">\n<meta name=\"color-scheme\" content=\"light\">\n";
    out += "<title>" + html(page.title) + "</title>\n";
    out += "<link rel=\"icon\" href=\"/pages/favicon.svg\" type=\"image/svg+xml\">\n";
    out += "<link rel=\"stylesheet\" href=\"/pages/site.css\">\n</head>\n";
    out += "<body" + (page.body_class.empty() ? std::string() : " class=\"" + html(page.body_class) + "\"") + ">\n";
    out += "<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n";
    out += "<header class=\"site-header\"><div class=\"wrap header-row\"><span class=\"brand\">" +
           html(page.brand.empty() ? std::string("Client portal") : page.brand) + "</span>" +
           (page.nav_html.empty() ? nav_html(page.nav) : page.nav_html) +
           "</div></header>\n";
    out += "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n" + page.body + "\n</main>\n";
    out += "<footer class=\"site-footer\"><div class=\"wrap\"><p>" +
           (page.footer.empty() ? std::string("Payments are processed securely. Card details go straight to the "
                                              "payment form and are never shown to this page.")
                                : html(page.footer)) +
           "</p></div></footer>\n";
    if (page.widget && !kWidgetLoaderScript.empty())
        out += "<script src=\"" + std::string(kWidgetLoaderScript) + "\"></script>\n";
    out += "<script src=\"/pages/site.js\"></script>\n</body>\n</html>\n";
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
    PageShell p;
    p.title = std::string(title);
    p.nav = nav;
    p.body = "<section class=\"card message\"><h1>" + html(heading) + "</h1>" + body_html + "</section>";
    send_page(res, status, p);
}

}  // namespace pws::pages
