// POST /console/login and POST /console/logout: the console's sign-in and
// sign-out forms (pages/console_account_pages.cpp). Both must carry this
// host's Origin (pages/console_kit.hpp: console_form), so another site can
// neither sign a practitioner out nor into an account of its own (login
// CSRF). Sign-in attempts are limited per address and per email, shared by
// every instance (the portal's numbers, own buckets: AppLimits). A
// successful sign-in and a sign-out are written to the practice's Activity;
// a failed one is not (it is rate-limited, and an unknown email has no
// practice to log it in).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "auth/console_session.hpp"
#include "http/client_address.hpp"
#include "pages/console_pages.hpp"
#include "routes/routes.hpp"
#include "services/activity.hpp"
#include "services/practice_users.hpp"

namespace pws {

namespace {

std::string lower_ascii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Form values are bounded by the body limit already; these keep a hostile
// value from being hashed or stored as a rate-limit key.
constexpr std::size_t kMaxEmailChars = 254;

// After the session's own transaction: a failed log line must not undo a
// sign-in or keep someone signed in, so it is reported, not returned.
void log_session_change(App& app, const PracticeUser& user, std::string_view action, std::string_view detail) {
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) {
        return record_activity(t, app, user.practice_id, Actor::user(user), action, user.id, detail);
    });
    if (e) std::fprintf(stderr, "console: logging %s failed: %s\n", std::string(action).c_str(), e.code.c_str());
}

void login(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    const std::string email = pages::field_value(*form, "email");
    const std::string password = pages::field_value(*form, "password");
    const std::string next = pages::console_next(pages::field_value(*form, "next"));
    if (email.empty() || password.empty() || email.size() > kMaxEmailChars)
        return pages::send_console_login(res, 422, next, email.substr(0, kMaxEmailChars), "Enter your email and password.");
    // Both limits count every attempt: guessing one account from many
    // addresses, or many accounts from one address.
    const std::string address_key = "console:" + rate_limit_key_for_address(client_address(req, app.config.trusted_proxies));
    const std::string email_key = "console:" + lower_ascii(email);
    Result<RateLimit::Decision> d =
        hit_each(*app.store,
                 {{app.limits.console_logins_per_address, address_key}, {app.limits.console_logins_per_email, email_key}},
                 app.now_ms());
    if (!d.ok()) return pages::send_console_login(res, 503, next, email, "The server is busy. Try again in a moment.");
    if (!d.value.allowed) {
        res.set_header("Retry-After", std::to_string(d.value.retry_after.count()));
        return pages::send_console_login(res, 429, next, email,
                                         "Too many sign-in attempts. Wait a few minutes, then try again.");
    }
    pw::Error error;
    std::optional<PracticeUser> user = verify_console_login(app, email, password, error);
    if (error) return pages::send_console_login(res, 503, next, email, "The server is busy. Try again in a moment.");
    if (!user) return pages::send_console_login(res, 401, next, email, "The email or password is not right.");
    if (pw::Error re = reset_key(*app.store, app.limits.console_logins_per_email, email_key))
        std::fprintf(stderr, "console login: clearing the failed attempts failed: %s\n", re.code.c_str());
    if (pw::Error se = start_console_session(app, req, *user, res))
        return pages::send_console_login(res, 503, next, email, "The server is busy. Try again in a moment.");
    log_session_change(app, *user, "user.signed_in", "Signed in");
    pages::redirect(res, next);
}

void logout(App& app, const http::Request& req, http::Response& res) {
    if (!pages::console_form(app, req, res)) return;
    const std::optional<ConsoleUser> user = console_user(app, req);
    end_console_session(app, req, res);  // clears the cookie whether or not one was valid
    if (user) log_session_change(app, user->user, "user.signed_out", "Signed out");
    pages::redirect(res, "/console/login?signed_out=1");
}

}  // namespace

void register_console_session_routes(http::Router& server, App& app) {
    server.Post("/console/login", [&app](const http::Request& req, http::Response& res) { login(app, req, res); });
    server.Post("/console/logout", [&app](const http::Request& req, http::Response& res) { logout(app, req, res); });
}

}  // namespace pws
