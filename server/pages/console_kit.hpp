// What every practitioner console page (/console/...) is made of: the gate
// (signed in; owner-only pages), the shell with the console's navigation,
// and the checks every form post passes. Console forms are plain HTML forms
// posted to the server (no JavaScript needed); each POST must carry this
// host's Origin (http/cross_site.hpp: is_own_origin_post) on top of the
// session cookie's SameSite=Strict, or it is refused with 403.
//
// Authorization: a page of another practice, or an owner-only page (Settings,
// API keys) asked for by a staff user, is a 404, the same answer as a page
// that does not exist: a user is never told what lies outside their reach.
// Staff do not see those links in the navigation either.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/router.hpp"

#include "app/app.hpp"
#include "auth/console_session.hpp"
#include "pages/page_kit.hpp"

namespace pws::pages {

enum class ConsoleSection { none, home, clients, invoices, payments, activity, settings, users };

// The signed-in user, or a 302 to /console/login?next=<this path> (GET) and
// nullopt.
std::optional<ConsoleUser> require_console_user(App& app, const http::Request& req, http::Response& res);
// require_console_user, then 404 for anyone but an owner.
std::optional<ConsoleUser> require_console_owner(App& app, const http::Request& req, http::Response& res);

// `next` when it is a console path ("/console" or "/console/..."), else "/console".
std::string console_next(std::string_view next);

// The form post checks: this host's Origin, and an urlencoded body. On
// failure writes 403 (foreign or missing Origin) or 415 and returns nullopt;
// otherwise the decoded fields.
std::optional<http::Params> console_form(App& app, const http::Request& req, http::Response& res);
// The first value of a form field, "" when absent.
std::string field_value(const http::Params& form, std::string_view name);
// `s` without leading and trailing spaces, tabs and line breaks.
std::string trimmed_value(std::string_view s);
// field_value without leading and trailing white space, cut to `max_bytes`
// (a bound above the core's own limits, which then explain what is too long).
std::string trimmed_field(const http::Params& form, std::string_view name, std::size_t max_bytes = 1000);

// A console page: brand "<practice> · Console", the console's navigation
// (Settings only for owners), `body` in <main>.
void send_console_page(http::Response& res, int status, const ConsoleUser& user, ConsoleSection section,
                       std::string_view title, const std::string& body);
// The console shell without a signed-in user (sign-in page, errors).
void send_console_public_page(http::Response& res, int status, std::string_view title, const std::string& body);

// A labelled input with its error slot. `value` is pre-filled (escaped).
std::string console_field(std::string_view id, std::string_view label, std::string_view type,
                          std::string_view autocomplete, std::string_view value = "", std::string_view error = "",
                          bool required = true);
// role="alert" message, or "" when `message` is empty.
std::string console_alert(std::string_view message);
// role="status" notice.
std::string console_notice(std::string_view message);

// <section class="card"> titled by an <h2 id=heading_id> (escaped title).
std::string console_card(std::string_view heading_id, std::string_view title, const std::string& inner);
// 503: the page could not be read (storage busy); reload in a moment.
void send_console_unavailable(http::Response& res, const ConsoleUser& user, ConsoleSection section);

// ?page=N of a paginated console list (1-based, at most 10,000: a bounded
// offset); 1 when absent or not such a number.
std::size_t console_page_number(const http::Request& req);
// 404 "<heading>" with a link back to `back` ("Back to <back_text>").
void send_console_not_found(http::Response& res, const ConsoleUser& user, ConsoleSection section,
                            std::string_view heading, std::string_view back, std::string_view back_text);
// A hidden one-time value for a form whose repeat must do nothing (see
// services/admin_keys.hpp: create_admin_key with a form nonce).
std::string console_form_nonce_field();

}  // namespace pws::pages
