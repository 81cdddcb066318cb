// Signing in and out, accepting an invitation, resetting a password:
//   GET  /portal/login[?next=/portal/...][&signed_out=1]
//   POST /portal/logout          ends the session, 302 to the login page
//   GET  /portal/invite#token=…  choose a password (POST /api/v1/invitations/accept)
//   GET  /portal/reset           ask for a reset link (POST /api/v1/password-resets)
//   GET  /portal/reset#token=…   choose a new password (…/password-resets/complete)
// The forms are real <form>s; site.js sends them to the JSON API (which
// accepts JSON only: that is its CSRF defence) and shows the API's own
// message next to the field it names. Tokens arrive in the fragment, which
// the server never sees; site.js reads it and removes it from the address.
// Nobody is signed in on these pages: they speak Accept-Language's language.
#include "auth/session_cookie.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages_internal.hpp"
#include "paywidget/api.hpp"
#include "paywidget/messages.hpp"

namespace pws::pages {

namespace {

// One labelled input with its error slot (aria-live, tied by
// aria-describedby). `hint` is shown under the label when not empty.
std::string field(std::string_view id, std::string_view label, std::string_view type, std::string_view autocomplete,
                  std::string_view hint = "") {
    const std::string i(id);
    std::string described = i + "-error";
    std::string out = "<div class=\"field\"><label for=\"" + i + "\">" + std::string(label) + "</label>";
    if (!hint.empty()) {
        out += "<p class=\"hint\" id=\"" + i + "-hint\">" + std::string(hint) + "</p>";
        described = i + "-hint " + described;
    }
    out += "<input id=\"" + i + "\" name=\"" + i + "\" type=\"" + std::string(type) + "\" autocomplete=\"" +
           std::string(autocomplete) + "\" required aria-describedby=\"" + described + "\"";
    if (type == "email") out += " inputmode=\"email\" autocapitalize=\"off\" spellcheck=\"false\"";
    out += "><p class=\"field-error\" id=\"" + i + "-error\" aria-live=\"polite\"></p></div>";
    return out;
}

std::string form_error() {
    return "<p class=\"form-error\" data-form-error role=\"alert\"></p>";
}

// The catalogue's text for `id` in `locale`, escaped for HTML.
std::string t(std::string_view locale, std::string_view id, const pw::MessageArgs& args = {}) {
    return html(pw::text(locale, id, args));
}

std::string noscript(std::string_view locale) {
    return "<noscript><p class=\"notice\">" + t(locale, "account.noscript") + "</p></noscript>";
}

std::string auth_card(std::string_view heading, const std::string& inner) {
    return "<section class=\"card auth-card\" aria-labelledby=\"auth-heading\"><h1 id=\"auth-heading\">" +
           std::string(heading) + "</h1>" + inner + "</section>";
}

// The practitioner whose invoice or receipt `next` leads to ("" when it
// names neither, or nothing known): a payer arriving from an email link reads
// whose portal this is. Ids are long random strings, so this tells a stranger
// nothing they could have guessed.
std::string practitioner_for_next(App& app, std::string_view next) {
    constexpr std::string_view invoices = "/portal/invoices/", receipts = "/portal/receipts/";
    const bool invoice = next.rfind(invoices, 0) == 0, receipt = next.rfind(receipts, 0) == 0;
    if (!invoice && !receipt) return "";
    const std::string id(next.substr(invoice ? invoices.size() : receipts.size()));
    if (id.empty() || id.size() > 64 || id.find_first_of("/?#") != std::string::npos) return "";
    std::string name;
    app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        std::string practice_id;
        if (invoice) {
            Result<InvoiceRecord> inv = t.invoice_record(id);
            if (!inv.ok()) return inv.error;
            practice_id = inv.value.practice_id;
        } else {
            Result<PaymentRecord> pay = t.payment(id);
            if (!pay.ok()) return pay.error;
            practice_id = pay.value.practice_id;
        }
        Result<Practice> p = t.practice(practice_id);
        if (p.ok()) name = p.value.name;
        return p.error;
    });
    return name;
}

std::string password_hint(std::string_view locale) {
    return t(locale, "account.password_hint", {{"count", std::to_string(pw::kMinPasswordChars)}});
}

