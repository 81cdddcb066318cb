// The console's Payments pages (console_payment_pages.hpp). Every read is
// scoped to the signed-in user's practice: another practice's payment is
// the same 404 as one that does not exist.
#include "pages/console_payment_pages.hpp"

#include "pages/console_payment_filters.hpp"
#include "pages/fragments.hpp"
#include "paywidget/money.hpp"
#include "services/api_records.hpp"
#include "services/payments_csv.hpp"

namespace pws::pages {

namespace {

constexpr std::size_t kPaymentsPage = 50;

std::string payment_href(const std::string& id) { return "/console/payments/" + html(id); }
std::string invoice_href(const std::string& id) { return "/console/invoices/" + html(id); }

std::string not_found_page() {
    return "<section class=\"card message\"><h1>Payment not found</h1><p>There is no such payment in your "
           "practice.</p><p><a href=\"/console/payments\">Back to Payments</a></p></section>";
}

void payments_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    const PaymentQuery query = read_payment_query(req);
    std::vector<HistoryEntry> rows;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        // One more than a page: is there an older one?
        auto found = t.practice_payments(user->practice.id, query.filter, kPaymentsPage + 1,
                                         (query.page - 1) * kPaymentsPage);
        if (!found) return found.error;
        rows = std::move(found.value);
        return {};
    });
    if (e) return send_console_unavailable(res, *user, ConsoleSection::payments);
    const bool more = rows.size() > kPaymentsPage;
    if (more) rows.pop_back();
    const std::string qs = payment_query_string(query);
    std::string problems;
    for (const std::string& p : query.problems) problems += (problems.empty() ? "" : " ") + p;
    std::string body = "<h1 class=\"page-title\">Payments</h1>";
    body += console_alert(problems.empty() ? "" : "Some filters were not applied. " + problems);
    body += console_card("filters-heading", "Filters", payment_filter_form(query));
    std::string list = console_payments_table(rows, "Payments, newest first", true);
    if (query.page > 1 || more) {
        const std::string base = "/console/payments?" + (qs.empty() ? "" : qs + "&") + "page=";
        list += "<nav class=\"pager\" aria-label=\"Payment pages\">";
        if (query.page > 1) list += "<a href=\"" + html(base + std::to_string(query.page - 1)) + "\">Newer</a>";
        if (more) list += "<a href=\"" + html(base + std::to_string(query.page + 1)) + "\">Older</a>";
        list += "</nav>";
    }
    list += "<p class=\"actions\"><a class=\"button\" href=\"" +
            html("/console/payments.csv" + (qs.empty() ? "" : "?" + qs)) +
            "\" download>Download CSV<span class=\"visually-hidden\"> of these payments</span></a></p>";
    body += console_card("payments-heading", qs.empty() ? "All payments" : "Matching payments", list);
    send_console_page(res, 200, *user, ConsoleSection::payments, "Payments", body);
}

void payments_csv_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    const PaymentQuery query = read_payment_query(req);
    std::vector<HistoryEntry> rows;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.practice_payments(user->practice.id, query.filter, kCsvMaxPayments + 1, 0);
        if (!found) return found.error;
        rows = std::move(found.value);
        return {};
    });
    if (e) return send_console_unavailable(res, *user, ConsoleSection::payments);
    if (rows.size() > kCsvMaxPayments)
        return send_console_page(
            res, 422, *user, ConsoleSection::payments, "Too many payments",
            "<section class=\"card message\"><h1>Too many payments for one file</h1><p role=\"alert\">More than "
            "100,000 payments match these filters. Choose a shorter period (From and To) and download again.</p>"
            "<p><a href=\"/console/payments\">Back to Payments</a></p></section>");
    const std::string from = query.from.empty() ? "all" : query.from;
    const std::string to = query.to.empty() ? pw::format_iso_date(app.today()) : query.to;
    set_page_headers(res, "same-origin");
    res.set_header("Content-Disposition", "attachment; filename=\"payments-" + from + "-" + to + ".csv\"");
    res.status = 200;
    res.set_content(payments_csv(rows), "text/csv; charset=utf-8");
}

std::string fact(std::string_view term, const std::string& value_html) {
    return "<div class=\"fact\"><dt>" + std::string(term) + "</dt><dd>" + value_html + "</dd></div>";
}

