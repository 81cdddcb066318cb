// An invoice's page (/console/invoices/<id>): status, totals, balance, its
// lines, every payment attempt with the processor's own decline code next
// to the public one the payer saw, refunds, pay links, and the actions
// (send or resend, a pay link to copy, revoke a link, void) posting to
// routes/console_invoices.cpp. GET /console/invoices/<id>/void is the
// confirm step before voiding.
#include "pages/console_invoice_pages.hpp"
#include "pages/console_payment_pages.hpp"
#include "pages/fragments.hpp"
#include "pages/invoice_editor_form.hpp"
#include "paywidget/decline.hpp"
#include "services/admin_links.hpp"
#include "services/api_records.hpp"
#include "services/invoices.hpp"

namespace pws::pages {

namespace {

// Nothing paid, processing or reserved: the rule of WriteTxn::void_unpaid_invoice.
bool voidable(const InvoiceView& v) {
    if (v.record.voided()) return false;
    for (const PaymentRecord& p : v.payments)
        if (counts_toward_balance(p.state)) return false;
    return true;
}

std::string fact(std::string_view label, const std::string& value_html) {
    return "<div class=\"fact\"><dt>" + std::string(label) + "</dt><dd>" + value_html + "</dd></div>";
}

// The rules the client pays under, as set when the invoice was issued: the
// practitioner checks them here after issuing.
std::string partial_text(const pw::Invoice& i) {
    const pw::PartialPaymentPolicy& p = i.partial;
    if (!p.enabled) return "Not allowed: paid in full";
    const std::string minimum = p.minimum_kind == pw::MinimumKind::fixed
                                    ? money(p.minimum_amount, i.currency)
                                    : bps_to_percent(p.minimum_bps) + " % of the balance";
    return "Allowed, in up to " + std::to_string(p.max_payments) + " payments; at least " + minimum + " first";
}

std::string methods_text(const pw::AcceptedMethods& m) {
    std::string out = m.card ? "Card" : "";
    for (pw::BankScheme s : m.bank_debit) {
        const char* name = s == pw::BankScheme::ach ? "ACH bank debit" : s == pw::BankScheme::pad ? "PAD bank debit"
                                                                                                  : "SEPA bank debit";
        out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out;
}

std::string lines_table(const pw::Invoice& i) {
    std::string out = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Lines table\"><table><caption class=\"visually-hidden\">Lines</caption><thead><tr>"
                      "<th scope=\"col\">Description</th><th scope=\"col\" class=\"num\">Quantity</th><th scope=\"col\" "
                      "class=\"num\">Unit price</th><th scope=\"col\" class=\"num\">Tax</th></tr></thead><tbody>";
    for (const pw::LineItem& l : i.items)
        out += "<tr><td>" + html(l.description) + "</td><td class=\"num\">" + std::to_string(l.quantity) +
               "</td><td class=\"num\">" + html(money(l.unit_amount, i.currency)) + "</td><td class=\"num\">" +
               html(money(l.tax, i.currency)) + "</td></tr>";
    return out + "</tbody></table></div>";
}

std::string payments_table(const InvoiceView& v) {
    if (v.payments.empty()) return "<p class=\"empty\">No payments yet.</p>";
    std::string out = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Payments table\"><table><caption class=\"visually-hidden\">Payments, oldest first"
                      "</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Method</th><th scope=\"col\">"
                      "Status</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Decline code "
                      "(processor / shown to the payer)</th></tr></thead><tbody>";
    for (const PaymentRecord& p : v.payments) {
        const pw::PaymentResult r = rec::payment_result(p, v.refunds, rec::Audience::practitioner);
        std::string codes = "<span class=\"muted\">None</span>";
        if (r.decline)
            codes = "<code>" + html(r.decline->code) + "</code> / <code>" +
                    html(pw::advise_decline(r.decline->code, p.method_type).code) + "</code>";
        out += "<tr><td class=\"nowrap\"><a href=\"/console/payments/" + html(p.id) + "\">" +
               html(instant_date_text(r.created_at)) + "</a></td><td>" + html(method_text(r.method)) + "</td><td>" +
               html(status_with_refunds(r)) + "</td><td class=\"num\">" + html(money(r.amount, r.currency)) + "</td><td>" + codes +
               "</td></tr>";
    }
    return out + "</tbody></table></div>";
}

std::string refunds_table(const InvoiceView& v) {
    std::string rows;
    for (const RefundRecord& r : v.refunds) {
        if (r.state == RefundState::failed) continue;
        rows += "<tr><td class=\"nowrap\">" + html(instant_date_text(rec::format_instant(r.created_at))) + "</td><td>" +
                html(r.reason.empty() ? std::string("No reason given") : r.reason) + "</td><td>" +
                (r.state == RefundState::succeeded ? "Refunded" : "In progress") + "</td><td class=\"num\">" +
                html(money(r.amount, r.currency)) + "</td></tr>";
    }
    if (rows.empty()) return "<p class=\"empty\">No refunds.</p>";
    return "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Refunds table\"><table><caption class=\"visually-hidden\">Refunds</caption><thead><tr>"
           "<th scope=\"col\">Date</th><th scope=\"col\">Reason</th><th scope=\"col\">Status</th><th scope=\"col\" "
           "class=\"num\">Amount</th></tr></thead><tbody>" + rows + "</tbody></table></div>";
}

std::string links_table(const std::string& invoice_id, const std::vector<Link>& links, UnixTime now) {
    if (links.empty()) return "<p class=\"empty\">No pay links yet: this invoice has not been sent.</p>";
    std::string out = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Pay links table\"><table><caption class=\"visually-hidden\">Pay links, oldest first"
                      "</caption><thead><tr><th scope=\"col\">Created</th><th scope=\"col\">Expires</th><th scope=\"col\">"
                      "Status</th><th scope=\"col\"><span class=\"visually-hidden\">Action</span></th></tr></thead><tbody>";
    for (std::size_t n = 0; n < links.size(); ++n) {
        const Link& l = links[n];
        const std::string created = instant_date_text(rec::format_instant(l.created_at));
        out += "<tr><td class=\"nowrap\">" + html(created) + "</td><td class=\"nowrap\">" +
               html(instant_date_text(rec::format_instant(l.expires_at))) + "</td><td>" +
               (l.revoked() ? "Revoked" : l.expired(now) ? "Expired" : "Active") + "</td><td>";
        if (!l.revoked() && !l.expired(now))
            out += "<form method=\"post\" action=\"/console/invoices/" + html(invoice_id) + "/links/" + html(l.id) +
                   "/revoke\" class=\"inline-form\"><button type=\"submit\" class=\"button button-small\" "
                   "aria-label=\"Revoke link " + std::to_string(n + 1) + " created " + html(created) +
                   "\">Revoke</button></form>";
        out += "</td></tr>";
    }
    return out + "</tbody></table></div>";
}

std::string made_link_html(const pw::LinkInfo& made) {
    return "<section class=\"card notice-key\" aria-labelledby=\"made-heading\"><h2 id=\"made-heading\" "
           "class=\"card-title\">A new pay link</h2><p id=\"made-hint\">Copy it now: it is shown only once. Select "
           "the link and copy it, or use the Copy button.</p><div class=\"field\"><label for=\"made-link\">Pay link"
           "</label><input id=\"made-link\" type=\"text\" readonly aria-describedby=\"made-hint\" value=\"" +
           html(made.url) + "\" data-copy-source></div><button type=\"button\" class=\"button button-small\" "
           "data-copy=\"made-link\" hidden>Copy link</button><p class=\"notice\" role=\"status\" data-copy-status>"
           "</p></section>";
}

std::string actions_html(const InvoiceView& v, bool sent_before) {
    const std::string id = html(v.record.id);
    if (v.record.voided()) return "<p>This invoice is void: clients see it as cancelled and cannot pay it.</p>";
    std::string out = "<form method=\"post\" action=\"/console/invoices/" + id + "/send\" class=\"form\">"
                      "<div class=\"field field-check\"><input type=\"checkbox\" id=\"revoke_previous\" "
                      "name=\"revoke_previous\" value=\"1\" checked><label for=\"revoke_previous\">Revoke the older "
                      "links once the email is sent</label></div><button type=\"submit\" class=\"button button-primary\">" +
                      std::string(sent_before ? "Resend the invoice email" : "Send the invoice email") +
                      "</button></form>";
    out += "<form method=\"post\" action=\"/console/invoices/" + id + "/links\" class=\"inline-form\"><button "
           "type=\"submit\" class=\"button\">Create a pay link to copy</button></form>";
    if (voidable(v))
        out += "<p><a href=\"/console/invoices/" + id + "/void\">Void this invoice</a></p>";
    else
        out += "<p class=\"hint\">An invoice with a payment (made, processing or under way) cannot be voided; "
               "refund the payment instead.</p>";
    return out;
}

struct InvoicePage {
    InvoiceView view;
    std::vector<Link> links;
};

pw::Result<InvoicePage> load(App& app, const std::string& practice_id, const std::string& invoice_id) {
    using R = pw::Result<InvoicePage>;
    auto view = practice_invoice(app, practice_id, invoice_id);
    if (!view) return R::failure(view.error);
    InvoicePage page{std::move(view.value), {}};
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto l = t.invoice_links(invoice_id);
        if (!l) return l.error;
        page.links = std::move(l.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(page));
}

void busy(http::Response& res, const ConsoleUser& user) {
    send_console_page(res, 503, user, ConsoleSection::invoices, "Try again",
                      "<section class=\"card message\"><h1>This invoice could not be loaded</h1><p>The server is busy "
                      "right now. Reload the page in a moment.</p></section>");
}

void invoice_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    std::string notice;
    if (req.has_param("sent")) notice = "The invoice email was sent.";
    if (req.has_param("issued")) notice = "The invoice was issued and emailed to the client.";
    if (req.has_param("revoked")) notice = "The link was revoked.";
    if (req.has_param("voided")) notice = "The invoice is void.";
    send_invoice_page(app, res, 200, *user, req.matches[1].str(), notice, "");
}

void void_confirm_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    const std::string id = req.matches[1].str();
    auto page = load(app, user->practice.id, id);
    if (page.error.code == "not_found") return send_console_not_found(res, *user, "invoice");
    if (!page) return busy(res, *user);
    const pw::Invoice& i = page.value.view.invoice;
    std::string body = "<p class=\"breadcrumb\"><a href=\"/console/invoices/" + html(id) + "\">Invoice " +
                       html(i.number) + "</a></p><h1 class=\"page-title\">Void invoice " + html(i.number) + "?</h1>";
    if (!voidable(page.value.view)) {
        body += "<section class=\"card message\"><p>This invoice cannot be voided: it is void already or a payment "
                "holds part of it.</p><p><a href=\"/console/invoices/" + html(id) + "\">Back to the invoice</a></p>"
                "</section>";
        return send_console_page(res, 409, *user, ConsoleSection::invoices, "Void invoice", body);
    }
    body += "<section class=\"card\"><p>" + html(i.client.name) + " will no longer be able to pay " +
            html(money(i.total, i.currency)) + " for this invoice: its pay links and the portal show it as cancelled. "
            "This cannot be undone.</p><form method=\"post\" action=\"/console/invoices/" + html(id) +
            "/void\" class=\"form\"><button type=\"submit\" class=\"button button-danger\">Void invoice " +
            html(i.number) + "</button></form><p><a href=\"/console/invoices/" + html(id) + "\">Keep the invoice</a>"
            "</p></section>";
    send_console_page(res, 200, *user, ConsoleSection::invoices, "Void invoice", body);
}

}  // namespace

