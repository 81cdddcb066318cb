// The Argon2id cost the server hashes portal passwords with: libsodium's
// interactive limits in production, the minimum under --test-mode so the
// integration suites stay fast (verification reads the cost from the hash
// itself, so both kinds of hash keep working).
#pragma once

#include "app/app.hpp"
#include "security/password.hpp"

namespace pws {

inline PasswordCost password_cost(const App& app) {
    return app.config.test_mode ? PasswordCost::minimum() : PasswordCost::interactive();
}

}  // namespace pws
