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
