// The practitioner console's pages (/console/...), rendered here and shown by
// the GET routes (register_console_pages) and by the form routes
// (routes/console_*.cpp) when they answer with a page: a sign-in that failed,
// a new API key (shown once), a refused setting.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/router.hpp"

#include "app/app.hpp"
#include "pages/console_kit.hpp"
#include "services/admin_keys.hpp"

namespace pws::pages {

// GET /console/login (console_account_pages.cpp)
void register_console_account_pages(http::Router& server, App& app);
// GET /console, /console/clients, /console/payments,
// /console/activity (console_home_pages.cpp)
void register_console_home_pages(http::Router& server, App& app);
// GET /console/settings, /console/api-keys (console_settings_pages.cpp)
void register_console_settings_pages(http::Router& server, App& app);

// GET /console/clients[?q=], /console/clients/new, /console/clients/<id>
// (console_client_pages.cpp)
void register_console_client_pages(http::Router& server, App& app);
// GET /console/users (owner), /console/invitation?token= (console_users_pages.cpp)
void register_console_users_pages(http::Router& server, App& app);

// The new-client form; `values` name, email, phone kept; each of `errors`
// shown by the field it names (error.field), and a summary above the form.
struct ClientFormValues {
    std::string name, email, phone;
};
void send_console_new_client(http::Response& res, int status, const ConsoleUser& user, const ClientFormValues& values,
                             const std::vector<pw::Error>& errors);

// A client's page (console_client_pages.cpp). `notice` after a change;
// `error` (with the saved card it concerns in error.field, when any) after
// a refused one.
void send_console_client(App& app, http::Response& res, int status, const ConsoleUser& user,
                         std::string_view client_id, std::string_view notice, const pw::Error& error);

// Users (owner): users, pending invitations, the invite form with `values`
// kept and `error` by its field.
struct InviteFormValues {
    std::string name, email, role = "staff";
};
void send_console_users(App& app, http::Response& res, int status, const ConsoleUser& user, std::string_view notice,
                        const InviteFormValues& values, const pw::Error& error);

// The set-password page of an invitation (`token` from the link).
void send_console_invitation(App& app, http::Response& res, int status, const std::string& token,
                             std::string_view error);

// The sign-in page; `error` shown above the form, `email` kept.
void send_console_login(http::Response& res, int status, std::string_view next, std::string_view email,
                        std::string_view error, std::string_view notice = "");

// Settings (owner). `error` (and the field it names) from a refused change.
void send_console_settings(App& app, http::Response& res, int status, const ConsoleUser& user,
                           std::string_view notice, const pw::Error& error);

// API keys (owner). `made`: a key just created, shown once.
void send_console_keys(App& app, http::Response& res, int status, const ConsoleUser& user,
                       const std::optional<IssuedAdminKey>& made, std::string_view notice, std::string_view error);

}  // namespace pws::pages
