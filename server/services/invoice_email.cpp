#include "services/invoice_email.hpp"

#include <cstdio>

#include "paywidget/bank_settlement.hpp"
#include "paywidget/messages.hpp"
#include "paywidget/money.hpp"
#include "paywidget/statement.hpp"
#include "services/admin_links.hpp"
#include "services/display_text.hpp"
#include "services/email_locale.hpp"
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
    return render_invoice_email(inv, pay_url, "en");
}

RenderedEmail render_invoice_email(const pw::Invoice& inv, const std::string& pay_url, std::string_view locale) {
    RenderedEmail out;
    const pw::Contact& dr = inv.practitioner;
    auto text = [&](std::string_view id, const pw::MessageArgs& args = {}) { return pw::text(locale, id, args); };
    auto amount = [&](std::int64_t minor) { return money(minor, inv.currency, locale); };
    // "Label: value" as the catalogue writes it (French puts a space before the colon).
    auto label_value = [&](const std::string& label, const std::string& value) {
        return text("widget.label_value", {{"label", label}, {"value", value}});
    };
    out.subject = text("email.invoice_subject", {{"number", inv.number}, {"practitioner", dr.name}});
    const std::string due = date_text(inv.due_date, locale);
    const std::string balance = amount(inv.balance);
    const std::string questions =
        dr.phone.empty() ? text("email.questions", {{"practitioner", dr.name}, {"email", dr.email}})
                         : text("email.questions_phone", {{"practitioner", dr.name}, {"email", dr.email}, {"phone", dr.phone}});

    std::string& t = out.text;
    t += text("email.hello", {{"name", inv.client.name}}) + "\n\n";
    t += text("email.invoice_sent", {{"practitioner", dr.name}, {"number", inv.number}}) + "\n\n";
    // The rows are the core's (statement.hpp), as the widget and the pages
    // show them: line amounts before tax, tax and discount as totals.
    const pw::Statement statement = pw::statement_rows(inv);
    for (const pw::StatementLine& it : statement.lines)
        t += "  " + it.description + "  x" + std::to_string(it.quantity) + "  " + amount(it.amount) + "\n";
    t += "\n";
    for (const pw::StatementTotal& total : statement.totals)
        t += label_value(text("statement." + std::string(total.id)), amount(total.amount)) + "\n";
    if (inv.amount_paid > 0) t += label_value(text("email.already_paid"), amount(inv.amount_paid)) + "\n";
    // A debit not yet settled is reserved, not paid (issue 13 item 2).
    if (inv.amount_processing > 0)
        t += label_value(pw::processing_total_label(locale), amount(inv.amount_processing)) + "\n";
    t += label_value(text("widget.balance_due"), balance) + "\n" + label_value(text("invoice.due_date"), due) + "\n";
    if (inv.partial.enabled)
        t += text("email.partial", {{"count", std::to_string(inv.partial.max_payments)}}) + "\n";
    t += "\n" + label_value(text("page.pay_heading"), pay_url) + "\n\n";
    t += questions + "\n";

    std::string& h = out.html;
    h += "<!DOCTYPE html><html lang=\"" + html_escape(locale) + "\"><body style=\"font-family:sans-serif;color:#1a1a1a\">\n";
    h += "<p>" + html_escape(text("email.hello", {{"name", inv.client.name}})) + "</p>\n";
    h += "<p>" + html_message(locale, "email.invoice_sent", {{"practitioner", dr.name}},
                              {{"number", "<strong>" + html_escape(inv.number) + "</strong>"}}) +
         "</p>\n<table cellpadding=\"4\">\n";
    for (const pw::StatementLine& it : statement.lines)
        h += "<tr><td>" + html_escape(it.description) + "</td><td>&times;" + std::to_string(it.quantity) +
             "</td><td align=\"right\">" + html_escape(amount(it.amount)) + "</td></tr>\n";
    for (const pw::StatementTotal& total : statement.totals) {
        const bool strong = total.id == "total";
        h += std::string("<tr><td colspan=\"2\">") + (strong ? "<strong>" : "") +
             html_escape(text("statement." + std::string(total.id))) + (strong ? "</strong>" : "") +
             "</td><td align=\"right\">" + (strong ? "<strong>" : "") + html_escape(amount(total.amount)) +
             (strong ? "</strong>" : "") + "</td></tr>\n";
    }
    if (inv.amount_paid > 0)
        h += "<tr><td colspan=\"2\">" + html_escape(text("email.already_paid")) + "</td><td align=\"right\">" +
             html_escape(amount(inv.amount_paid)) + "</td></tr>\n";
    if (inv.amount_processing > 0)
        h += "<tr><td colspan=\"2\">" + html_escape(pw::processing_total_label(locale)) + "</td><td align=\"right\">" +
             html_escape(amount(inv.amount_processing)) + "</td></tr>\n";
    h += "<tr><td colspan=\"2\">" + html_escape(text("widget.balance_due")) + "</td><td align=\"right\">" +
         html_escape(balance) + "</td></tr>\n";
    h += "</table>\n<p>" + html_escape(label_value(text("invoice.due_date"), due)) + "</p>\n";
    h += "<p><a href=\"" + html_escape(pay_url) +
         "\" style=\"display:inline-block;padding:12px 24px;background:#1f5fbf;color:#ffffff;"
         "text-decoration:none;border-radius:6px;font-weight:bold\">" + html_escape(text("page.pay_heading")) +
         "</a></p>\n";
    const std::string mail = "<a href=\"mailto:" + html_escape(dr.email) + "\">" + html_escape(dr.email) + "</a>";
    h += "<p>" +
         (dr.phone.empty()
              ? html_message(locale, "email.questions", {{"practitioner", dr.name}}, {{"email", mail}})
              : html_message(locale, "email.questions_phone", {{"practitioner", dr.name}, {"phone", dr.phone}},
                             {{"email", mail}})) +
         "</p>\n";
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
    // The client's language, else the practice's; a client that cannot be read is written to in English.
    std::string locale = "en";
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<Client> c = t.client(view.value.record.client_id);
        if (c.ok()) locale = email_locale(c.value, practice);
        return c.error;
    });
    const RenderedEmail rendered = render_invoice_email(inv, link.value.url, locale);
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
