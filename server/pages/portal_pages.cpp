// The signed-in client's pages (without a session: 302 to the login with
// next=<this path>):
//   GET /portal                       dashboard: Pending Invoices
//   GET /portal/billing               Invoices & Billing: invoices, payment history
//   GET /portal/invoices/<id>         the invoice and the widget (#invoice=<id>); paid: its receipt
//   GET /portal/payment-methods       saved cards, Remove when the practice allows it
//   GET /portal/receipts/<payment>    a receipt (same rule as GET /api/v1/receipts/{id})
// Data comes from the store and the services the /api/v1/me endpoints use;
// another client's invoice or receipt is a 404 page, like the API's.
#include "pages/fragments.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages_internal.hpp"
#include "paywidget/url.hpp"
#include "services/api_records.hpp"
#include "services/link_view.hpp"

namespace pws::pages {

namespace {

std::string practice_name(App& app, const Client& client) {
    std::string name;
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<Practice> p = t.practice(client.practice_id);
        if (p.ok()) name = p.value.name;
        return p.error;
    });
    return name;
}

PageShell portal_shell(App& app, const Client& client, Nav nav, std::string title) {
    PageShell p;
    p.brand = practice_name(app, client);
    p.nav = nav;
    p.title = std::move(title) + " · Client portal";
    return p;
}

void send_storage_problem(http::Response& res) {
    send_message_page(res, 503, "Temporarily unavailable", "We could not load this page",
                      "<p>Something went wrong on our side. Reload the page in a moment.</p>", Nav::other_portal);
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
std::string invoice_row(const InvoiceView& v, bool show_status) {
    const pw::Invoice& i = v.invoice;
    std::string out = "<li class=\"row\"><div class=\"row-main\"><a class=\"row-title\" href=\"" +
                      html(invoice_href(i.id)) + "\">Invoice " + html(i.number) + "</a>";
    if (show_status) out += " " + status_badge(i.status);
    out += "<p class=\"muted small\">" + html(i.practitioner.name) + " · <span class=\"nowrap\">Due " + html(date_text(i.due_date)) + "</span></p></div>";
    out += "<div class=\"row-side\"><p class=\"amount\">" + html(money(is_payable(i) ? i.balance : i.total, i.currency)) +
           "</p><p class=\"muted small\">" + std::string(is_payable(i) ? "Balance due" : "Total") + "</p></div>";
    out += "<div class=\"row-action\">";
    if (is_payable(i)) {
        out += "<a class=\"button button-primary button-small\" href=\"" + html(invoice_href(i.id)) +
               "\" aria-label=\"Pay Now: invoice " + html(i.number) + "\">Pay Now</a>";
    } else {
        const std::string receipt = pw::receipt_payment_id(latest_receipt_path(v));
        if (!receipt.empty())
            out += "<a class=\"button button-small\" href=\"" + html(receipt_href(receipt)) +
                   "\" aria-label=\"Receipt for invoice " + html(i.number) + "\">Receipt</a>";
    }
    out += "</div></li>";
    return out;
}

void dashboard(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    std::vector<InvoiceView> pending;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto views = t.client_invoices(client->id, InvoiceFilter::pending);
        if (!views) return views.error;
        pending = std::move(views.value);
        return {};
    });
    if (e) return send_storage_problem(res);
    PageShell page = portal_shell(app, *client, Nav::pending_invoices, "Pending Invoices");
    std::string body = "<h1 class=\"page-title\">Welcome, " + html(client->name) + "</h1>";
    body += "<section class=\"card\" aria-labelledby=\"pending-heading\"><h2 id=\"pending-heading\" "
            "class=\"card-title\">Pending Invoices</h2>";
    if (pending.empty()) {
        body += "<p class=\"empty\">You have no pending invoices. Everything is paid.</p>";
    } else {
        body += "<ul class=\"rows\">";
        for (const InvoiceView& v : pending) body += invoice_row(v, false);
        body += "</ul>";
    }
    body += "</section>";
    body += "<section class=\"card\" aria-labelledby=\"billing-heading\"><h2 id=\"billing-heading\" "
            "class=\"card-title\">Invoices &amp; Billing</h2><p>Every invoice, your payment history and your "
            "receipts.</p><p><a class=\"button\" href=\"/portal/billing\">Go to Invoices &amp; Billing</a></p></section>";
    page.body = body;
    send_page(res, 200, page);
}

