// The signed-in client's pages (without a session: 302 to the login with
// next=<this path>):
//   GET /portal                       dashboard: Pending Invoices
//   GET /portal/billing               Invoices & Billing: invoices, payment history
//   GET /portal/invoices/<id>         the invoice and the widget (#invoice=<id>); paid: its receipt
//   GET /portal/payment-methods       saved cards, Remove when the practice allows it
//   GET /portal/receipts/<payment>    a receipt (same rule as GET /api/v1/receipts/{id})
// Data comes from the store and the services the /api/v1/me endpoints use;
// another client's invoice or receipt is a 404 page, like the API's.
// Each page speaks the client's stored language, else Accept-Language's
// (portal_locale).
#include "pages/fragments.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages_internal.hpp"
#include "paywidget/messages.hpp"
#include "paywidget/url.hpp"
#include "services/api_records.hpp"
#include "services/link_view.hpp"

namespace pws::pages {

std::string practice_name(App& app, const Client& client) {
    std::string name;
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<Practice> p = t.practice(client.practice_id);
        if (p.ok()) name = p.value.name;
        return p.error;
    });
    return name;
}

namespace {

// The catalogue's text for `id` in `locale`, escaped for HTML.
std::string t(std::string_view locale, std::string_view id, const pw::MessageArgs& args = {}) {
    return html(pw::text(locale, id, args));
}

PageShell portal_shell(App& app, const Client& client, Nav nav, const std::string& title, const std::string& locale) {
    PageShell p;
    p.locale = locale;
    p.brand = practice_name(app, client);
    p.nav = nav;
    p.title = pw::text(locale, "portal.page_title", {{"page", title}});
    return p;
}

void send_storage_problem(http::Response& res, std::string_view locale) {
    send_message_page(res, 503, pw::text(locale, "portal.unavailable_title"), pw::text(locale, "portal.unavailable_heading"),
                      "<p>" + t(locale, "portal.unavailable_text") + "</p>", Nav::other_portal, locale);
}

Payer portal_payer(const Client& client) {
    Payer p;
    p.kind = PayerKind::portal;
    p.practice_id = client.practice_id;
    p.client = client;
    return p;
}

bool is_payable(const pw::Invoice& i) {
    return i.balance > 0 && (i.status == pw::InvoiceStatus::open || i.status == pw::InvoiceStatus::partially_paid);
}

std::string invoice_href(const std::string& id) { return "/portal/invoices/" + pw::percent_encode(id); }
std::string receipt_href(const std::string& payment_id) { return "/portal/receipts/" + pw::percent_encode(payment_id); }

// One invoice as a list row: number and dates left, amounts and action right.
std::string invoice_row(const InvoiceView& v, bool show_status, std::string_view locale) {
    const pw::Invoice& i = v.invoice;
    std::string out = "<li class=\"row\"><div class=\"row-main\"><a class=\"row-title\" href=\"" +
                      html(invoice_href(i.id)) + "\">" + t(locale, "invoice.title", {{"number", i.number}}) + "</a>";
    if (show_status) out += " " + status_badge(i.status, locale);
    out += "<p class=\"muted small\">" + html(i.practitioner.name) + " · <span class=\"nowrap\">" +
           t(locale, "widget.due_date", {{"date", date_text(i.due_date, locale)}}) + "</span></p></div>";
    out += "<div class=\"row-side\"><p class=\"amount\">" +
           html(money(is_payable(i) ? i.balance : i.total, i.currency, locale)) + "</p><p class=\"muted small\">" +
           t(locale, is_payable(i) ? "widget.balance_due" : "statement.total") + "</p></div>";
    out += "<div class=\"row-action\">";
    if (is_payable(i)) {
        out += "<a class=\"button button-primary button-small\" href=\"" + html(invoice_href(i.id)) +
               "\" aria-label=\"" + t(locale, "portal.pay_now_label", {{"number", i.number}}) + "\">" +
               t(locale, "widget.pay_now") + "</a>";
    } else {
        const std::string receipt = pw::receipt_payment_id(latest_receipt_path(v));
        if (!receipt.empty())
            out += "<a class=\"button button-small\" href=\"" + html(receipt_href(receipt)) + "\" aria-label=\"" +
                   t(locale, "receipt.page_title", {{"number", i.number}}) + "\">" + t(locale, "receipt.eyebrow") + "</a>";
    }
    out += "</div></li>";
    return out;
}

void dashboard(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    const std::string locale = portal_locale(req, *client);
    std::vector<InvoiceView> pending;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto views = t.client_invoices(client->id, InvoiceFilter::pending);
        if (!views) return views.error;
        pending = std::move(views.value);
        return {};
    });
    if (e) return send_storage_problem(res, locale);
    PageShell page =
        portal_shell(app, *client, Nav::pending_invoices, pw::text(locale, "portal.nav_pending"), locale);
    std::string body = "<h1 class=\"page-title\">" + t(locale, "portal.welcome", {{"name", client->name}}) + "</h1>";
    body += "<section class=\"card\" aria-labelledby=\"pending-heading\"><h2 id=\"pending-heading\" "
            "class=\"card-title\">" + t(locale, "portal.nav_pending") + "</h2>";
    if (pending.empty()) {
        body += "<p class=\"empty\">" + t(locale, "portal.no_pending") + "</p>";
    } else {
        body += "<ul class=\"rows\">";
        for (const InvoiceView& v : pending) body += invoice_row(v, false, locale);
        body += "</ul>";
    }
    body += "</section>";
    body += "<section class=\"card\" aria-labelledby=\"billing-heading\"><h2 id=\"billing-heading\" "
            "class=\"card-title\">" + t(locale, "portal.nav_billing") + "</h2><p>" + t(locale, "portal.billing_intro") +
            "</p><p><a class=\"button\" href=\"/portal/billing\">" + t(locale, "portal.go_billing") + "</a></p></section>";
    page.body = body;
    send_page(res, 200, page);
}