void send_console_not_found(http::Response& res, const ConsoleUser& user, std::string_view what) {
    send_console_page(res, 404, user, ConsoleSection::invoices, "Not found",
                      "<section class=\"card message\"><h1>No such " + html(what) + "</h1><p>It does not exist in "
                      "your practice.</p><p><a href=\"/console/invoices\">Back to Invoices</a></p></section>");
}

void send_invoice_page(App& app, http::Response& res, int status, const ConsoleUser& user,
                       const std::string& invoice_id, std::string_view notice, std::string_view error,
                       const std::optional<pw::LinkInfo>& made) {
    auto page = load(app, user.practice.id, invoice_id);
    if (page.error.code == "not_found") return send_console_not_found(res, user, "invoice");
    if (!page) return busy(res, user);
    const InvoiceView& v = page.value.view;
    const pw::Invoice& i = v.invoice;
    std::string body = "<p class=\"breadcrumb\"><a href=\"/console/invoices\">Invoices</a></p><h1 class=\"page-title\">"
                       "Invoice " + html(i.number) + " " + status_badge(i.status) + "</h1>";
    if (!notice.empty()) body += console_notice(notice);
    body += console_alert(error);
    if (made) body += made_link_html(*made);
    std::string due = html(date_text(i.due_date));
    const bool unpaid = i.status == pw::InvoiceStatus::open || i.status == pw::InvoiceStatus::partially_paid;
    if (unpaid && i.due_date < app.today()) due += " <span class=\"badge badge-overdue\">Overdue</span>";
    body += "<section class=\"card\" aria-labelledby=\"summary-heading\"><h2 id=\"summary-heading\" "
            "class=\"card-title\">Summary</h2><dl class=\"facts\">" +
            fact("Client", html(i.client.name) + "<br>" + html(i.client.email)) +
            fact("Total", html(money(i.total, i.currency))) + fact("Paid", html(money(i.amount_paid, i.currency))) +
            fact("Processing", html(money(i.amount_processing, i.currency))) +
            fact("Balance", "<span class=\"amount-lg\">" + html(money(i.balance, i.currency)) + "</span>") +
            fact("Due", due) + fact("Issued", html(date_text(i.issue_date))) +
            fact("Partial payments", html(partial_text(i))) + fact("Accepted", html(methods_text(i.accepted))) +
            "</dl></section>";
    bool sent_before = !page.value.links.empty();
    body += "<section class=\"card\" aria-labelledby=\"actions-heading\"><h2 id=\"actions-heading\" "
            "class=\"card-title\">Actions</h2><div class=\"invoice-actions\">" + actions_html(v, sent_before) +
            "</div></section>";
    body += "<section class=\"card\" aria-labelledby=\"lines-heading\"><h2 id=\"lines-heading\" class=\"card-title\">"
            "Lines</h2>" + lines_table(i) + "</section>";
    body += "<section class=\"card\" aria-labelledby=\"payments-heading\"><h2 id=\"payments-heading\" "
            "class=\"card-title\">Payments</h2>" + payments_table(v) + "</section>";
    body += "<section class=\"card\" aria-labelledby=\"refunds-heading\"><h2 id=\"refunds-heading\" "
            "class=\"card-title\">Refunds</h2>" + refunds_table(v) + "</section>";
    body += "<section class=\"card\" aria-labelledby=\"links-heading\"><h2 id=\"links-heading\" class=\"card-title\">"
            "Pay links</h2>" + links_table(invoice_id, page.value.links, app.now()) + "</section>";
    if (made) body += "<script src=\"/console/copy-link.js\" defer></script>";
    send_console_page(res, status, user, ConsoleSection::invoices, "Invoice " + i.number, body);
}

void register_console_invoice_pages(http::Router& server, App& app) {
    // The editor's fixed paths first: an invoice id always starts with inv_.
    register_console_invoice_list_page(server, app);
    register_console_invoice_editor_pages(server, app);
    server.Get("/console/invoices/(inv_[A-Za-z0-9_-]{1,124})",
               [&app](const http::Request& req, http::Response& res) { invoice_page(app, req, res); });
    server.Get("/console/invoices/(inv_[A-Za-z0-9_-]{1,124})/void",
               [&app](const http::Request& req, http::Response& res) { void_confirm_page(app, req, res); });
}

}  // namespace pws::pages
