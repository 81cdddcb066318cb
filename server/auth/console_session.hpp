// The practitioner console's sessions, separate from the client portal's:
// cookie "pw_console" ("__Host-pw_console" under https), HttpOnly,
// SameSite=Strict, Secure when the public URL is https, Path=/. The cookie
// holds a random token; the store keeps only its keyed hash
// (KeyUse::console_session, so a portal session token never matches here).
// A session ends 30 minutes after the last request (idle) or 12 hours after
// sign-in (absolute), whichever is first. Every sign-in makes a NEW token and
// deletes the session the browser came with (no fixation); signing out
// deletes it on the server, so the old cookie is refused afterwards.
#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

inline constexpr const char* kConsoleCookie = "pw_console";
inline constexpr UnixTime kConsoleIdleSeconds = 30 * 60;
inline constexpr UnixTime kConsoleAbsoluteSeconds = 12 * 3600;

std::string console_cookie_name(const AppConfig& config);

// The signed-in user and their practice.
struct ConsoleUser {
    PracticeUser user;
    Practice practice;
    bool owner() const { return user.role == PracticeRole::owner; }
};

// The request's signed-in, not disabled user, or nullopt. Moves the idle
// expiry forward (at most once a minute, so reading pages is not a write
// per request).
std::optional<ConsoleUser> console_user(App& app, const http::Request& req);

// Ends the session the request came with (if any), starts a new one for
// `user` and sets the cookie.
pw::Error start_console_session(App& app, const http::Request& req, const PracticeUser& user,
                                http::Response& res);

// Deletes the request's session on the server and clears the cookie.
void end_console_session(App& app, const http::Request& req, http::Response& res);

}  // namespace pws
