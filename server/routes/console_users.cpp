// The Users forms of the console (owner only): POST /console/users/invite,
// POST /console/users/invitations/<id>/revoke, POST /console/users/<id>/disable;
// and the invitation's POST /console/invitation (public: token + password +
// confirmation), which creates the user, uses the invitation up in the same
// transaction and signs the new user in. Each checks the Origin first
// (console_form); the owner forms then the role (404 for staff). Another
// practice's invitation or user is a 404.
#include <cstdio>

#include "auth/console_session.hpp"
#include "pages/console_pages.hpp"
#include "routes/routes.hpp"
#include "services/practice_invitations.hpp"

namespace pws {

namespace {

// A password is never longer than this many bytes (the core refuses far
// shorter ones as well; this bounds what is hashed).
constexpr std::size_t kMaxPasswordBytes = 1024;

void invite(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_owner(app, req, res);
    if (!user) return;
    const pages::InviteFormValues values{pages::trimmed_field(*form, "name"), pages::trimmed_field(*form, "email"),
                                         pages::trimmed_field(*form, "role", 16)};
    if (values.role != "staff" && values.role != "owner")
        return pages::send_console_users(app, res, 422, *user, "", values,
                                         pw::make_error("invalid_value", "role", "Choose Staff or Owner."));
    const NewPracticeInvitation invitation{values.name, values.email,
                                           values.role == "owner" ? PracticeRole::owner : PracticeRole::staff};
    auto made = invite_practice_user(app, user->practice, user->user, invitation);
    if (made) return pages::redirect(res, "/console/users?invited=1");
    const std::string& code = made.error.code;
    if (code == "user_exists")
        return pages::send_console_users(app, res, 409, *user, "", values,
                                         pw::make_error(code, "email",
                                                        "This email already belongs to a console user. Use another "
                                                        "email, or ask them to sign in."));
    if (!made.error.field.empty() && code != "storage_busy" && code != "storage_error")
        return pages::send_console_users(app, res, 422, *user, "", values, made.error);
    pages::send_console_users(app, res, 503, *user, "", values,
                              pw::make_error(code, "", "Try again in a moment; nothing was sent."));
}

void revoke(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_owner(app, req, res);
    if (!user) return;
    pw::Error e = revoke_practice_invitation(app, user->practice.id, req.matches[1].str(), Actor::user(user->user));
    if (!e) return pages::redirect(res, "/console/users?revoked=1");
    if (e.code == "not_found")
        return pages::send_console_not_found(res, *user, pages::ConsoleSection::users,
                                             "No such pending invitation", "/console/users", "Users");
    pages::send_console_users(app, res, 503, *user, "", {},
                              pw::make_error(e.code, "user", "The invitation was not withdrawn. Try again."));
}

void disable(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_owner(app, req, res);
    if (!user) return;
    pw::Error e = disable_staff_user(app, user->practice.id, req.matches[1].str(), Actor::user(user->user));
    if (!e) return pages::redirect(res, "/console/users?disabled=1");
    if (e.code == "not_found")
        return pages::send_console_not_found(res, *user, pages::ConsoleSection::users, "No such active user",
                                             "/console/users", "Users");
    if (e.code == "not_allowed")
        return pages::send_console_users(app, res, 409, *user, "", {},
                                         pw::make_error(e.code, "user", "An owner cannot be disabled here."));
    pages::send_console_users(app, res, 503, *user, "", {},
                              pw::make_error(e.code, "user", "The user was not disabled. Try again."));
}

void accept(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    const std::string token = pages::field_value(*form, "token").substr(0, kMaxInvitationTokenChars + 1);
    const std::string password = pages::field_value(*form, "password");
    const std::string confirm = pages::field_value(*form, "confirm");
    if (password.size() > kMaxPasswordBytes)
        return pages::send_console_invitation(app, res, 422, token, "This password is too long. Choose a shorter one.");
    if (password != confirm)
        return pages::send_console_invitation(app, res, 422, token,
                                              "The two passwords are not the same. Type the same password twice.");
    auto made = accept_practice_invitation(app, token, password);
    if (!made) {
        const std::string& code = made.error.code;
        // Used, expired or unknown: the GET page explains each.
        if (code == "invitation_used" || code == "invitation_invalid")
            return pages::send_console_invitation(app, res, 410, token, "");
        if (code == "user_exists")
            return pages::send_console_login(res, 409, "/console", "",
                                             "This email already has a console account. Sign in.");
        if (made.error.field == "password")
            return pages::send_console_invitation(app, res, 422, token,
                                                  made.error.code == "password_too_short"
                                                      ? "Choose a password of at least " +
                                                            std::to_string(pw::kMinPasswordChars) + " characters."
                                                      : "This password cannot be used. Choose another.");
        return pages::send_console_invitation(app, res, 503, token, "The server is busy. Try again in a moment.");
    }
    if (pw::Error e = start_console_session(app, req, made.value, res))
        return pages::send_console_login(res, 503, "/console", made.value.email,
                                         "Your account is ready, but signing in failed. Sign in with your password.");
    pages::redirect(res, "/console");
}

}  // namespace

void register_console_users_routes(http::Router& server, App& app) {
    server.Post("/console/users/invite", [&app](const http::Request& req, http::Response& res) { invite(app, req, res); });
    server.Post("/console/users/invitations/([A-Za-z0-9_-]{1,128})/revoke",
                [&app](const http::Request& req, http::Response& res) { revoke(app, req, res); });
    server.Post("/console/users/([A-Za-z0-9_-]{1,128})/disable",
                [&app](const http::Request& req, http::Response& res) { disable(app, req, res); });
    server.Post("/console/invitation", [&app](const http::Request& req, http::Response& res) { accept(app, req, res); });
}

}  // namespace pws
