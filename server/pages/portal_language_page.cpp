// The client's account page and their language (issue 12):
//   GET  /portal/account                 name, email and the language choice
//   POST /portal/account/language        locale=<en|fr|fr-CA|es|""> (form post)
// The stored language is what the portal's pages and the practice's emails
// (invoice, invitation, password reset) speak to this client; "" (no
// preference) lets pages follow Accept-Language. A real <form>: it works
// without JavaScript. Like the console's forms, the post must carry this
// host's Origin (http/cross_site.hpp), so the page's referrer policy is
// same-origin: under no-referrer browsers send `Origin: null`.
#include "http/cross_site.hpp"
#include "pages/language_choices.hpp"
#include "pages/page_kit.hpp"
#include "pages/pages_internal.hpp"
#include "paywidget/locale.hpp"
#include "paywidget/messages.hpp"

namespace pws::pages {

namespace {

constexpr std::string_view kReferrer = "same-origin";

std::string t(std::string_view locale, std::string_view id) { return html(pw::text(locale, id)); }

void send_account_page(App& app, http::Response& res, int status, const Client& client, const std::string& locale,
                       std::string_view notice_id, std::string_view error_id) {
    PageShell page;
    page.locale = locale;
    page.brand = practice_name(app, client);
    page.nav = Nav::account;
    page.referrer_policy = kReferrer;
    page.title = pw::text(locale, "portal.page_title", {{"page", pw::text(locale, "account.page_title")}});
    std::string body = "<h1 class=\"page-title\">" + t(locale, "account.heading") + "</h1>";
    body += "<section class=\"card\" aria-labelledby=\"profile-heading\"><h2 id=\"profile-heading\" class=\"card-title\">" +
            html(client.name) + "</h2><p>" + html(client.email) + "</p></section>";
    body += "<section class=\"card\" aria-labelledby=\"language-heading\"><h2 id=\"language-heading\" "
            "class=\"card-title\">" + t(locale, "account.language_heading") + "</h2>";
    if (!notice_id.empty()) body += "<p class=\"notice\" role=\"status\">" + t(locale, notice_id) + "</p>";
    body += "<form class=\"form\" method=\"post\" action=\"/portal/account/language\"><div class=\"field\">"
            "<label for=\"locale\">" + t(locale, "account.language_label") + "</label><p class=\"hint\" id=\"locale-hint\">" +
            t(locale, "account.language_hint") + "</p>";
    if (!error_id.empty())
        body += "<p class=\"form-error\" id=\"locale-error\" role=\"alert\">" + t(locale, error_id) + "</p>";
    body += "<select id=\"locale\" name=\"locale\" aria-describedby=\"locale-hint" +
            std::string(error_id.empty() ? "" : " locale-error") + "\"" +
            (error_id.empty() ? "" : " aria-invalid=\"true\"") + ">";
    body += "<option value=\"\"" + std::string(client.locale.empty() ? " selected" : "") + ">" +
            t(locale, "account.language_auto") + "</option>";
    for (const LanguageChoice& c : kLanguageChoices)
        body += "<option value=\"" + std::string(c.locale) + "\" lang=\"" + std::string(c.locale) + "\"" +
                (client.locale == c.locale ? " selected" : "") + ">" + std::string(c.name) + "</option>";
    body += "</select></div><button type=\"submit\" class=\"button button-primary\">" + t(locale, "account.language_save") +
            "</button></form></section>";
    page.body = body;
    send_page(res, status, page);
}

void account_page(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    send_account_page(app, res, 200, *client, portal_locale(req, *client),
                      req.has_param("saved") ? "account.language_saved" : "", "");
}

void save_language(App& app, const http::Request& req, http::Response& res) {
    // Origin first: a form from another site changes nothing.
    if (!is_own_origin_post(req, origin_of(app.config.public_url))) {
        const std::string locale = page_locale(req);
        return send_message_page(res, 403, pw::text(locale, "account.form_refused_title"),
                                 pw::text(locale, "account.form_refused_title"),
                                 "<p role=\"alert\">" + html(pw::text(locale, "account.form_refused")) +
                                     "</p><p><a href=\"/portal/account\">" +
                                     html(pw::text(locale, "account.page_title")) + "</a></p>",
                                 Nav::none, locale);
    }
    std::optional<Client> client = require_portal_client(app, req, res);
    if (!client) return;
    // Only this page's form: a body of another type would read as "no
    // preference" and clear the choice.
    if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0)
        return send_account_page(app, res, 415, *client, portal_locale(req, *client), "", "account.language_invalid");
    const http::Params form = http::parse_query(req.body);
    const auto field = form.find("locale");
    const std::string tag = field == form.end() ? std::string() : field->second;
    // "" is "no preference"; anything else must name a supported locale.
    const std::string chosen = tag.size() > 35 ? std::string() : pw::preference_locale(tag);
    if (!tag.empty() && chosen.empty())
        return send_account_page(app, res, 422, *client, portal_locale(req, *client), "", "account.language_invalid");
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.set_client_locale(client->id, chosen); });
    if (e) {
        const std::string locale = portal_locale(req, *client);
        return send_message_page(res, 503, pw::text(locale, "portal.unavailable_title"),
                                 pw::text(locale, "portal.unavailable_heading"),
                                 "<p>" + html(pw::text(locale, "portal.unavailable_text")) + "</p>", Nav::other_portal,
                                 locale);
    }
    // Post/redirect/get: a reload does not post again, and the next page
    // already speaks the new language.
    redirect(res, "/portal/account?saved=1");
}

}  // namespace

void register_portal_language_page(http::Router& server, App& app) {
    server.Get("/portal/account", [&app](const http::Request& req, http::Response& res) { account_page(app, req, res); });
    server.Post("/portal/account/language",
                [&app](const http::Request& req, http::Response& res) { save_language(app, req, res); });
}

}  // namespace pws::pages
