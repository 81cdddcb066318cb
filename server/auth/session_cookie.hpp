// Portal sessions as cookies: "pw_session" ("__Host-pw_session" under
// https), HttpOnly, SameSite=Strict, Secure when the public URL is https, Path=/. The cookie holds a random
// token; the store keeps only its keyed hash.
#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

inline constexpr const char* kSessionCookie = "pw_session";
// The cookie's name: "__Host-pw_session" when the public URL is https (the
// browser then accepts it only if Secure, Path=/ and without Domain, so a
// sibling subdomain cannot plant or shadow it), else "pw_session".
std::string session_cookie_name(const AppConfig& config);

// The signed-in client of this request, or nullopt (no cookie, unknown or
// expired session).
std::optional<Client> session_client(App& app, const http::Request& req);

// "; Path=/; HttpOnly; SameSite=Strict" and "; Secure" when the public URL
// is https: the attributes of every session cookie (portal and console).
std::string session_cookie_attributes(const AppConfig& config);

// Starts a session for the client and sets the cookie on the response.
pw::Error start_session(App& app, const Client& client, http::Response& res);

// Ends the request's session (if any) and clears the cookie.
void end_session(App& app, const http::Request& req, http::Response& res);

}  // namespace pws
