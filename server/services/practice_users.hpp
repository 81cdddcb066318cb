// The practitioner console's users: creating one (the owner from `server
// practitioner create --practice`, later staff by invitation) and checking a
// sign-in. A user belongs to one practice; the email is unique across all
// practices (storage/migrations.cpp, version 6).
#pragma once

#include <optional>
#include <string>

#include "app/app.hpp"

namespace pws {

struct NewPracticeUser {
    std::string practice_id;
    std::string email;
    std::string name;
    PracticeRole role = PracticeRole::staff;
    std::string password;  // the core's rule for a new password (pw::kMinPasswordChars)
};

// Validates with the core's codec rules (name, email, new password: the same
// rules as a client's portal account), hashes the password with Argon2id and
// stores the user. Errors: invalid_email, password_too_short, invalid_value
// (name), already_exists (email), invalid_reference (no such practice).
pw::Result<PracticeUser> create_practice_user(App& app, const NewPracticeUser& u);

// create_practice_user's checks and Argon2id hash, without storing: for a
// caller that inserts the user inside its own transaction (an accepted
// invitation). Errors as create_practice_user's before storage.
pw::Result<PracticeUser> prepare_practice_user(App& app, const NewPracticeUser& u);

// The active user with this email and password, or nullopt (unknown email,
// disabled user, no password yet, wrong password: indistinguishable, and an
// unknown email costs the same time). `error` is set on storage failure.
std::optional<PracticeUser> verify_console_login(App& app, const std::string& email, const std::string& password,
                                                 pw::Error& error);

}  // namespace pws
