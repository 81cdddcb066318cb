#include "services/invoice_email.hpp"

#include <cstdio>

#include "paywidget/bank_settlement.hpp"
#include "paywidget/money.hpp"
#include "paywidget/statement.hpp"
#include "services/admin_links.hpp"
#include "services/display_text.hpp"
#include "services/invoices.hpp"
#include "services/outbox.hpp"

namespace pws {

namespace {

// Revokes the invoice's live links except `keep` (the one just emailed).
pw::Error revoke_other_links(App& app, const std::string& invoice_id, const std::string& keep, UnixTime now) {
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto links = t.invoice_links(invoice_id);
        if (!links) return links.error;
        for (const Link& old : links.value)
            if (old.id != keep && !old.revoked())
                if (pw::Error e = t.revoke_link(old.id, now)) return e;
        return {};
    });
}

}  // namespace

RenderedEmail render_invoice_email(const pw::Invoice& inv, const std::string& pay_url) {
    RenderedEmail out;
    const pw::Contact& dr = inv.practitioner;
    out.subject = "Invoice " + inv.number + " from " + dr.name;
    const std::string due = date_text(inv.due_date);
    const std::string balance = money(inv.balance, inv.currency);

    std::string& t = out.text;
    t += "Hello " + inv.client.name + ",\n\n";
    t += dr.name + " has sent you invoice " + inv.number + ".\n\n";
    // The rows are the core's (statement.hpp), as the widget and the pages
    // show them: line amounts before tax, tax and discount as totals.
    const pw::Statement statement = pw::statement_rows(inv);
    for (const pw::StatementLine& it : statement.lines)
        t += "  " + it.description + "  x" + std::to_string(it.quantity) + "  " + money(it.amount, inv.currency) + "\n";
    t += "\n";
    for (const pw::StatementTotal& total : statement.totals)
        t += std::string(total.label) + ": " + money(total.amount, inv.currency) + "\n";
    if (inv.amount_paid > 0) t += "Already paid: " + money(inv.amount_paid, inv.currency) + "\n";
    // A debit not yet settled is reserved, not paid (issue 13 item 2).
    if (inv.amount_processing > 0)
        t += std::string(pw::processing_total_label()) + ": " + money(inv.amount_processing, inv.currency) + "\n";
    t += "Balance due: " + balance + "\nDue date: " + due + "\n";
    if (inv.partial.enabled) t += "You may pay in up to " + std::to_string(inv.partial.max_payments) + " payments.\n";
    t += "\nPay Invoice: " + pay_url + "\n\n";
    t += "Questions? Contact " + dr.name + " at " + dr.email + (dr.phone.empty() ? "" : " or " + dr.phone) + ".\n";

    std::string& h = out.html;
    h += "<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#1a1a1a\">\n";
    h += "<p>Hello " + html_escape(inv.client.name) + ",</p>\n";
    h += "<p>" + html_escape(dr.name) + " has sent you invoice <strong>" + html_escape(inv.number) +
         "</strong>.</p>\n<table cellpadding=\"4\">\n";
    for (const pw::StatementLine& it : statement.lines)
        h += "<tr><td>" + html_escape(it.description) + "</td><td>&times;" + std::to_string(it.quantity) +
             "</td><td align=\"right\">" + html_escape(money(it.amount, inv.currency)) + "</td></tr>\n";
    for (const pw::StatementTotal& total : statement.totals) {
        const bool strong = total.id == "total";
        h += std::string("<tr><td colspan=\"2\">") + (strong ? "<strong>" : "") + std::string(total.label) +
             (strong ? "</strong>" : "") + "</td><td align=\"right\">" + (strong ? "<strong>" : "") +
             html_escape(money(total.amount, inv.currency)) + (strong ? "</strong>" : "") + "</td></tr>\n";
    }
    if (inv.amount_paid > 0)
        h += "<tr><td colspan=\"2\">Already paid</td><td align=\"right\">" +
             html_escape(money(inv.amount_paid, inv.currency)) + "</td></tr>\n";
    if (inv.amount_processing > 0)
        h += "<tr><td colspan=\"2\">" + html_escape(std::string(pw::processing_total_label())) +
             "</td><td align=\"right\">" + html_escape(money(inv.amount_processing, inv.currency)) + "</td></tr>\n";
    h += "<tr><td colspan=\"2\">Balance due</td><td align=\"right\">" + html_escape(balance) + "</td></tr>\n";
    h += "</table>\n<p>Due date: " + html_escape(due) + "</p>\n";
    h += "<p><a href=\"" + html_escape(pay_url) +
         "\" style=\"display:inline-block;padding:12px 24px;background:#1f5fbf;color:#ffffff;"
         "text-decoration:none;border-radius:6px;font-weight:bold\">Pay Invoice</a></p>\n";
    h += "<p>Questions? Contact " + html_escape(dr.name) + " at <a href=\"mailto:" + html_escape(dr.email) + "\">" +
         html_escape(dr.email) + "</a>" + (dr.phone.empty() ? "" : " or " + html_escape(dr.phone)) + ".</p>\n";
    h += "</body></html>";
    return out;
}

pw::Result<pw::SendInvoiceResponse> send_invoice_email(App& app, const Practice& practice,
                                                       const std::string& invoice_id,
                                                       const pw::SendInvoiceRequest& req) {
    using R = pw::Result<pw::SendInvoiceResponse>;
    auto view = practice_invoice(app, practice.id, invoice_id);
    if (!view) return R::failure(view.error);
    // Older links are revoked only once the email is out: a failed send
    // must leave the client's current link working.
    auto link = issue_link(app, practice, invoice_id, req.expires_in_days, /*revoke_previous=*/false);
    if (!link) return R::failure(link.error);
    const pw::Invoice& inv = view.value.invoice;
    const RenderedEmail rendered = render_invoice_email(inv, link.value.url);
    EmailMessage m;
    m.practice_id = practice.id;
    m.invoice_id = invoice_id;
    m.from_name = practice.name;
    m.from_email = practice.email;
    m.to_name = inv.client.name;
    m.to_email = inv.client.email;
    m.subject = rendered.subject;
    m.text = rendered.text;
    m.html = rendered.html;
    auto delivered = deliver_email(app, m);
    if (!delivered) {
        // Nobody ever saw the new link: revoke it, so a failed send changes
        // nothing and the practitioner can simply send again.
        if (pw::Error e = revoke_invoice_link(app, practice, invoice_id, link.value.id))
            std::fprintf(stderr, "send invoice: cannot revoke unsent link %s: %s\n", link.value.id.c_str(),
                         e.code.c_str());
        return R::failure(delivered.error);
    }
    if (req.revoke_previous)
        if (pw::Error e = revoke_other_links(app, invoice_id, link.value.id, app.now())) return R::failure(e);
    return R::success(pw::SendInvoiceResponse{link.value, delivered.value.kind});
}

}  // namespace pws
