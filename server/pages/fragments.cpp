#include "pages/fragments.hpp"

#include <optional>

#include "pages/page_kit.hpp"
#include "paywidget/accepted_methods.hpp"
#include "paywidget/bank_settlement.hpp"
#include "paywidget/messages.hpp"
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

// The catalogue's text for `id` in `locale`, escaped for HTML.
std::string t(std::string_view locale, std::string_view id, const pw::MessageArgs& args = {}) {
    return html(pw::text(locale, id, args));
}

// data-label-<status> for every status a payment can lead to: site.js
// relabels the status badge in the page's language after a payment.
std::string status_labels(std::string_view locale) {
    std::string out;
    for (pw::InvoiceStatus st : {pw::InvoiceStatus::open, pw::InvoiceStatus::partially_paid,
                                 pw::InvoiceStatus::processing, pw::InvoiceStatus::paid}) {
        const std::string id(pw::status_id(st));
        out += " data-label-" + id + "=\"" + t(locale, "status." + id) + "\"";
    }
    return out;
}

// Items with quantity, unit price and line amount, then the totals.
std::string items_table(const pw::Invoice& inv, std::string_view locale) {
    std::string out =
        "<div class=\"table-scroll\"><table class=\"items\"><caption class=\"visually-hidden\">" +
        t(locale, "items.caption") + "</caption><thead><tr><th scope=\"col\">" + t(locale, "items.description") +
        "</th><th scope=\"col\" class=\"num\">" + t(locale, "items.quantity") + "</th><th scope=\"col\" class=\"num\">" +
        t(locale, "items.unit_price") + "</th><th scope=\"col\" class=\"num\">" + t(locale, "items.amount") +
        "</th></tr></thead><tbody>";
    // The rows are the core's (statement.hpp), as the widget and the email show them.
    const pw::Statement statement = pw::statement_rows(inv);
    for (const pw::StatementLine& item : statement.lines) {
        out += "<tr><td>" + html(item.description) + "</td><td class=\"num\">" + std::to_string(item.quantity) +
               "</td><td class=\"num\">" + html(money(item.unit_amount, inv.currency, locale)) + "</td><td class=\"num\">" +
               html(money(item.amount, inv.currency, locale)) + "</td></tr>";
    }
    out += "</tbody><tfoot>";
    for (const pw::StatementTotal& total : statement.totals)
        out += row(t(locale, "statement." + std::string(total.id)), html(money(total.amount, inv.currency, locale)),
                   total.id == "total" ? "total" : "");
    out += "</tfoot></table></div>";
    return out;
}

// The totals row for bank debits submitted but not settled: reserved
// against the balance, not counted as paid. Nothing when there are none.
std::string processing_total_html(const pw::Invoice& inv, std::string_view locale) {
    if (inv.amount_processing == 0) return {};
    return "<div class=\"processing\"><dt>" + html(pw::processing_total_label(locale)) + "</dt><dd class=\"num\">" +
           html(money(inv.amount_processing, inv.currency, locale)) + "</dd></div>";
}

}  // namespace

std::string payment_status_text(pw::PaymentStatus s) { return payment_status_text(s, "en"); }

std::string payment_status_text(pw::PaymentStatus s, std::string_view locale) {
    switch (s) {
        case pw::PaymentStatus::succeeded: return pw::text(locale, "status.paid");
        case pw::PaymentStatus::processing: return pw::text(locale, "status.processing");
        case pw::PaymentStatus::declined: return pw::text(locale, "payment_status.declined");
        case pw::PaymentStatus::failed: return pw::text(locale, "payment_status.failed");
    }
    return "";
}

std::string invoice_summary_html(const pw::Invoice& inv) { return invoice_summary_html(inv, "en"); }