std::string refunds_table(const ConsolePayment& p) {
    std::string rows;
    for (const RefundRecord& r : p.data.view.refunds) {
        if (r.payment_id != p.data.payment.id) continue;
        const char* state = r.state == RefundState::succeeded ? "Refunded"
                            : r.state == RefundState::reserved ? "In progress"
                                                               : "Not made (the processor refused it)";
        rows += "<tr><td class=\"nowrap\">" + html(instant_date_text(rec::format_instant(r.created_at))) +
                "</td><td>" + html(r.reason.empty() ? std::string("Refund") : r.reason) + "</td><td>" + state +
                "</td><td class=\"num\">" + html(money(r.amount, r.currency)) + "</td></tr>";
    }
    if (rows.empty()) return "<p class=\"empty\">No refunds yet.</p>";
    // Focusable: at 320 px it scrolls, and a keyboard must be able to scroll it.
    return "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Refunds of this payment\">"
           "<table><caption class=\"visually-hidden\">Refunds of this payment</caption>"
           "<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Reason</th><th scope=\"col\">Status</th>"
           "<th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>" +
           rows + "</tbody></table></div>";
}

std::string refund_form(const ConsolePayment& p, const RefundDraft& draft) {
    const PaymentRecord& pay = p.data.payment;
    if (pay.state == PaymentState::processing || pay.state == PaymentState::reserved)
        return "<p>This payment is still processing (a bank debit settles within a few business days). It can be "
               "refunded once it has settled: come back to this page then.</p>";
    if (pay.state != PaymentState::succeeded) return "<p>Nothing was paid, so there is nothing to refund.</p>";
    if (p.refundable <= 0) return "<p>This payment has been refunded in full.</p>";
    const auto* info = pw::find_currency(pay.currency);
    const std::string full = pw::format_minor(p.refundable, info ? info->exponent : 0);
    std::string out = "<form class=\"form\" method=\"post\" action=\"" + payment_href(pay.id) + "/refund\">";
    const std::string amount_error = draft.field == "amount" ? draft.error : "";
    out += "<div class=\"field\"><label for=\"amount\">Amount to refund (" + html(pay.currency) +
           ")</label><p class=\"hint\" id=\"amount-hint\">Up to " + html(money(p.refundable, pay.currency)) +
           ". For a full refund, enter " + html(full) + ".</p><input id=\"amount\" name=\"amount\" type=\"text\" "
           "inputmode=\"decimal\" autocomplete=\"off\" required maxlength=\"32\" aria-describedby=\"amount-hint "
           "amount-error\" value=\"" + html(draft.amount.empty() ? full : draft.amount) + "\"" +
           (amount_error.empty() ? "" : " aria-invalid=\"true\"") + "><p class=\"field-error\" id=\"amount-error\">" +
           html(amount_error) + "</p></div>";
    const std::string reason_error = draft.field == "reason" ? draft.error : "";
    out += "<div class=\"field\"><label for=\"reason\">Reason</label><p class=\"hint\" id=\"reason-hint\">Shown to "
           "the client on their receipt. Up to 500 characters.</p><textarea id=\"reason\" name=\"reason\" rows=\"3\" "
           "required maxlength=\"500\" aria-describedby=\"reason-hint reason-error\"" +
           std::string(reason_error.empty() ? "" : " aria-invalid=\"true\"") + ">" + html(draft.reason) +
           "</textarea><p class=\"field-error\" id=\"reason-error\">" + html(reason_error) + "</p></div>";
    out += "<button type=\"submit\" class=\"button button-primary\">Review refund</button></form>";
    return out;
}

void payment_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_user(app, req, res);
    if (!user) return;
    auto payment = load_console_payment(app, *user, req.matches[1].str(), res);
    if (!payment) return;
    std::string notice;
    if (req.has_param("refunded")) {
        const std::string id = req.get_param_value("refunded");
        for (const RefundRecord& r : payment->data.view.refunds)
            if (r.id == id && r.payment_id == payment->data.payment.id && r.state == RefundState::succeeded)
                notice = "Refund of " + money(r.amount, r.currency) + " issued. The client's receipt now shows it.";
    }
    send_console_payment(res, 200, *user, *payment, {}, notice);
}

}  // namespace

