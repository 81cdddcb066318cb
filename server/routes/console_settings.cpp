// The owner's forms: POST /console/settings (payment rules, through the same
// service and core rules as PATCH /api/v1/admin/settings),
// POST /console/settings/profile (name, email, phone payers see),
// POST /console/api-keys (a new key, shown once in the answer) and
// POST /console/api-keys/<id>/revoke. Each checks the Origin first
// (console_form), then that the user is an owner (404 otherwise); each
// change is logged in the activity, in its own transaction.
#include "pages/console_pages.hpp"
#include "pages/invoice_editor_form.hpp"
#include "routes/routes.hpp"
#include "services/activity.hpp"
#include "services/admin_keys.hpp"
#include "services/practices.hpp"

namespace pws {

namespace {

// The form as a settings merge patch: the core decides what is valid.
nlohmann::json settings_patch(const http::Params& form) {
    nlohmann::json origins = nlohmann::json::array();
    const std::string text = pages::field_value(form, "embed_origins");
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (std::string line = pages::trimmed_value(std::string_view(text).substr(start, end - start)); !line.empty())
            origins.push_back(line);
        start = end + 1;
    }
    nlohmann::json patch = {{"allow_saved_method_removal", pages::field_value(form, "allow_saved_method_removal") == "1"},
                            {"settlement_currency",
                             pages::trimmed_value(pages::field_value(form, "settlement_currency"))},
                            {"embed_origins", origins},
                            {"default_locale", pages::field_value(form, "default_locale")}};
    // The default partial-payment policy: the percentage typed (checked by
    // default_percent_error first), else the stored minimum is kept.
    nlohmann::json partial = {{"enabled", pages::field_value(form, "default_partial_enabled") == "1"}};
    if (auto bps = pages::percent_to_bps(pages::trimmed_value(pages::field_value(form, "default_minimum_percent"))))
        partial["minimum"] = {{"type", "percent"}, {"basis_points", *bps}};
    patch["default_partial_payments"] = partial;
    return patch;
}

// A percentage that cannot be read, said in the form's words (the core
// would only see a missing number).
pw::Error default_percent_error(const http::Params& form) {
    const std::string text = pages::trimmed_value(pages::field_value(form, "default_minimum_percent"));
    if (text.empty() || pages::percent_to_bps(text)) return {};
    return pw::make_error("invalid_value", "default_partial_payments",
                          "Enter the minimum as a percentage from 1 to 100, such as 25.");
}

void save_settings(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_owner(app, req, res);
    if (!user) return;
    if (pw::Error e = default_percent_error(*form)) return pages::send_console_settings(app, res, 422, *user, "", e);
    auto saved = patch_settings(app, user->practice.id, settings_patch(*form), Actor::user(user->user));
    if (!saved) return pages::send_console_settings(app, res, saved.error.code == "storage_busy" ? 503 : 422, *user, "",
                                                    saved.error);
    pages::redirect(res, "/console/settings?saved=1");
}

void save_profile(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_owner(app, req, res);
    if (!user) return;
    const pw::Contact profile{pages::trimmed_value(pages::field_value(*form, "name")),
                              pages::trimmed_value(pages::field_value(*form, "email")),
                              pages::trimmed_value(pages::field_value(*form, "phone"))};
    if (pw::Error e = update_profile(app, user->practice.id, profile, Actor::user(user->user)))
        return pages::send_console_settings(app, res, e.code == "storage_busy" ? 503 : 422, *user, "", e);
    pages::redirect(res, "/console/settings?profile=1");
}

// Ours are 43 characters (random_token); a longer one is not ours.
constexpr std::size_t kMaxFormNonceChars = 64;

void create_key(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_owner(app, req, res);
    if (!user) return;
    // The name's rule is the API's (pw::CreateAdminKeyRequest).
    pw::CreateAdminKeyRequest request;
    if (pw::Error e = pw::decode(nlohmann::json{{"name", pages::trimmed_value(pages::field_value(*form, "name"))}}, request))
        return pages::send_console_keys(app, res, 422, *user, std::nullopt, "", "Give the key a name (up to 200 characters).");
    // The form's one-time nonce: a reload (or a second click) posts it
    // again, and the service then creates nothing.
    const std::string nonce = pages::field_value(*form, "form_nonce");
    if (nonce.empty() || nonce.size() > kMaxFormNonceChars)
        return pages::send_console_keys(app, res, 422, *user, std::nullopt, "",
                                        "This form is out of date. Fill in the key name again and create the key.");
    auto made = create_admin_key(app, user->practice.id, request.name, Actor::user(user->user), nonce);
    if (!made && made.error.code == "already_done")
        return pages::send_console_keys(app, res, 409, *user, std::nullopt,
                                        "This key was already created; it was shown once.", "");
    if (!made) return pages::send_console_keys(app, res, 503, *user, std::nullopt, "", "The key was not created. Try again.");
    pages::send_console_keys(app, res, 201, *user, made.value, "", "");
}

void revoke_key(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_owner(app, req, res);
    if (!user) return;
    pw::Error e = revoke_admin_key(app, user->practice.id, req.matches[1].str(), Actor::user(user->user));
    if (!e) return pages::redirect(res, "/console/api-keys?revoked=1");
    if (e.code == "not_found")
        return pages::send_console_page(res, 404, *user, pages::ConsoleSection::settings, "Not found",
                                        "<section class=\"card message\"><h1>No such key</h1><p><a "
                                        "href=\"/console/api-keys\">Back to API keys</a></p></section>");
    if (e.code == "last_admin_key")
        return pages::send_console_keys(app, res, 409, *user, std::nullopt, "",
                                        "This is your only active key. Create another one before revoking it.");
    pages::send_console_keys(app, res, 503, *user, std::nullopt, "", "The key was not revoked. Try again.");
}

}  // namespace

void register_console_settings_routes(http::Router& server, App& app) {
    server.Post("/console/settings",
                [&app](const http::Request& req, http::Response& res) { save_settings(app, req, res); });
    server.Post("/console/settings/profile",
                [&app](const http::Request& req, http::Response& res) { save_profile(app, req, res); });
    server.Post("/console/api-keys", [&app](const http::Request& req, http::Response& res) { create_key(app, req, res); });
    server.Post("/console/api-keys/([A-Za-z0-9_-]{1,128})/revoke",
                [&app](const http::Request& req, http::Response& res) { revoke_key(app, req, res); });
}

}  // namespace pws