std::string invoice_summary_html(const pw::Invoice& inv, std::string_view locale) {
    // The currency and its ISO 4217 exponent (the core's table, not the
    // browser's CLDR digits: IQD has 3, CLDR says 0) for web/pages/site.js,
    // which rewrites the balance after a payment in the widget.
    const pw::CurrencyInfo* currency = pw::find_currency(inv.currency);
    std::string out = "<section class=\"card invoice-summary\" aria-labelledby=\"invoice-heading\" data-currency=\"" +
                      html(inv.currency) + "\" data-exponent=\"" +
                      std::to_string(currency ? currency->exponent : 0) + "\"" + status_labels(locale) + ">";
    // data-widget-repeats: what the widget states again (its header names
    // the practitioner; its review the balance, due date and lines).
    // web/pages/site.js hides these (the `hidden` attribute, so screen
    // readers hear the invoice once) while the widget shows this invoice;
    // without JS or WebGL they stay the page's one statement of it. The
    // page's title (h1, the invoice number) and the status pill stay: the
    // pill follows the widget's payments, and the site header above still
    // names the practitioner.
    out += "<p class=\"eyebrow\" data-widget-repeats>" + t(locale, "invoice.from", {{"practitioner", inv.practitioner.name}}) +
           "</p>";
    out += "<div class=\"title-row\"><h1 id=\"invoice-heading\">" + t(locale, "invoice.title", {{"number", inv.number}}) +
           "</h1>" + status_badge(inv.status, locale) + "</div>";
    out += "<dl class=\"facts\" data-widget-repeats>";
    out += "<div class=\"fact fact-main\"><dt>" + t(locale, "widget.balance_due") + "</dt><dd class=\"amount-lg\">" +
           html(money(inv.balance, inv.currency, locale)) + "</dd></div>";
    out += "<div class=\"fact\"><dt>" + t(locale, "invoice.due_date") + "</dt><dd>" + html(date_text(inv.due_date, locale)) +
           "</dd></div>";
    out += "<div class=\"fact\"><dt>" + t(locale, "invoice.billed_to") + "</dt><dd>" + html(inv.client.name) + "</dd></div>";
    out += "</dl>";
    out += "<details class=\"invoice-details\" data-widget-repeats><summary>" + t(locale, "invoice.details") + "</summary>";
    out += "<p class=\"muted\">" + t(locale, "invoice.issued_on", {{"date", date_text(inv.issue_date, locale)}}) + "</p>";
    out += items_table(inv, locale);
    if (inv.amount_paid != 0 || inv.amount_processing != 0) {
        out += "<dl class=\"totals\"><div><dt>" + t(locale, "invoice.paid_so_far") + "</dt><dd class=\"num\">" +
               html(money(inv.amount_paid, inv.currency, locale)) + "</dd></div>" + processing_total_html(inv, locale) +
               "<div><dt>" + t(locale, "widget.balance_due") + "</dt><dd class=\"num\">" +
               html(money(inv.balance, inv.currency, locale)) + "</dd></div></dl>";
    }
    out += "</details></section>";
    return out;
}

std::string payment_note_html(const pw::LinkView& view, std::string_view receipt_base) {
    return payment_note_html(view, receipt_base, "en");
}

std::string payment_note_html(const pw::LinkView& view, std::string_view receipt_base, std::string_view locale) {
    const pw::InvoiceStatus status = view.invoice.status;
    const std::string receipt = pw::receipt_payment_id(view.receipt_url);
    const std::string link = "<a data-receipt-link" +
                             (receipt.empty() ? std::string()
                                              : " href=\"" + html(std::string(receipt_base) + pw::percent_encode(receipt)) + "\"") +
                             ">" + t(locale, "note.view_receipt") + "</a>";
    // While a debit is processing its note is the one that tells the truth
    // (reserved, not paid), whatever else is due.
    const bool debit_processing = view.invoice.amount_processing > 0 && !receipt.empty();
    auto note = [&](pw::InvoiceStatus when, const std::string& sentence) {
        const bool shown = status == when && !receipt.empty() && !debit_processing;
        return "<p class=\"aside\" data-note=\"" + std::string(pw::status_id(when)) + "\"" + (shown ? "" : " hidden") +
               ">" + sentence + " " + link + "</p>";
    };
    // A bank debit made in the widget is processing, not paid (site.js
    // shows this one for a payment whose status is "processing").
    const int days = pw::settlement_business_days(view.invoice.accepted);
    const std::string processing =
        days > 0 ? "<p class=\"aside\" data-note=\"processing\"" + std::string(debit_processing ? "" : " hidden") + ">" +
                       html(pw::processing_text("", days, locale)) + " " + link + "</p>"
                 : std::string();
    return "<div class=\"payment-note\" data-payment-note data-receipt-base=\"" + html(receipt_base) + "\">" +
           note(pw::InvoiceStatus::partially_paid, t(locale, "note.partially_paid")) +
           note(pw::InvoiceStatus::paid, t(locale, "note.paid")) + processing + "</div>";
}