void billing(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
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
    if (e) return send_storage_problem(res);
    PageShell page = portal_shell(app, *client, Nav::billing, "Invoices & Billing");
    std::string body = "<h1 class=\"page-title\">Invoices &amp; Billing</h1>";
    body += "<section class=\"card\" aria-labelledby=\"invoices-heading\"><h2 id=\"invoices-heading\" "
            "class=\"card-title\">Invoices</h2>";
    if (invoices.empty()) {
        body += "<p class=\"empty\">No invoices yet.</p>";
    } else {
        body += "<ul class=\"rows\">";
        for (const InvoiceView& v : invoices) body += invoice_row(v, true);
        body += "</ul>";
    }
    body += "</section>";
    body += "<section class=\"card\" aria-labelledby=\"history-heading\"><h2 id=\"history-heading\" "
            "class=\"card-title\">Payment history</h2>";
    if (history.empty()) {
        body += "<p class=\"empty\">No payments yet.</p>";
    } else {
        body += "<ul class=\"rows\">";
        for (const HistoryEntry& h : history) {
            // The same record the API's /me/payments shows (payer audience).
            const pw::PaymentResult p = rec::payment_result(h.payment, h.refunds, rec::Audience::payer);
            const bool has_receipt =
                p.status == pw::PaymentStatus::succeeded || p.status == pw::PaymentStatus::processing;
            std::string status;
            switch (p.status) {
                case pw::PaymentStatus::succeeded: status = "Paid"; break;
                case pw::PaymentStatus::processing: status = "Processing"; break;
                case pw::PaymentStatus::declined: status = "Declined"; break;
                case pw::PaymentStatus::failed: status = "Failed"; break;
            }
            body += "<li class=\"row\"><div class=\"row-main\"><p class=\"row-title\">" +
                    html(instant_date_text(p.created_at)) + " · Invoice " + html(h.invoice_number) +
                    "</p><p class=\"muted small\">" + html(method_text(p.method)) + " · " + status;
            if (p.refunded > 0) body += " · " + html(money(p.refunded, p.currency)) + " refunded";
            body += "</p></div><div class=\"row-side\"><p class=\"amount\">" + html(money(p.amount, p.currency)) +
                    "</p></div><div class=\"row-action\">";
            if (has_receipt)
                body += "<a class=\"button button-small\" href=\"" + html(receipt_href(p.id)) +
                        // Two payments on one day must not read alike to a
                        // screen reader: amount, date and card tell them apart.
                        "\" aria-label=\"Receipt for the payment of " + html(money(p.amount, p.currency)) + " on " +
                        html(instant_date_text(p.created_at)) + " with " + html(method_text(p.method)) +
                        "\">Receipt</a>";
            body += "</div></li>";
        }
        body += "</ul>";
    }
    body += "</section>";
    page.body = body;
    send_page(res, 200, page);
}

void not_found_page(http::Response& res, std::string_view what) {
    send_message_page(res, 404, std::string(what) + " not found", "We could not find that " + std::string(what == "Invoice" ? "invoice" : "receipt"),
                      "<p>It may belong to another account, or the address is incomplete. Go to <a "
                      "href=\"/portal/billing\">Invoices &amp; Billing</a> to see yours.</p>",
                      Nav::other_portal);
}

void invoice_page(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    const std::string id = req.matches[1];
    pw::LinkView view;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto v = client_invoice_view(t, *client, id, app.today());
        if (v) view = std::move(v.value);
        return v.error;
    });
    if (e.code == "not_found") return not_found_page(res, "Invoice");
    if (e) return send_storage_problem(res);
    const pw::Invoice& inv = view.invoice;
    const std::string receipt_id = pw::receipt_payment_id(view.receipt_url);
    if (view.payable) {
        PageShell page = portal_shell(app, *client, Nav::other_portal, "Pay invoice " + inv.number);
        page.widget = true;
        page.body = "<p class=\"breadcrumb\"><a href=\"/portal/billing\">Invoices &amp; Billing</a></p>" +
                    invoice_summary_html(inv) + payment_note_html(view, receipt_href(""));
        page.body += widget_html(WidgetTarget{"", inv.id});
        return send_page(res, 200, page);
    }
    pw::Receipt receipt;
    PageShell page = portal_shell(app, *client, Nav::other_portal, "Invoice " + inv.number);
    if (!receipt_id.empty() && load_receipt(app, portal_payer(*client), receipt_id, receipt)) {
        page.body_class = "page-receipt";
        page.body = receipt_notice_html(receipt) + receipt_html(receipt, "/portal/billing", "Back to Invoices & Billing");
        return send_page(res, 200, page);
    }
    page.body = "<section class=\"card message\"><h1>There is nothing to pay on invoice " + html(inv.number) +
                "</h1><p>" +
                std::string(inv.status == pw::InvoiceStatus::void_ ? "Your practitioner cancelled this invoice."
                                                                   : "This invoice has no balance due.") +
                "</p></section>";
    send_page(res, 200, page);
}

