// The email link's pages (docs/api.md "How the link token reaches the API"):
//   GET /pay/<token>                      the payment page, or where to go
//   GET /pay/<token>/receipts/<payment>   a receipt the link may see
// The link is judged by auth/payer_auth's resolve_link, exactly as
// GET /api/v1/links/{token} judges it: unknown 404, revoked/expired 410 with
// the practitioner's contact, an activated portal client's invoice 302 to
// the portal login (its next names the invoice, never the token).
// The page speaks the language Accept-Language asks for (page_locale).
#include "http/error_cause.hpp"
#include "pages/fragments.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages_internal.hpp"
#include "paywidget/messages.hpp"
#include "paywidget/url.hpp"
#include "services/link_view.hpp"

namespace pws::pages {

namespace {

// The LinkView the API would answer for this payer's link.
pw::Error load_link_view(App& app, const Payer& payer, std::string_view locale, pw::LinkView& out) {
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<InvoiceView> v = t.invoice_view(payer.link.invoice_id);
        if (!v.ok()) return v.error;
        pw::Result<pw::LinkView> lv = build_link_view(t, v.value, nullptr, app.today(), locale);
        if (!lv.ok()) return lv.error;
        out = std::move(lv.value);
        return {};
    });
    return e;
}

// The page's 500, its cause kept for the request's log line.
void send_internal_error(http::Response& res, const pw::Error& e, std::string_view locale) {
    note_error_cause("pay page: link view: " + e.code);
    record_error_code("internal_error");
    AuthFailure f;
    f.error = pw::make_error("internal_error", "", "");
    send_link_problem(res, f, locale);
}

void pay_page(App& app, const http::Request& req, http::Response& res) {
    const std::string token = req.matches[1];
    const std::string locale = page_locale(req);
    AuthFailure f;
    pw::Result<Payer> payer = resolve_link(app, token, &f);
    if (!payer.ok()) {
        if (f.error.code == "login_required" && f.extra.is_object() && f.extra.contains("login_url") &&
            f.extra["login_url"].is_string())
            return redirect(res, f.extra["login_url"].get<std::string>());
        return send_link_problem(res, f, locale);
    }
    pw::LinkView view;
    if (pw::Error e = load_link_view(app, payer.value, locale, view)) return send_internal_error(res, e, locale);
    const pw::Invoice& inv = view.invoice;
    const std::string receipt_id = pw::receipt_payment_id(view.receipt_url);

    PageShell page;
    page.locale = locale;
    page.brand = inv.practitioner.name;
    if (view.payable) {
        page.title = pw::text(locale, "pay.page_title", {{"number", inv.number}});
        page.widget = true;
        page.body = invoice_summary_html(inv, locale) +
                    payment_note_html(view, "/pay/" + pw::percent_encode(token) + "/receipts/", locale);
        page.body += widget_html(WidgetTarget{token, ""}, locale);
        return send_page(res, 200, page);
    }
    const pw::Result<pw::Receipt> latest = load_receipt(app, payer.value, receipt_id);
    if (!latest.ok() && latest.error.code != "not_found") return send_receipt_problem(res, latest.error, locale);
    if (latest.ok()) {
        const pw::Receipt& receipt = latest.value;
        page.title = pw::text(locale, "receipt.page_title", {{"number", inv.number}});
        page.body_class = "page-receipt";
        page.body = receipt_notice_html(receipt, locale) + receipt_html(receipt, "", "", locale);
        return send_page(res, 200, page);
    }
    // Void, or nothing was ever due: nothing to pay, nothing to show.
    page.title = pw::text(locale, "invoice.title", {{"number", inv.number}});
    page.body = "<section class=\"card message\"><h1>" +
                html(pw::text(locale, "pay.nothing_heading", {{"number", inv.number}})) + "</h1><p>" +
                html(pw::text(locale,
                              inv.status == pw::InvoiceStatus::void_ ? "pay.nothing_void_contact"
                                                                     : "pay.nothing_no_balance_contact",
                              {{"practitioner", inv.practitioner.name}})) +
                "</p>" + contact_html(inv.practitioner, locale) + "</section>";
    send_page(res, 200, page);
}

void pay_receipt_page(App& app, const http::Request& req, http::Response& res) {
    const std::string token = req.matches[1];
    const std::string payment_id = req.matches[2];
    const std::string locale = page_locale(req);
    AuthFailure f;
    pw::Result<Payer> payer = resolve_link(app, token, &f);
    if (!payer.ok()) {
        // The portal shows the same receipt after sign-in.
        if (f.error.code == "login_required")
            return redirect(res, "/portal/login?next=" + pw::percent_encode("/portal/receipts/" + payment_id));
        return send_link_problem(res, f, locale);
    }
    pw::Result<pw::Receipt> loaded = load_receipt(app, payer.value, payment_id);
    if (!loaded.ok()) return send_receipt_problem(res, loaded.error, locale);
    const pw::Receipt& receipt = loaded.value;
    PageShell page;
    page.locale = locale;
    page.brand = receipt.invoice.practitioner.name;
    page.title = pw::text(locale, "receipt.page_title", {{"number", receipt.invoice.number}});
    page.body_class = "page-receipt";
    const std::string back = "/pay/" + pw::percent_encode(token);
    page.body = receipt_html(receipt, receipt.balance > 0 ? back : std::string(),
                             pw::text(locale, "receipt.back_invoice"), locale);
    send_page(res, 200, page);
}

}  // namespace

void register_pay_pages(http::Router& server, App& app) {
    server.Get(R"(/pay/([^/]+))",
               [&app](const http::Request& req, http::Response& res) { pay_page(app, req, res); });
    server.Get(R"(/pay/([^/]+)/receipts/([^/]+))",
               [&app](const http::Request& req, http::Response& res) { pay_receipt_page(app, req, res); });
}

}  // namespace pws::pages