void billing(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    const std::string locale = portal_locale(req, *client);
    std::vector<InvoiceView> invoices;
    std::vector<HistoryEntry> history;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto views = t.client_invoices(client->id, InvoiceFilter::all);
        if (!views) return views.error;
        invoices = std::move(views.value);
        auto entries = t.client_payments(client->id);
        if (!entries) return entries.error;
        history = std::move(entries.value);
        return {};
    });
    if (e) return send_storage_problem(res, locale);
    PageShell page = portal_shell(app, *client, Nav::billing, pw::text(locale, "portal.nav_billing"), locale);
    std::string body = "<h1 class=\"page-title\">" + t(locale, "portal.nav_billing") + "</h1>";
    body += "<section class=\"card\" aria-labelledby=\"invoices-heading\"><h2 id=\"invoices-heading\" "
            "class=\"card-title\">" + t(locale, "portal.invoices") + "</h2>";
    if (invoices.empty()) {
        body += "<p class=\"empty\">" + t(locale, "portal.no_invoices") + "</p>";
    } else {
        body += "<ul class=\"rows\">";
        for (const InvoiceView& v : invoices) body += invoice_row(v, true, locale);
        body += "</ul>";
    }
    body += "</section>";
    body += "<section class=\"card\" aria-labelledby=\"history-heading\"><h2 id=\"history-heading\" "
            "class=\"card-title\">" + t(locale, "portal.history") + "</h2>";
    if (history.empty()) {
        body += "<p class=\"empty\">" + t(locale, "receipt.no_payments") + "</p>";
    } else {
        body += "<ul class=\"rows\">";
        for (const HistoryEntry& h : history) {
            // The same record the API's /me/payments shows (payer audience).
            const pw::PaymentResult p = rec::payment_result(h.payment, h.refunds, rec::Audience::payer);
            const bool has_receipt =
                p.status == pw::PaymentStatus::succeeded || p.status == pw::PaymentStatus::processing;
            const std::string date = instant_date_text(p.created_at, locale);
            const std::string method = method_text(p.method, locale);
            const std::string amount = money(p.amount, p.currency, locale);
            body += "<li class=\"row\"><div class=\"row-main\"><p class=\"row-title\">" +
                    t(locale, "portal.history_row", {{"date", date}, {"number", h.invoice_number}}) +
                    "</p><p class=\"muted small\">" + html(method) + " · " + html(payment_status_text(p.status, locale));
            if (p.refunded > 0)
                body += " · " + t(locale, "receipt.refunded_amount", {{"amount", money(p.refunded, p.currency, locale)}});
            body += "</p></div><div class=\"row-side\"><p class=\"amount\">" + html(amount) +
                    "</p></div><div class=\"row-action\">";
            if (has_receipt)
                body += "<a class=\"button button-small\" href=\"" + html(receipt_href(p.id)) +
                        // Two payments on one day must not read alike to a
                        // screen reader: amount, date and card tell them apart.
                        "\" aria-label=\"" +
                        t(locale, "portal.payment_receipt_label", {{"amount", amount}, {"date", date}, {"method", method}}) +
                        "\">" + t(locale, "receipt.eyebrow") + "</a>";
            body += "</div></li>";
        }
        body += "</ul>";
    }
    body += "</section>";
    page.body = body;
    send_page(res, 200, page);
}