void receipt_page(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    pw::Receipt receipt;
    if (!load_receipt(app, portal_payer(*client), req.matches[1].str(), receipt))
        return not_found_page(res, "Receipt");
    PageShell page = portal_shell(app, *client, Nav::other_portal, "Receipt for invoice " + receipt.invoice.number);
    page.body_class = "page-receipt";
    page.body = receipt_html(receipt, "/portal/billing", "Back to Invoices & Billing");
    send_page(res, 200, page);
}

// Removing a card is asked once more, naming it, and says what it does not
// touch: the payments already made or in progress with it (the processor
// has them; removal only takes the card out of the wallet).
std::string remove_dialog_html(const std::string& method_id, const std::string& label) {
    const std::string title_id = "remove-title-" + method_id;
    return "<dialog class=\"confirm-dialog\" data-remove-dialog aria-labelledby=\"" + html(title_id) +
           "\"><h2 id=\"" + html(title_id) + "\">Remove " + html(label) +
           "?</h2><p>Payments already made or in progress with this card are not affected: they complete as usual. "
           "To pay with this card again, you will enter it anew.</p><p class=\"actions\"><button type=\"button\" "
           "class=\"button button-danger\" data-remove=\"/api/v1/me/payment-methods/" +
           html(pw::percent_encode(method_id)) + "\">Remove card</button><button type=\"button\" class=\"button "
           "button-quiet\" data-dialog-close>Keep card</button></p></dialog>";
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

void payment_methods(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
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
    if (e) return send_storage_problem(res);
    // The same switch DELETE /api/v1/me/payment-methods/{id} obeys.
    const bool removable = practice.settings.allow_card_removal;
    PageShell page = portal_shell(app, *client, Nav::payment_methods, "Payment methods");
    std::string body = "<h1 class=\"page-title\">Payment methods</h1>";
    body += "<section class=\"card\" aria-labelledby=\"cards-heading\"><h2 id=\"cards-heading\" class=\"card-title\">"
            "Saved cards</h2>";
    body += "<p class=\"visually-hidden\" data-methods-status role=\"status\" aria-live=\"polite\"></p>";
    if (methods.empty()) {
        body += "<p class=\"empty\">No saved cards. When you pay an invoice here, you can save your card for next "
                "time.</p>";
    } else {
        body += "<ul class=\"rows\" data-methods>";
        for (const SavedMethodRecord& m : methods) {
            const std::string label = method_text(pw::MethodSummary{m.kind, m.brand, m.last4});
            body += "<li class=\"row\" data-method-row><div class=\"row-main\"><p class=\"row-title\">" + html(label) +
                    "</p>";
            if (m.exp_month > 0)
                body += "<p class=\"muted small\">Expires " + two_digits(m.exp_month) + "/" + std::to_string(m.exp_year) +
                        "</p>";
            body += "<p class=\"field-error\" data-method-error aria-live=\"polite\"></p></div><div class=\"row-action\">";
            if (removable)
                body += "<button type=\"button\" class=\"button button-small button-danger\" data-remove-ask "
                        "aria-haspopup=\"dialog\" aria-label=\"Remove " + html(label) + "\">Remove</button>" +
                        remove_dialog_html(m.id, label);
            body += "</div></li>";
        }
        body += "</ul>";
    }
    if (!removable)
        body += "<p class=\"muted\">Your practitioner manages saved cards; contact them to remove one.</p>" +
                contact_html(practice.contact());
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