std::string receipt_notice_html(const pw::Receipt& r) { return receipt_notice_html(r, "en"); }

std::string receipt_notice_html(const pw::Receipt& r, std::string_view locale) {
    // A bank debit not settled yet: say so, with its amount and days.
    for (const pw::PaymentResult& p : r.payments) {
        if (p.status != pw::PaymentStatus::processing) continue;
        const std::optional<pw::BankScheme> scheme = pw::bank_scheme_from_id(p.method.brand);
        return "<p class=\"notice\" role=\"status\">" +
               html(pw::processing_text(money(p.amount, p.currency, locale),
                                        pw::settlement_business_days(scheme.value_or(pw::BankScheme::pad)), locale)) +
               "</p>";
    }
    return "<p class=\"notice\" role=\"status\">" + t(locale, "receipt.notice_paid") + "</p>";
}

std::string widget_html(const WidgetTarget& target) { return widget_html(target, "en"); }

std::string widget_html(const WidgetTarget& target, std::string_view locale) {
    const WidgetTarget& t = target;
    // Only the fragment carries the token: browsers never send it to a
    // server or put it in a Referer. The page's own URL already holds it.
    const bool link = !t.link_token.empty();
    // The widget's own locale option (web/embed.js reads it from the fragment).
    const std::string fragment = (link ? "link=" + t.link_token : "invoice=" + t.invoice_id) +
                                 (locale == "en" ? std::string() : "&locale=" + std::string(locale));
    std::string out = "<section class=\"widget-section\" aria-labelledby=\"pay-heading\">"
                      "<h2 id=\"pay-heading\" class=\"section-title\">" + html(pw::text(locale, "page.pay_heading")) + "</h2>";
    out += "<div class=\"pay-widget\" id=\"pay-widget\" data-locale=\"" + html(locale) + "\" " +
           (link ? "data-link=\"" + html(t.link_token) + "\"" : "data-invoice=\"" + html(t.invoice_id) + "\"") + ">";
    out += "<noscript><iframe class=\"pay-frame\" title=\"" + html(pw::text(locale, "widget.frame_label")) +
           "\" src=\"/embed#" + html(fragment) +
           "\"></iframe></noscript>";
    out += "</div></section>";
    return out;
}

std::string receipt_html(const pw::Receipt& r, std::string_view back_href, std::string_view back_text) {
    return receipt_html(r, back_href, back_text, "en");
}