void not_found_page(http::Response& res, bool invoice, std::string_view locale) {
    send_message_page(res, 404, pw::text(locale, invoice ? "portal.invoice_not_found_title" : "receipt.not_found_title"),
                      pw::text(locale, invoice ? "portal.invoice_not_found_heading" : "receipt.not_found_heading"),
                      "<p>" +
                          html_message(locale, "portal.not_found_text", {},
                                       {{"link_start", "<a href=\"/portal/billing\">"}, {"link_end", "</a>"}}) +
                          "</p>",
                      Nav::other_portal, locale);
}

void invoice_page(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    const std::string locale = portal_locale(req, *client);
    const std::string id = req.matches[1];
    pw::LinkView view;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto v = client_invoice_view(t, *client, id, app.today(), locale);
        if (v) view = std::move(v.value);
        return v.error;
    });
    if (e.code == "not_found") return not_found_page(res, true, locale);
    if (e) return send_storage_problem(res, locale);
    const pw::Invoice& inv = view.invoice;
    const std::string receipt_id = pw::receipt_payment_id(view.receipt_url);
    if (view.payable) {
        PageShell page = portal_shell(app, *client, Nav::other_portal,
                                      pw::text(locale, "pay.page_title", {{"number", inv.number}}), locale);
        page.widget = true;
        page.body = "<p class=\"breadcrumb\"><a href=\"/portal/billing\">" + t(locale, "portal.nav_billing") + "</a></p>" +
                    invoice_summary_html(inv, locale) + payment_note_html(view, receipt_href(""), locale);
        page.body += widget_html(WidgetTarget{"", inv.id}, locale);
        return send_page(res, 200, page);
    }
    const pw::Result<pw::Receipt> latest = load_receipt(app, portal_payer(*client), receipt_id);
    if (!latest.ok() && latest.error.code != "not_found") return send_receipt_problem(res, latest.error, locale);
    PageShell page = portal_shell(app, *client, Nav::other_portal,
                                  pw::text(locale, "invoice.title", {{"number", inv.number}}), locale);
    if (latest.ok()) {
        const pw::Receipt& receipt = latest.value;
        page.body_class = "page-receipt";
        page.body = receipt_notice_html(receipt, locale) +
                    receipt_html(receipt, "/portal/billing", pw::text(locale, "portal.back_billing"), locale);
        return send_page(res, 200, page);
    }
    page.body = "<section class=\"card message\"><h1>" + t(locale, "pay.nothing_heading", {{"number", inv.number}}) +
                "</h1><p>" +
                t(locale, inv.status == pw::InvoiceStatus::void_ ? "pay.nothing_void" : "pay.nothing_no_balance") +
                "</p></section>";
    send_page(res, 200, page);
}

void receipt_page(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    const std::string locale = portal_locale(req, *client);
    pw::Result<pw::Receipt> loaded = load_receipt(app, portal_payer(*client), req.matches[1].str());
    if (!loaded.ok()) {
        if (loaded.error.code == "not_found") return not_found_page(res, false, locale);
        return send_receipt_problem(res, loaded.error, locale);
    }
    const pw::Receipt& receipt = loaded.value;
    PageShell page = portal_shell(app, *client, Nav::other_portal,
                                  pw::text(locale, "receipt.page_title", {{"number", receipt.invoice.number}}), locale);
    page.body_class = "page-receipt";
    page.body = receipt_html(receipt, "/portal/billing", pw::text(locale, "portal.back_billing"), locale);
    send_page(res, 200, page);
}

