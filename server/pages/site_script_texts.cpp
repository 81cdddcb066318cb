#include "pages/site_script_texts.hpp"

#include <nlohmann/json.hpp>

#include "paywidget/api.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/messages.hpp"

namespace pws::pages {

namespace {

// The codes the portal's forms (sign in, invitation, password reset) and
// the saved cards' Remove can answer with. The catalogue's text for each
// (pw::api_error_text, as the widget shows API errors); the validators'
// codes, which the catalogue does not word, get the page's own words.
constexpr std::string_view kFormErrorCodes[] = {
    "invalid_credentials", "rate_limited", "invitation_invalid", "removal_disabled", "not_found",
    "unauthorized", "forbidden", "internal_error", "storage_busy", "server_busy",
    "body_too_large", "invalid_json", "unsupported_media_type",
};

nlohmann::json form_errors(std::string_view locale) {
    nlohmann::json errors = nlohmann::json::object();
    for (std::string_view code : kFormErrorCodes) {
        const std::string text = pw::api_error_text(locale, code, "");
        if (!text.empty()) errors[std::string(code)] = text;
    }
    errors["password_too_short"] =
        pw::text(locale, "account.password_hint", {{"count", std::to_string(pw::kMinPasswordChars)}});
    errors["invalid_email"] = pw::text(locale, "page.form_invalid_email");
    errors["missing_field"] = errors["empty_value"] = pw::text(locale, "page.form_field_required");
    return errors;
}

}  // namespace

std::string site_script_texts(std::string_view locale, bool api_errors) {
    nlohmann::json texts = {
        {"required",
         {{"email", pw::text(locale, "page.form_email_required")},
          {"password", pw::text(locale, "page.form_password_required")},
          {"new-password", pw::text(locale, "page.form_new_password_required")}}},
        {"field", pw::text(locale, "page.form_field_required")},
        {"network", pw::text(locale, "page.form_network")},
        {"server", pw::text(locale, "page.form_server_error")},
        {"rejected", pw::text(locale, "page.form_rejected")},
    };
    if (api_errors) texts["errors"] = form_errors(locale);
    return texts.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pws::pages