void login_page(App& app, const http::Request& req, http::Response& res) {
    const std::string next = safe_next(req.has_param("next") ? req.get_param_value("next") : std::string());
    // Already signed in: straight on.
    if (session_client(app, req)) return redirect(res, next);
    const std::string locale = page_locale(req);
    std::string inner;
    if (req.has_param("signed_out"))
        inner += "<p class=\"notice\" role=\"status\">" + t(locale, "account.signed_out") + "</p>";
    const std::string practitioner = practitioner_for_next(app, next);
    if (!practitioner.empty())
        inner += "<p class=\"lead\">" + t(locale, "account.login_lead_practitioner", {{"practitioner", practitioner}}) +
                 "</p>";
    else
        inner += "<p class=\"lead\">" + t(locale, "account.login_lead") + "</p>";
    inner += noscript(locale);
    inner += "<form class=\"form\" id=\"login-form\" data-api=\"/api/v1/session\" data-next=\"" + html(next) +
             "\" novalidate>";
    inner += field("email", t(locale, "account.email"), "email", "email");
    inner += field("password", t(locale, "account.password"), "password", "current-password");
    inner += form_error();
    inner += "<button type=\"submit\" class=\"button button-primary button-block\">" + t(locale, "account.sign_in") +
             "</button></form>";
    inner += "<p class=\"form-links\"><a href=\"/portal/reset\">" + t(locale, "account.forgot") + "</a></p>";
    inner += "<p class=\"muted small\">" + t(locale, "account.no_access") + "</p>";
    PageShell page;
    page.locale = locale;
    page.api_forms = true;  // site.js sends the form
    page.brand = practitioner;  // "" : the shell's "Client portal"
    page.title = pw::text(locale, "account.login_title");
    page.body = auth_card(t(locale, "account.login_heading"), inner);
    send_page(res, 200, page);
}

void logout(App& app, const http::Request& req, http::Response& res) {
    end_session(app, req, res);  // clears the cookie whether or not one was valid
    redirect(res, "/portal/login?signed_out=1");
}

// `message_id`: account.invitation_incomplete or account.reset_incomplete.
std::string token_missing(std::string_view locale, std::string_view message_id) {
    return "<div class=\"notice notice-warning\" data-token-missing hidden><p>" + t(locale, message_id) + "</p></div>";
}

void invite_page(const http::Request& req, http::Response& res) {
    const std::string locale = page_locale(req);
    std::string inner = "<p class=\"lead\">" + t(locale, "account.invite_lead") + "</p>";
    inner += noscript(locale);
    inner += token_missing(locale, "account.invitation_incomplete");
    inner += "<form class=\"form\" id=\"invite-form\" data-api=\"/api/v1/invitations/accept\" data-needs-token "
             "novalidate>";
    inner += field("password", t(locale, "account.new_password"), "password", "new-password", password_hint(locale));
    inner += form_error();
    inner += "<button type=\"submit\" class=\"button button-primary button-block\">" +
             t(locale, "account.invite_submit") + "</button></form>";
    PageShell page;
    page.locale = locale;
    page.api_forms = true;  // site.js sends the form
    page.title = pw::text(locale, "account.invite_title");
    page.body = auth_card(t(locale, "account.invite_title"), inner);
    send_page(res, 200, page);
}

void reset_page(const http::Request& req, http::Response& res) {
    const std::string locale = page_locale(req);
    // Both steps are on the page; site.js shows the second one when the
    // address carries #token=… (the server never sees the fragment).
    std::string request = "<div data-reset-step=\"request\"><p class=\"lead\">" + t(locale, "account.reset_lead") + "</p>";
    request += noscript(locale);
    request += "<form class=\"form\" id=\"reset-request-form\" data-api=\"/api/v1/password-resets\" novalidate>";
    request += field("email", t(locale, "account.email"), "email", "email");
    request += form_error();
    request += "<button type=\"submit\" class=\"button button-primary button-block\">" + t(locale, "account.reset_send") +
               "</button></form>";
    request += "<p class=\"notice\" data-reset-sent role=\"status\" hidden>" + t(locale, "account.reset_sent") + "</p>";
    request += "<p class=\"form-links\"><a href=\"/portal/login\">" + t(locale, "account.back_sign_in") + "</a></p></div>";

    std::string choose = "<div data-reset-step=\"choose\" hidden><p class=\"lead\">" +
                         t(locale, "account.reset_choose_lead") + "</p>";
    choose += token_missing(locale, "account.reset_incomplete");
    choose += "<form class=\"form\" id=\"reset-choose-form\" data-api=\"/api/v1/password-resets/complete\" "
              "data-needs-token novalidate>";
    choose += field("new-password", t(locale, "account.new_password"), "password", "new-password", password_hint(locale));
    choose += form_error();
    choose += "<button type=\"submit\" class=\"button button-primary button-block\">" + t(locale, "account.reset_submit") +
              "</button></form></div>";
    PageShell page;
    page.locale = locale;
    page.api_forms = true;  // site.js sends the form
    page.title = pw::text(locale, "account.reset_title");
    page.body = auth_card(t(locale, "account.reset_heading"), request + choose);
    send_page(res, 200, page);
}

}  // namespace

void register_portal_account_pages(http::Router& server, App& app) {
    server.Get("/portal/login",
               [&app](const http::Request& req, http::Response& res) { login_page(app, req, res); });
    server.Post("/portal/logout",
                [&app](const http::Request& req, http::Response& res) { logout(app, req, res); });
    server.Get("/portal/invite", [](const http::Request& req, http::Response& res) { invite_page(req, res); });
    server.Get("/portal/reset", [](const http::Request& req, http::Response& res) { reset_page(req, res); });
}

}  // namespace pws::pages
