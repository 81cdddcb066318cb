// Portal sign-in and password recovery (the flows behind POST
// /api/v1/session and /api/v1/password-resets). Routes stay thin.
#pragma once

#include <optional>
#include <string>

#include "app/app.hpp"

namespace pws {

// The client whose portal password matches. The same email may have an
// account at several practices: the first client (in the store's order)
// whose password matches wins. When no account has the email, a dummy
// Argon2id verification runs, so the answer time does not reveal which
// emails exist. A matching hash made at a lower cost than the server's is
// upgraded (compare-and-set). nullopt: wrong email or password (the caller answers
// invalid_credentials either way). Storage failures: error set.
std::optional<Client> verify_login(App& app, const std::string& email, const std::string& password,
                                   pw::Error& error);

// Emails a password-reset link (/portal/reset#token=..., 1 hour) to every
// ACTIVATED account with this email (an unactivated client is invited by
// the practitioner instead). Unknown email: nothing happens. Returns how
// many emails were written.
pw::Result<int> request_password_reset(App& app, const std::string& email);

}  // namespace pws