// Removing a card is asked once more, naming it, and says what it does not
// touch: the payments already made or in progress with it (the processor
// has them; removal only takes the card out of the wallet).
std::string remove_dialog_html(const std::string& method_id, const std::string& label, std::string_view locale) {
    const std::string title_id = "remove-title-" + method_id;
    return "<dialog class=\"confirm-dialog\" data-remove-dialog aria-labelledby=\"" + html(title_id) +
           "\"><h2 id=\"" + html(title_id) + "\">" + t(locale, "portal.remove_title", {{"card", label}}) + "</h2><p>" +
           t(locale, "portal.remove_text") + "</p><p class=\"actions\"><button type=\"button\" "
           "class=\"button button-danger\" data-remove=\"/api/v1/me/payment-methods/" +
           html(pw::percent_encode(method_id)) + "\">" + t(locale, "portal.remove_card") +
           "</button><button type=\"button\" class=\"button button-quiet\" data-dialog-close>" +
           t(locale, "portal.keep_card") + "</button></p></dialog>";
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

void payment_methods(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    const std::string locale = portal_locale(req, *client);
    std::vector<SavedMethodRecord> methods;
    Practice practice;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto p = t.practice(client->practice_id);
        if (!p) return p.error;
        practice = std::move(p.value);
        auto m = t.saved_methods(client->id);
        if (!m) return m.error;
        methods = std::move(m.value);
        return {};
    });
    if (e) return send_storage_problem(res, locale);
    // The same switch DELETE /api/v1/me/payment-methods/{id} obeys.
    const bool removable = practice.settings.allow_card_removal;
    PageShell page = portal_shell(app, *client, Nav::payment_methods, pw::text(locale, "portal.nav_methods"), locale);
    page.api_forms = true;  // site.js sends Remove (DELETE)
    std::string body = "<h1 class=\"page-title\">" + t(locale, "portal.nav_methods") + "</h1>";
    body += "<section class=\"card\" aria-labelledby=\"cards-heading\"><h2 id=\"cards-heading\" class=\"card-title\">" +
            t(locale, "widget.saved_cards") + "</h2>";
    // site.js says "Card removed." here in the page's language.
    body += "<p class=\"visually-hidden\" data-methods-status role=\"status\" aria-live=\"polite\" data-status-text=\"" +
            t(locale, "portal.card_removed") + "\"></p>";
    if (methods.empty()) {
        body += "<p class=\"empty\">" + t(locale, "portal.no_cards") + "</p>";
    } else {
        body += "<ul class=\"rows\" data-methods>";
        for (const SavedMethodRecord& m : methods) {
            const std::string label = method_text(pw::MethodSummary{m.kind, m.brand, m.last4}, locale);
            body += "<li class=\"row\" data-method-row><div class=\"row-main\"><p class=\"row-title\">" + html(label) +
                    "</p>";
            if (m.exp_month > 0)
                body += "<p class=\"muted small\">" +
                        t(locale, "widget.expires", {{"month", two_digits(m.exp_month)}, {"year", std::to_string(m.exp_year)}}) +
                        "</p>";
            body += "<p class=\"field-error\" data-method-error aria-live=\"polite\"></p></div><div class=\"row-action\">";
            if (removable)
                body += "<button type=\"button\" class=\"button button-small button-danger\" data-remove-ask "
                        "aria-haspopup=\"dialog\" aria-label=\"" + t(locale, "portal.remove_label", {{"card", label}}) +
                        "\">" + t(locale, "portal.remove") + "</button>" + remove_dialog_html(m.id, label, locale);
            body += "</div></li>";
        }
        body += "</ul>";
    }
    if (!removable)
        body += "<p class=\"muted\">" + t(locale, "portal.practitioner_manages_cards") + "</p>" +
                contact_html(practice.contact(), locale);
    body += "</section>";
    page.body = body;
    send_page(res, 200, page);
}

}  // namespace

void register_portal_pages(http::Router& server, App& app) {
    server.Get("/portal", [&app](const http::Request& req, http::Response& res) { dashboard(app, req, res); });
    server.Get("/portal/", [&app](const http::Request& req, http::Response& res) { dashboard(app, req, res); });
    server.Get("/portal/billing",
               [&app](const http::Request& req, http::Response& res) { billing(app, req, res); });
    server.Get(R"(/portal/invoices/([A-Za-z0-9_-]{1,128}))",
               [&app](const http::Request& req, http::Response& res) { invoice_page(app, req, res); });
    server.Get(R"(/portal/receipts/([A-Za-z0-9_-]{1,128}))",
               [&app](const http::Request& req, http::Response& res) { receipt_page(app, req, res); });
    server.Get("/portal/payment-methods",
               [&app](const http::Request& req, http::Response& res) { payment_methods(app, req, res); });
}

}  // namespace pws::pages