std::string receipt_html(const pw::Receipt& r, std::string_view back_href, std::string_view back_text,
                         std::string_view locale) {
    const pw::Invoice& inv = r.invoice;
    auto amount = [&](std::int64_t minor, const std::string& currency) { return html(money(minor, currency, locale)); };
    auto total_row = [&](std::string_view id, const std::string& value, std::string_view cls = "") {
        return "<div" + (cls.empty() ? std::string() : " class=\"" + std::string(cls) + "\"") + "><dt>" + t(locale, id) +
               "</dt><dd class=\"num\">" + value + "</dd></div>";
    };
    std::string out = "<article class=\"card receipt\" aria-labelledby=\"receipt-heading\">";
    out += "<div class=\"receipt-head\"><div><p class=\"eyebrow\">" + t(locale, "receipt.eyebrow") +
           "</p><h1 id=\"receipt-heading\">" + t(locale, "invoice.title", {{"number", inv.number}}) +
           "</h1><p class=\"muted\">" + t(locale, "receipt.from", {{"practitioner", inv.practitioner.name}}) + "</p></div>" +
           status_badge(inv.status, locale) + "</div>";
    out += "<dl class=\"facts\">";
    out += "<div class=\"fact\"><dt>" + t(locale, "invoice.billed_to") + "</dt><dd>" + html(inv.client.name) + "</dd></div>";
    out += "<div class=\"fact\"><dt>" + t(locale, "receipt.issued") + "</dt><dd>" + html(date_text(inv.issue_date, locale)) +
           "</dd></div>";
    out += "<div class=\"fact\"><dt>" + t(locale, "receipt.due") + "</dt><dd>" + html(date_text(inv.due_date, locale)) +
           "</dd></div>";
    out += "</dl>";
    out += items_table(inv, locale);

    out += "<h2 class=\"section-title\">" + t(locale, "receipt.payments") + "</h2>";
    if (r.payments.empty()) {
        out += "<p class=\"muted\">" + t(locale, "receipt.no_payments") + "</p>";
    } else {
        out += "<div class=\"table-scroll\"><table class=\"payments\"><caption class=\"visually-hidden\">" +
               t(locale, "receipt.payments") + "</caption><thead><tr><th scope=\"col\">" + t(locale, "receipt.date") +
               "</th><th scope=\"col\">" + t(locale, "receipt.method") + "</th><th scope=\"col\">" +
               t(locale, "receipt.status") + "</th><th scope=\"col\" class=\"num\">" + t(locale, "items.amount") +
               "</th></tr></thead><tbody>";
        for (const pw::PaymentResult& p : r.payments) {
            // Among several payments, the one this receipt is for stands out,
            // and says so in words (bold alone tells a reader nothing).
            const bool this_one = p.id == r.payment_id && r.payments.size() > 1;
            out += "<tr" + std::string(this_one ? " class=\"this-payment\"" : "") + "><td>" +
                   html(instant_date_text(p.created_at, locale)) +
                   (this_one ? "<span class=\"this-payment-label\">" + t(locale, "receipt.this_payment") + "</span>"
                             : std::string()) +
                   "</td><td>" + html(method_text(p.method, locale)) + "</td><td>" +
                   html(payment_status_text(p.status, locale)) + "</td><td class=\"num\">" + amount(p.amount, p.currency);
            if (p.refunded > 0)
                out += "<br><span class=\"muted small\">" +
                       t(locale, "receipt.refunded_amount", {{"amount", money(p.refunded, p.currency, locale)}}) + "</span>";
            out += "</td></tr>";
        }
        out += "</tbody></table></div>";
    }
    if (!r.refunds.empty()) {
        out += "<h2 class=\"section-title\">" + t(locale, "receipt.refunds") +
               "</h2><div class=\"table-scroll\"><table class=\"refunds\"><caption class=\"visually-hidden\">" +
               t(locale, "receipt.refunds") + "</caption><thead><tr><th scope=\"col\">" + t(locale, "receipt.date") +
               "</th><th scope=\"col\">" + t(locale, "receipt.reason") + "</th><th scope=\"col\" class=\"num\">" +
               t(locale, "items.amount") + "</th></tr></thead><tbody>";
        for (const pw::Refund& f : r.refunds)
            out += "<tr><td>" + html(instant_date_text(f.created_at, locale)) + "</td><td>" +
                   (f.reason.empty() ? t(locale, "receipt.refund") : html(f.reason)) + "</td><td class=\"num\">" +
                   amount(f.amount, f.currency) + "</td></tr>";
        out += "</tbody></table></div>";
    }
    out += "<dl class=\"totals\">";
    out += total_row("statement.total", amount(inv.total, inv.currency));
    out += total_row("widget.amount_paid", amount(inv.amount_paid, inv.currency));
    out += processing_total_html(inv, locale);
    if (inv.refunded != 0) out += total_row("receipt.refunded", amount(inv.refunded, inv.currency));
    out += total_row("widget.balance_due", amount(r.balance, inv.currency), "balance");
    out += "</dl>";
    out += "<p class=\"actions no-print\"><button type=\"button\" class=\"button\" data-print>" + t(locale, "receipt.print") +
           "</button>";
    if (!back_href.empty()) out += " <a class=\"button button-quiet\" href=\"" + html(back_href) + "\">" + html(back_text) + "</a>";
    out += "</p>";
    out += "<p class=\"muted small receipt-contact\">" +
           t(locale, "receipt.questions", {{"practitioner", inv.practitioner.name}}) + "</p>" +
           contact_html(inv.practitioner, locale);
    out += "</article>";
    return out;
}

