// The owner's pages: Settings (what payers see and the rules they pay under,
// the embed snippet) and API keys (create, shown once; list; revoke). The
// forms post to routes/console_settings.cpp.
#include "pages/console_pages.hpp"
#include "pages/invoice_editor_form.hpp"
#include "pages/language_choices.hpp"
#include "services/api_records.hpp"

namespace pws::pages {

namespace {

std::string checkbox(std::string_view id, std::string_view label, bool checked, std::string_view hint) {
    const std::string i(id);
    return "<div class=\"field field-check\"><input type=\"checkbox\" id=\"" + i + "\" name=\"" + i +
           "\" value=\"1\"" + (checked ? " checked" : "") + " aria-describedby=\"" + i + "-hint\"><label for=\"" + i +
           "\">" + html(label) + "</label><p class=\"hint\" id=\"" + i + "-hint\">" + html(hint) + "</p></div>";
}

// The copy-paste snippet of README.md's "embed" section, filled in.
std::string embed_snippet(const App& app, const Practice& p) {
    return "<div id=\"pay\"></div>\n<script src=\"" + app.url("/pay-widget.js") +
           "\"></script>\n<script>\n  PayWidget.mount('#pay', {\n    practice: '" + p.id +
           "',\n    link: 'LINK_TOKEN',  // the invoice's pay link token\n  });\n</script>";
}

std::string error_for(const pw::Error& e, std::string_view field) {
    return e && (e.field == field || e.field.rfind(std::string(field) + "[", 0) == 0) ? e.message : std::string();
}

// The partial-payment policy new invoices start with (the invoice editor
// pre-fills it). The form sets a percentage minimum; a fixed one set
// through the API is shown and kept until a percentage is entered.
std::string default_partial_fields(const pw::PartialPaymentPolicy& p, const std::string& error) {
    const bool fixed = p.minimum_kind == pw::MinimumKind::fixed;
    std::string out = "<fieldset class=\"editor-group\"><legend>Partial payments on new invoices</legend>";
    out += checkbox("default_partial_enabled", "Allow partial payments on new invoices", p.enabled,
                    "Each invoice can still change it. At most two payments per invoice.");
    out += console_field("default_minimum_percent", "Minimum first payment (% of the balance)", "text", "off",
                         !fixed && p.minimum_bps > 0 ? pages::bps_to_percent(p.minimum_bps) : "", error, false);
    if (fixed && p.minimum_amount > 0)
        out += "<p class=\"hint\">Now a fixed minimum of " + std::to_string(p.minimum_amount) +
               " minor units of each invoice's currency (set through the API). Enter a percentage to replace it.</p>";
    return out + "</fieldset>";
}

// The language of emails to clients who have not chosen one (a client's
// own choice comes first). Stored "" is English.
std::string email_language_field(std::string_view stored, const std::string& error) {
    const std::string_view current = stored.empty() ? std::string_view("en") : stored;
    std::string out = "<div class=\"field\"><label for=\"default_locale\">Language of emails to clients</label>"
                      "<p class=\"hint\" id=\"default_locale-hint\">For clients who have not chosen a language "
                      "themselves; a client's own choice comes first.</p>";
    out += "<select id=\"default_locale\" name=\"default_locale\" aria-describedby=\"default_locale-hint "
           "default_locale-error\"" + std::string(error.empty() ? "" : " aria-invalid=\"true\"") + ">";
    for (const LanguageChoice& c : kLanguageChoices)
        out += "<option value=\"" + std::string(c.locale) + "\" lang=\"" + std::string(c.locale) + "\"" +
               (c.locale == current ? " selected" : "") + ">" + std::string(c.name) + "</option>";
    return out + "</select><p class=\"field-error\" id=\"default_locale-error\">" + html(error) + "</p></div>";
}

}  // namespace

void send_console_settings(App& app, http::Response& res, int status, const ConsoleUser& user,
                           std::string_view notice, const pw::Error& error) {
    const PracticeSettings& s = user.practice.settings;
    std::string origins;
    for (const std::string& o : s.embed_origins) origins += (origins.empty() ? "" : "\n") + o;
    std::string body = "<h1 class=\"page-title\">Settings</h1>";
    if (!notice.empty()) body += console_notice(notice);
    const bool profile_error = error && (error.field == "name" || error.field == "email" || error.field == "phone");
    body += "<section class=\"card\" aria-labelledby=\"profile-heading\"><h2 id=\"profile-heading\" "
            "class=\"card-title\">Shown to your clients</h2><form class=\"form\" method=\"post\" "
            "action=\"/console/settings/profile\">";
    body += console_alert(profile_error ? "The profile was not saved: " + error.message : "");
    body += console_field("name", "Practice name", "text", "organization", user.practice.name, error_for(error, "name"));
    body += console_field("email", "Email", "email", "email", user.practice.email, error_for(error, "email"));
    body += console_field("phone", "Phone", "tel", "tel", user.practice.phone, error_for(error, "phone"), false);
    body += "<button type=\"submit\" class=\"button button-primary\">Save profile</button></form></section>";
    body += "<section class=\"card\" aria-labelledby=\"rules-heading\"><h2 id=\"rules-heading\" class=\"card-title\">"
            "Payment rules</h2><form class=\"form\" method=\"post\" action=\"/console/settings\">";
    body += console_alert(error && !profile_error ? "The settings were not saved: " + error.message : "");
    body += checkbox("allow_saved_method_removal", "Clients may remove their saved cards", s.allow_card_removal,
                     "When off, a client asks you to remove a saved card.");
    body += console_field("settlement_currency", "Settlement currency", "text", "off", s.settlement_currency,
                          error_for(error, "settlement_currency"), false);
    body += "<p class=\"hint\">A three-letter code such as USD. Leave empty to settle each invoice in its own "
            "currency.</p>";
    body += default_partial_fields(s.default_partial, error && error.field.rfind("default_partial_payments", 0) == 0
                                                          ? error.message : std::string());
    body += email_language_field(s.locale, error_for(error, "default_locale"));
    const std::string origins_error = error_for(error, "embed_origins");
    body += "<div class=\"field\"><label for=\"embed_origins\">Sites allowed to embed the payment widget</label>"
            "<p class=\"hint\" id=\"embed_origins-hint\">One per line, such as https://www.your-practice.example"
            "</p><textarea id=\"embed_origins\" name=\"embed_origins\" rows=\"3\" spellcheck=\"false\" "
            "aria-describedby=\"embed_origins-hint embed_origins-error\"" +
            std::string(origins_error.empty() ? "" : " aria-invalid=\"true\"") + ">" + html(origins) +
            "</textarea><p class=\"field-error\" id=\"embed_origins-error\">" + html(origins_error) + "</p></div>";
    body += "<button type=\"submit\" class=\"button button-primary\">Save settings</button></form></section>";
    body += "<section class=\"card\" aria-labelledby=\"embed-heading\"><h2 id=\"embed-heading\" class=\"card-title\">"
            "Embed the payment widget</h2><p>Paste this into a page of an allowed site. Replace LINK_TOKEN with "
            "the token of an invoice's pay link.</p><pre class=\"snippet\" tabindex=\"0\" aria-label=\"Embed "
            "code\"><code>" + html(embed_snippet(app, user.practice)) + "</code></pre></section>";
    body += "<section class=\"card\" aria-labelledby=\"keys-link-heading\"><h2 id=\"keys-link-heading\" "
            "class=\"card-title\">Integrations</h2><p><a href=\"/console/api-keys\">Manage API keys</a></p></section>";
    send_console_page(res, status, user, ConsoleSection::settings, "Settings", body);
}

void send_console_keys(App& app, http::Response& res, int status, const ConsoleUser& user,
                       const std::optional<IssuedAdminKey>& made, std::string_view notice, std::string_view error) {
    auto keys = list_admin_keys(app, user.practice.id);
    std::string body = "<p class=\"breadcrumb\"><a href=\"/console/settings\">Settings</a></p>"
                       "<h1 class=\"page-title\">API keys</h1>";
    if (!notice.empty()) body += console_notice(notice);
    body += console_alert(error);
    if (made) {
        body += "<section class=\"card notice-key\" aria-labelledby=\"new-key-heading\"><h2 id=\"new-key-heading\" "
                "class=\"card-title\">Your new key “" + html(made->record.name) + "”</h2><p>Copy it now: it is "
                "shown only once. Only a fingerprint of it is kept.</p><pre class=\"snippet\" tabindex=\"0\" "
                "aria-label=\"New API key\"><code>" + html(made->key) + "</code></pre></section>";
    }
    body += "<section class=\"card\" aria-labelledby=\"keys-heading\"><h2 id=\"keys-heading\" class=\"card-title\">"
            "Keys</h2>";
    if (!keys) {
        body += "<p class=\"empty\">The keys could not be loaded. Reload the page in a moment.</p>";
    } else {
        body += "<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">API keys</caption><thead><tr>"
                "<th scope=\"col\">Name</th><th scope=\"col\">Key</th><th scope=\"col\">Created</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\"><span class=\"visually-hidden\">Action</span></th>"
                "</tr></thead><tbody>";
        for (const AdminKeyRecord& k : keys.value) {
            body += "<tr><td>" + html(k.name) + "</td><td><code>" + html(k.hint) + "</code></td><td class=\"nowrap\">" +
                    html(instant_date_text(rec::format_instant(k.created_at))) + "</td><td>" +
                    (k.revoked_at ? "Revoked" : "Active") + "</td><td>";
            if (!k.revoked_at)
                body += "<form method=\"post\" action=\"/console/api-keys/" + html(k.id) +
                        "/revoke\" class=\"inline-form\"><button type=\"submit\" class=\"button button-small\" "
                        "aria-label=\"Revoke " + html(k.name) + "\">Revoke</button></form>";
            body += "</td></tr>";
        }
        body += "</tbody></table></div>";
    }
    body += "</section>";
    body += "<section class=\"card\" aria-labelledby=\"new-heading\"><h2 id=\"new-heading\" class=\"card-title\">"
            "Create a key</h2><form class=\"form\" method=\"post\" action=\"/console/api-keys\">" +
            console_form_nonce_field();
    body += console_field("name", "Key name", "text", "off", "", "");
    body += "<button type=\"submit\" class=\"button button-primary\">Create key</button></form></section>";
    send_console_page(res, status, user, ConsoleSection::settings, "API keys", body);
}

namespace {

void settings_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_owner(app, req, res);
    if (!user) return;
    const std::string notice = req.has_param("saved") ? "Settings saved." : req.has_param("profile") ? "Profile saved." : "";
    send_console_settings(app, res, 200, *user, notice, {});
}

void keys_page(App& app, const http::Request& req, http::Response& res) {
    auto user = require_console_owner(app, req, res);
    if (!user) return;
    send_console_keys(app, res, 200, *user, std::nullopt, req.has_param("revoked") ? "The key was revoked." : "",
                      "");
}

}  // namespace

void register_console_settings_pages(http::Router& server, App& app) {
    server.Get("/console/settings",
               [&app](const http::Request& req, http::Response& res) { settings_page(app, req, res); });
    server.Get("/console/api-keys", [&app](const http::Request& req, http::Response& res) { keys_page(app, req, res); });
}

}  // namespace pws::pages