std::string status_with_refunds(const pw::PaymentResult& p) {
    std::string status = payment_status_text(p.status);
    if (p.refunded > 0) status += ", " + money(p.refunded, p.currency) + " refunded";
    return status;
}

std::string console_payments_table(const std::vector<HistoryEntry>& rows, std::string_view caption,
                                   bool with_client) {
    if (rows.empty()) return "<p class=\"empty\">No payments yet.</p>";
    std::string out = "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">" + html(caption) +
                      "</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Invoice</th>" +
                      std::string(with_client ? "<th scope=\"col\">Client</th>" : "") +
                      "<th scope=\"col\">Method</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">"
                      "Amount</th></tr></thead><tbody>";
    for (const HistoryEntry& h : rows) {
        const pw::PaymentResult p = rec::payment_result(h.payment, h.refunds, rec::Audience::practitioner);
        out += "<tr><td class=\"nowrap\">" + html(instant_date_text(p.created_at)) + "</td><td><a href=\"" +
               invoice_href(p.invoice_id) + "\">" + html(h.invoice_number) + "</a></td>" +
               (with_client ? "<td>" + html(h.client_name) + "</td>" : "") + "<td>" + html(method_text(p.method)) +
               "</td><td>" + html(status_with_refunds(p)) + "</td><td class=\"num\"><a href=\"" +
               payment_href(p.id) + "\">" + html(money(p.amount, p.currency)) +
               "<span class=\"visually-hidden\">, payment of " + html(instant_date_text(p.created_at)) +
               " on invoice " + html(h.invoice_number) + "</span></a></td></tr>";
    }
    return out + "</tbody></table></div>";
}

std::optional<ConsolePayment> load_console_payment(App& app, const ConsoleUser& user, std::string_view payment_id,
                                                   http::Response& res) {
    ConsolePayment out;
    bool found = false;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto r = t.receipt(payment_id);
        if (!r) return r.error.code == "not_found" ? pw::Error{} : r.error;
        if (r.value.payment.practice_id != user.practice.id) return {};
        auto left = t.refundable_amount(payment_id);
        if (!left) return left.error;
        out.data = std::move(r.value);
        out.refundable = left.value;
        found = true;
        return {};
    });
    if (e) {
        send_console_unavailable(res, user, ConsoleSection::payments);
        return std::nullopt;
    }
    if (!found) {
        send_console_page(res, 404, user, ConsoleSection::payments, "Payment not found", not_found_page());
        return std::nullopt;
    }
    return out;
}

void send_console_payment(http::Response& res, int status, const ConsoleUser& user, const ConsolePayment& payment,
                          const RefundDraft& draft, std::string_view notice) {
    const PaymentRecord& pay = payment.data.payment;
    const pw::Invoice& inv = payment.data.view.invoice;
    const pw::PaymentResult mine = rec::payment_result(pay, payment.data.view.refunds, rec::Audience::practitioner);
    std::string body = "<p class=\"breadcrumb\"><a href=\"/console/payments\">Payments</a></p><h1 class=\"page-title\">"
                       "Payment of " + html(money(pay.amount, pay.currency)) + "</h1>";
    if (!notice.empty()) body += console_notice(notice);
    std::string facts = "<dl class=\"facts\">";
    facts += fact("Amount", "<span class=\"amount-lg\">" + html(money(pay.amount, pay.currency)) + "</span>");
    facts += fact("Status", html(status_with_refunds(mine)));
    facts += fact("Method", html(method_text(mine.method)));
    const std::string at = rec::format_instant(pay.created_at);  // "2026-12-03T17:41:38Z"
    facts += fact("Date", html(instant_date_text(at) + ", " + at.substr(11, 5) + " UTC"));
    facts += fact("Invoice", "<a href=\"" + invoice_href(inv.id) + "\">" + html(inv.number) + "</a>");
    facts += fact("Client", html(payment.data.client.name) + "<br><span class=\"muted\">" +
                                html(payment.data.client.email) + "</span>");
    if (mine.decline) {
        // The processor's own code for the practitioner, and the public one
        // (with its sentence) that the payer was shown.
        const pw::PaymentResult theirs = rec::payment_result(pay, {}, rec::Audience::payer);
        facts += fact("Processor's decline code", "<code>" + html(mine.decline->code) + "</code>");
        if (theirs.decline)
            facts += fact("What the payer saw", "<code>" + html(theirs.decline->code) + "</code>: " +
                                                    html(theirs.decline->message));
    }
    facts += fact("Refunded so far", html(money(mine.refunded, pay.currency)));
    facts += "</dl>";
    body += console_card("payment-heading", "Details", facts);
    body += console_card("refunds-heading", "Refunds", refunds_table(payment));
    // A refusal of the whole refund shows even when the form does not (a
    // payment still processing, or refunded in full meanwhile).
    body += console_card("refund-heading", "Refund",
                         console_alert(draft.field.empty() ? draft.error : "") + refund_form(payment, draft));
    send_console_page(res, status, user, ConsoleSection::payments, "Payment", body);
}