pw::Result<pw::Receipt> load_receipt(App& app, const Payer& payer, std::string_view payment_id) {
    if (payment_id.empty()) return pw::Result<pw::Receipt>::failure("not_found", "", "");
    return receipt_for(app, payer, payment_id);
}

void send_receipt_problem(http::Response& res, const pw::Error& error, std::string_view locale) {
    if (error.code == "not_found")
        return send_message_page(res, 404, pw::text(locale, "receipt.not_found_title"),
                                 pw::text(locale, "receipt.not_found_heading"),
                                 "<p>" + t(locale, "receipt.not_found_text") + "</p>", Nav::none, locale);
    const bool busy = error.code == "storage_busy";
    if (busy) res.set_header("Retry-After", "1");
    send_message_page(res, busy ? 503 : 500, pw::text(locale, "page.error_title"), pw::text(locale, "page.error_heading"),
                      "<p>" + t(locale, "receipt.error_text") + "</p>", Nav::none, locale);
}


void send_link_problem(http::Response& res, const AuthFailure& f) { send_link_problem(res, f, "en"); }

void send_link_problem(http::Response& res, const AuthFailure& f, std::string_view locale) {
    const std::string& code = f.error.code;
    pw::Contact who;
    const bool known = f.extra.is_object() && f.extra.contains("practitioner") && f.extra["practitioner"].is_object();
    if (known) {
        const nlohmann::json& p = f.extra["practitioner"];
        auto str = [&](const char* k) { return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : std::string(); };
        who = pw::Contact{str("name"), str("email"), str("phone")};
    }
    if (code == "link_unknown") {
        send_message_page(res, 404, pw::text(locale, "link.unknown_title"), pw::text(locale, "link.unknown_heading"),
                          "<p>" + t(locale, "link.unknown_text") + "</p><p>" + t(locale, "link.unknown_ask") + "</p>",
                          Nav::none, locale);
        return;
    }
    if (code == "link_expired" || code == "link_revoked") {
        const bool expired = code == "link_expired";
        std::string body = "<p>" + t(locale, expired ? "link.expired_text" : "link.revoked_text") + "</p>";
        body += "<div class=\"practitioner\"><h2 class=\"section-title\">" + t(locale, "link.ask_new") + "</h2><p>" +
                (who.name.empty() ? t(locale, "link.can_send_unknown")
                                  : t(locale, "link.can_send", {{"practitioner", who.name}})) +
                "</p>" + contact_html(who, locale) + "</div>";
        PageShell p;
        p.locale = std::string(locale);
        p.title = pw::text(locale, expired ? "link.expired_title" : "link.revoked_title");
        p.brand = who.name;
        p.body = "<section class=\"card message\"><h1>" +
                 t(locale, expired ? "link.expired_heading" : "link.revoked_heading") + "</h1>" + body + "</section>";
        send_page(res, 410, p);
        return;
    }
    send_message_page(res, 500, pw::text(locale, "page.error_title"), pw::text(locale, "page.error_heading"),
                      "<p>" + t(locale, "page.error_text") + "</p>", Nav::none, locale);
}

}  // namespace pws::pages
