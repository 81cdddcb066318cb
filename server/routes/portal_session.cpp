// POST/DELETE /api/v1/session, POST /api/v1/invitations/accept,
// POST /api/v1/password-resets, POST /api/v1/password-resets/complete.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "auth/session_cookie.hpp"
#include "http/client_address.hpp"
#include "routes/portal_internal.hpp"
#include "routes/respond.hpp"
#include "services/api_records.hpp"
#include "services/one_time_tokens.hpp"
#include "services/portal_accounts.hpp"

namespace pws {

namespace {

std::string lower_ascii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Counts one hit for each key (hit_each); false after answering 429 (with
// Retry-After) or the storage error, so the caller just returns.
bool within_limits(App& app, http::Response& res, std::initializer_list<LimitedKey> keys) {
    Result<RateLimit::Decision> d = hit_each(*app.store, keys, app.now_ms());
    if (!d.ok()) {
        respond::error(res, d.error);
        return false;
    }
    if (!d.value.allowed) {
        send_rate_limited(res, d.value.retry_after.count());
        return false;
    }
    return true;
}

// Sets the cookie and answers 200 SessionInfo.
void signed_in(App& app, const Client& client, http::Response& res) {
    if (pw::Error e = start_session(app, client, res)) return respond::error(res, e);
    send_json(res, 200, pw::encode(pw::SessionInfo{rec::client_info(client)}));
}

void set_password_route(App& app, const http::Request& req, http::Response& res, OneTimePurpose purpose) {
    const std::string address_key = "set-password:" + rate_limit_key_for_address(client_address(req, app.config.trusted_proxies));
    if (!within_limits(app, res, {{app.limits.password_sets_per_address, address_key}})) return;
    auto body = respond::body<pw::SetPasswordRequest>(req, res);
    if (!body) return;
    auto client = redeem_one_time_token(app, body->token, purpose, body->password);
    if (!client) return respond::error(res, client.error);
    signed_in(app, client.value, res);
}

}  // namespace

void register_portal_session_routes(http::Router& server, App& app) {
    server.Post("/api/v1/session", [&app](const http::Request& req, http::Response& res) {
        auto body = respond::body<pw::LoginRequest>(req, res);
        if (!body) return;
        // Both limits count every attempt: guessing one account from many
        // addresses, or many accounts from one address.
        const std::string address_key = "login:" + rate_limit_key_for_address(client_address(req, app.config.trusted_proxies));
        const std::string email_key = "login:" + lower_ascii(body->email);
        if (!within_limits(app, res,
                           {{app.limits.logins_per_address, address_key}, {app.limits.logins_per_email, email_key}}))
            return;
        pw::Error error;
        std::optional<Client> client = verify_login(app, body->email, body->password, error);
        if (error) return respond::error(res, error);
        if (!client) return respond::code(res, "invalid_credentials");
        if (pw::Error re = reset_key(*app.store, app.limits.logins_per_email, email_key))
            std::fprintf(stderr, "login: clearing the failed attempts failed: %s\n", re.code.c_str());
        signed_in(app, *client, res);
    });

    server.Delete("/api/v1/session", [&app](const http::Request& req, http::Response& res) {
        if (!require_session(app, req, res)) return;
        end_session(app, req, res);
        respond::no_content(res);
    });

    server.Post("/api/v1/invitations/accept", [&app](const http::Request& req, http::Response& res) {
        set_password_route(app, req, res, OneTimePurpose::invitation);
    });

    server.Post("/api/v1/password-resets", [&app](const http::Request& req, http::Response& res) {
        auto body = respond::body<pw::PasswordResetRequest>(req, res);
        if (!body) return;
        const std::string address_key = "reset:" + rate_limit_key_for_address(client_address(req, app.config.trusted_proxies));
        if (!within_limits(app, res, {{app.limits.resets_per_address, address_key}})) return;
        // Always 202, known email or not; a failure is logged, not shown.
        auto sent = request_password_reset(app, body->email);
        if (!sent) std::fprintf(stderr, "password reset: %s\n", sent.error.code.c_str());
        send_json(res, 202, nlohmann::json::object());
    });

    server.Post("/api/v1/password-resets/complete", [&app](const http::Request& req, http::Response& res) {
        set_password_route(app, req, res, OneTimePurpose::password_reset);
    });
}

}  // namespace pws