void send_console_refund_confirm(App& app, http::Response& res, const ConsoleUser& user,
                                 const ConsolePayment& payment, std::int64_t amount, const std::string& reason,
                                 const std::string& idempotency_key) {
    const PaymentRecord& pay = payment.data.payment;
    const auto* info = pw::find_currency(pay.currency);
    const std::string canonical = pw::format_minor(amount, info ? info->exponent : 0);
    std::string body = "<p class=\"breadcrumb\"><a href=\"" + payment_href(pay.id) + "\">Payment of " +
                       html(money(pay.amount, pay.currency)) + "</a></p><h1 class=\"page-title\">Confirm the refund"
                       "</h1>";
    // The line as the client's receipt shows it (fragments.cpp receipt_html:
    // date, reason or "Refund", amount).
    std::string preview =
        "<p>Your client will see this line under Refunds on their receipt for invoice " +
        html(payment.data.view.invoice.number) + ":</p><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" "
        "aria-label=\"The refund line\"><table><caption class=\""
        "visually-hidden\">The refund as the client will see it</caption><thead><tr><th scope=\"col\">Date</th>"
        "<th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody><tr><td>" +
        html(instant_date_text(rec::format_instant(app.now()))) + "</td><td>" +
        html(reason.empty() ? std::string("Refund") : reason) + "</td><td class=\"num\">" +
        html(money(amount, pay.currency)) + "</td></tr></tbody></table></div>";
    preview += "<dl class=\"facts\">" + fact("Refund", "<span class=\"amount-lg\">" + html(money(amount, pay.currency)) +
                                                           "</span>") +
               fact("Left to refund after this", html(money(payment.refundable - amount, pay.currency))) + "</dl>";
    preview += "<p>The money goes back to " + html(method_text(rec::payment_result(pay, {}, rec::Audience::payer).method)) +
               ". A refund cannot be undone.</p>";
    preview += "<form class=\"form\" method=\"post\" action=\"" + payment_href(pay.id) + "/refund/confirm\">"
               "<input type=\"hidden\" name=\"amount\" value=\"" + html(canonical) + "\"><input type=\"hidden\" "
               "name=\"reason\" value=\"" + html(reason) + "\"><input type=\"hidden\" name=\"idempotency_key\" "
               "value=\"" + html(idempotency_key) + "\"><p class=\"actions\"><button type=\"submit\" class=\"button "
               "button-primary\">Confirm refund</button> <a class=\"button button-quiet\" href=\"" +
               payment_href(pay.id) + "\">Cancel</a></p></form>";
    body += console_card("confirm-heading", "What your client will see", preview);
    send_console_page(res, 200, user, ConsoleSection::payments, "Confirm refund", body);
}

void register_console_payment_pages(http::Router& server, App& app) {
    server.Get("/console/payments",
               [&app](const http::Request& req, http::Response& res) { payments_page(app, req, res); });
    server.Get("/console/payments\\.csv",
               [&app](const http::Request& req, http::Response& res) { payments_csv_page(app, req, res); });
    server.Get("/console/payments/([A-Za-z0-9_-]{1,128})",
               [&app](const http::Request& req, http::Response& res) { payment_page(app, req, res); });
}

}  // namespace pws::pages
