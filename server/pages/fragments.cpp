#include "pages/fragments.hpp"

#include <optional>

#include "pages/page_kit.hpp"
#include "paywidget/accepted_methods.hpp"
#include "paywidget/bank_settlement.hpp"
#include "paywidget/money.hpp"
#include "paywidget/statement.hpp"
#include "paywidget/url.hpp"
#include "services/receipts.hpp"

namespace pws::pages {

namespace {

// A totals row under the items: the label spans Description and Qty, the
// Unit price cell stays empty (phones hide that column), the value sits
// under Amount.
std::string row(std::string_view label, const std::string& value_html, std::string_view cls = "") {
    return "<tr" + (cls.empty() ? std::string() : " class=\"" + std::string(cls) + "\"") + "><th scope=\"row\" colspan=\"2\">" +
           std::string(label) + "</th><td></td><td class=\"num\">" + value_html + "</td></tr>";
}

// Items with quantity, unit price and line amount, then the totals.
std::string items_table(const pw::Invoice& inv) {
    std::string out =
        "<div class=\"table-scroll\"><table class=\"items\"><caption class=\"visually-hidden\">Line items</caption>"
        "<thead><tr><th scope=\"col\">Description</th><th scope=\"col\" class=\"num\">Qty</th>"
        "<th scope=\"col\" class=\"num\">Unit price</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>";
    // The rows are the core's (statement.hpp), as the widget and the email show them.
    const pw::Statement statement = pw::statement_rows(inv);
    for (const pw::StatementLine& item : statement.lines) {
        out += "<tr><td>" + html(item.description) + "</td><td class=\"num\">" + std::to_string(item.quantity) +
               "</td><td class=\"num\">" + html(money(item.unit_amount, inv.currency)) + "</td><td class=\"num\">" +
               html(money(item.amount, inv.currency)) + "</td></tr>";
    }
    out += "</tbody><tfoot>";
    for (const pw::StatementTotal& total : statement.totals)
        out += row(total.label, html(money(total.amount, inv.currency)), total.id == "total" ? "total" : "");
    out += "</tfoot></table></div>";
    return out;
}

// The totals row for bank debits submitted but not settled: reserved
// against the balance, not counted as paid. Nothing when there are none.
std::string processing_total_html(const pw::Invoice& inv) {
    if (inv.amount_processing == 0) return {};
    return "<div class=\"processing\"><dt>" + html(pw::processing_total_label()) + "</dt><dd class=\"num\">" +
           html(money(inv.amount_processing, inv.currency)) + "</dd></div>";
}

}  // namespace

std::string payment_status_text(pw::PaymentStatus s) {
    switch (s) {
        case pw::PaymentStatus::succeeded: return "Paid";
        case pw::PaymentStatus::processing: return "Processing";
        case pw::PaymentStatus::declined: return "Declined";
        case pw::PaymentStatus::failed: return "Failed";
    }
    return "";
}

std::string invoice_summary_html(const pw::Invoice& inv) {
    // The currency and its ISO 4217 exponent (the core's table, not the
    // browser's CLDR digits: IQD has 3, CLDR says 0) for web/pages/site.js,
    // which rewrites the balance after a payment in the widget.
    const pw::CurrencyInfo* currency = pw::find_currency(inv.currency);
    std::string out = "<section class=\"card invoice-summary\" aria-labelledby=\"invoice-heading\" data-currency=\"" +
                      html(inv.currency) + "\" data-exponent=\"" +
                      std::to_string(currency ? currency->exponent : 0) + "\">";
    // data-widget-repeats: what the widget states again (its header names
    // the practitioner; its review the balance, due date and lines).
    // web/pages/site.js hides these (the `hidden` attribute, so screen
    // readers hear the invoice once) while the widget shows this invoice;
    // without JS or WebGL they stay the page's one statement of it. The
    // page's title (h1, the invoice number) and the status pill stay: the
    // pill follows the widget's payments, and the site header above still
    // names the practitioner.
    out += "<p class=\"eyebrow\" data-widget-repeats>Invoice from " + html(inv.practitioner.name) + "</p>";
    out += "<div class=\"title-row\"><h1 id=\"invoice-heading\">Invoice " + html(inv.number) + "</h1>" +
           status_badge(inv.status) + "</div>";
    out += "<dl class=\"facts\" data-widget-repeats>";
    out += "<div class=\"fact fact-main\"><dt>Balance due</dt><dd class=\"amount-lg\">" +
           html(money(inv.balance, inv.currency)) + "</dd></div>";
    out += "<div class=\"fact\"><dt>Due date</dt><dd>" + html(date_text(inv.due_date)) + "</dd></div>";
    out += "<div class=\"fact\"><dt>Billed to</dt><dd>" + html(inv.client.name) + "</dd></div>";
    out += "</dl>";
    out += "<details class=\"invoice-details\" data-widget-repeats><summary>Invoice details</summary>";
    out += "<p class=\"muted\">Issued " + html(date_text(inv.issue_date)) + "</p>";
    out += items_table(inv);
    if (inv.amount_paid != 0 || inv.amount_processing != 0) {
        out += "<dl class=\"totals\"><div><dt>Paid so far</dt><dd class=\"num\">" +
               html(money(inv.amount_paid, inv.currency)) + "</dd></div>" + processing_total_html(inv) +
               "<div><dt>Balance due</dt><dd class=\"num\">" + html(money(inv.balance, inv.currency)) + "</dd></div></dl>";
    }
    out += "</details></section>";
    return out;
}

std::string payment_note_html(const pw::LinkView& view, std::string_view receipt_base) {
    const pw::InvoiceStatus status = view.invoice.status;
    const std::string receipt = pw::receipt_payment_id(view.receipt_url);
    const std::string link = "<a data-receipt-link" +
                             (receipt.empty() ? std::string()
                                              : " href=\"" + html(std::string(receipt_base) + pw::percent_encode(receipt)) + "\"") +
                             ">View your receipt</a>";
    // While a debit is processing its note is the one that tells the truth
    // (reserved, not paid), whatever else is due.
    const bool debit_processing = view.invoice.amount_processing > 0 && !receipt.empty();
    auto note = [&](pw::InvoiceStatus when, std::string_view sentence) {
        const bool shown = status == when && !receipt.empty() && !debit_processing;
        return "<p class=\"aside\" data-note=\"" + std::string(pw::status_id(when)) + "\"" + (shown ? "" : " hidden") +
               ">" + std::string(sentence) + " " + link + "</p>";
    };
    // A bank debit made in the widget is processing, not paid (site.js
    // shows this one for a payment whose status is "processing").
    const int days = pw::settlement_business_days(view.invoice.accepted);
    const std::string processing =
        days > 0 ? "<p class=\"aside\" data-note=\"processing\"" + std::string(debit_processing ? "" : " hidden") + ">" +
                       html(pw::processing_text("", days)) + " " + link + "</p>"
                 : std::string();
    return "<div class=\"payment-note\" data-payment-note data-receipt-base=\"" + html(receipt_base) + "\">" +
           note(pw::InvoiceStatus::partially_paid, "You have already paid part of this invoice.") +
           note(pw::InvoiceStatus::paid, "This invoice is paid.") + processing + "</div>";
}

std::string receipt_notice_html(const pw::Receipt& r) {
    // A bank debit not settled yet: say so, with its amount and days.
    for (const pw::PaymentResult& p : r.payments) {
        if (p.status != pw::PaymentStatus::processing) continue;
        const std::optional<pw::BankScheme> scheme = pw::bank_scheme_from_id(p.method.brand);
        return "<p class=\"notice\" role=\"status\">" +
               html(pw::processing_text(money(p.amount, p.currency),
                                        pw::settlement_business_days(scheme.value_or(pw::BankScheme::pad)))) +
               "</p>";
    }
    return "<p class=\"notice\" role=\"status\">This invoice is paid. Your paid invoice is your receipt.</p>";
}

std::string widget_html(const WidgetTarget& t) {
    // Only the fragment carries the token: browsers never send it to a
    // server or put it in a Referer. The page's own URL already holds it.
    const bool link = !t.link_token.empty();
    const std::string fragment = link ? "link=" + t.link_token : "invoice=" + t.invoice_id;
    std::string out = "<section class=\"widget-section\" aria-labelledby=\"pay-heading\">"
                      "<h2 id=\"pay-heading\" class=\"section-title\">Pay Invoice</h2>";
    out += "<div class=\"pay-widget\" id=\"pay-widget\" " +
           (link ? "data-link=\"" + html(t.link_token) + "\"" : "data-invoice=\"" + html(t.invoice_id) + "\"") + ">";
    out += "<noscript><iframe class=\"pay-frame\" title=\"Invoice payment\" src=\"/embed#" + html(fragment) +
           "\"></iframe></noscript>";
    out += "</div></section>";
    return out;
}

std::string receipt_html(const pw::Receipt& r, std::string_view back_href, std::string_view back_text) {
    const pw::Invoice& inv = r.invoice;
    std::string out = "<article class=\"card receipt\" aria-labelledby=\"receipt-heading\">";
    out += "<div class=\"receipt-head\"><div><p class=\"eyebrow\">Receipt</p><h1 id=\"receipt-heading\">Invoice " +
           html(inv.number) + "</h1><p class=\"muted\">From " + html(inv.practitioner.name) + "</p></div>" +
           status_badge(inv.status) + "</div>";
    out += "<dl class=\"facts\">";
    out += "<div class=\"fact\"><dt>Billed to</dt><dd>" + html(inv.client.name) + "</dd></div>";
    out += "<div class=\"fact\"><dt>Issued</dt><dd>" + html(date_text(inv.issue_date)) + "</dd></div>";
    out += "<div class=\"fact\"><dt>Due</dt><dd>" + html(date_text(inv.due_date)) + "</dd></div>";
    out += "</dl>";
    out += items_table(inv);

    out += "<h2 class=\"section-title\">Payments</h2>";
    if (r.payments.empty()) {
        out += "<p class=\"muted\">No payments yet.</p>";
    } else {
        out += "<div class=\"table-scroll\"><table class=\"payments\"><caption class=\"visually-hidden\">Payments"
               "</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Method</th><th scope=\"col\">Status"
               "</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>";
        for (const pw::PaymentResult& p : r.payments) {
            // Among several payments, the one this receipt is for stands out,
            // and says so in words (bold alone tells a reader nothing).
            const bool this_one = p.id == r.payment_id && r.payments.size() > 1;
            out += "<tr" + std::string(this_one ? " class=\"this-payment\"" : "") + "><td>" +
                   html(instant_date_text(p.created_at)) +
                   (this_one ? "<span class=\"this-payment-label\">This payment</span>" : "") + "</td><td>" +
                   html(method_text(p.method)) + "</td><td>" +
                   html(payment_status_text(p.status)) + "</td><td class=\"num\">" + html(money(p.amount, p.currency));
            if (p.refunded > 0) out += "<br><span class=\"muted small\">" + html(money(p.refunded, p.currency)) + " refunded</span>";
            out += "</td></tr>";
        }
        out += "</tbody></table></div>";
    }
    if (!r.refunds.empty()) {
        out += "<h2 class=\"section-title\">Refunds</h2><div class=\"table-scroll\"><table class=\"refunds\">"
               "<caption class=\"visually-hidden\">Refunds</caption><thead><tr><th scope=\"col\">Date</th>"
               "<th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>";
        for (const pw::Refund& f : r.refunds)
            out += "<tr><td>" + html(instant_date_text(f.created_at)) + "</td><td>" +
                   html(f.reason.empty() ? std::string("Refund") : f.reason) + "</td><td class=\"num\">" +
                   html(money(f.amount, f.currency)) + "</td></tr>";
        out += "</tbody></table></div>";
    }
    out += "<dl class=\"totals\">";
    out += "<div><dt>Total</dt><dd class=\"num\">" + html(money(inv.total, inv.currency)) + "</dd></div>";
    out += "<div><dt>Amount paid</dt><dd class=\"num\">" + html(money(inv.amount_paid, inv.currency)) + "</dd></div>";
    out += processing_total_html(inv);
    if (inv.refunded != 0)
        out += "<div><dt>Refunded</dt><dd class=\"num\">" + html(money(inv.refunded, inv.currency)) + "</dd></div>";
    out += "<div class=\"balance\"><dt>Balance due</dt><dd class=\"num\">" + html(money(r.balance, inv.currency)) +
           "</dd></div></dl>";
    out += "<p class=\"actions no-print\"><button type=\"button\" class=\"button\" data-print>Print receipt</button>";
    if (!back_href.empty()) out += " <a class=\"button button-quiet\" href=\"" + html(back_href) + "\">" + html(back_text) + "</a>";
    out += "</p>";
    out += "<p class=\"muted small receipt-contact\">Questions about this receipt? Contact " + html(inv.practitioner.name) + ".</p>" +
           contact_html(inv.practitioner);
    out += "</article>";
    return out;
}

bool load_receipt(App& app, const Payer& payer, std::string_view payment_id, pw::Receipt& out) {
    ServiceReply reply = receipt_for(app, payer, payment_id);
    if (reply.status != 200) return false;
    return !pw::decode(reply.body, out);
}


void send_link_problem(http::Response& res, const AuthFailure& f) {
    const std::string& code = f.error.code;
    pw::Contact who;
    const bool known = f.extra.is_object() && f.extra.contains("practitioner") && f.extra["practitioner"].is_object();
    if (known) {
        const nlohmann::json& p = f.extra["practitioner"];
        auto str = [&](const char* k) { return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : std::string(); };
        who = pw::Contact{str("name"), str("email"), str("phone")};
    }
    if (code == "link_unknown") {
        send_message_page(res, 404, "Payment link not found", "This payment link does not work",
                          "<p>We could not find an invoice for this link. It may have been copied only in part: "
                          "open it again from the email, or use the Pay Invoice button there.</p>"
                          "<p>If it still does not work, contact your practitioner and ask for a new link. We "
                          "cannot tell who sent this one, so we cannot show their details here.</p>");
        return;
    }
    if (code == "link_expired" || code == "link_revoked") {
        const bool expired = code == "link_expired";
        std::string body = std::string("<p>") +
                           (expired ? "This link was valid for a limited time and has expired."
                                    : "The practitioner replaced or cancelled this link, so it can no longer be used.") +
                           " Nothing was charged.</p>";
        body += "<div class=\"practitioner\"><h2 class=\"section-title\">Ask for a new link</h2><p>" +
                html(who.name.empty() ? std::string("Your practitioner") : who.name) +
                " can send you a new invoice or payment link.</p>" + contact_html(who) + "</div>";
        PageShell p;
        p.title = expired ? "Payment link expired" : "Payment link no longer active";
        p.brand = who.name;
        p.body = "<section class=\"card message\"><h1>" +
                 std::string(expired ? "This payment link has expired" : "This payment link is no longer active") +
                 "</h1>" + body + "</section>";
        send_page(res, 410, p);
        return;
    }
    send_message_page(res, 500, "Something went wrong", "Something went wrong on our side",
                      "<p>We could not open this invoice just now. Try again in a moment; you have not been "
                      "charged.</p>");
}

}  // namespace pws::pages
