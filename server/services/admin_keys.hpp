// Admin API keys: several per practice, each named and revocable. A key is
// "pwk_" + 32 random bytes (base64url): the prefix lets secret scanners and
// support recognise one; only its keyed hash (KeyUse::admin_key) and a hint
// ("pwk_...a1b2") are stored. Authentication is auth/admin_auth.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "paywidget/api.hpp"
#include "services/activity.hpp"

namespace pws {

inline constexpr std::string_view kAdminKeyPrefix = "pwk_";

struct IssuedAdminKey {
    std::string key;  // shown once
    AdminKeyRecord record;
};

// A fresh key for the practice, not yet stored.
IssuedAdminKey make_admin_key(const App& app, std::string_view practice_id, std::string_view name);

// "pwk_...a1b2": the key's prefix (up to its first '_', if any within the
// first 8 characters) and its last 4 characters.
std::string admin_key_hint(std::string_view key);

// Stores a new key, with an activity entry "api_key.created" by `actor` in
// the same transaction. Errors: the store's (invalid_reference for an
// unknown practice).
pw::Result<IssuedAdminKey> create_admin_key(App& app, std::string_view practice_id, std::string_view name,
                                            const Actor& actor);

// The same, at most once per `form_nonce` (a hidden field of the console's
// form): the nonce is claimed in the idempotency table in the key's own
// transaction, so a reloaded or double-submitted form, on any instance,
// creates nothing more. Errors: already_done (this nonce made a key
// already), the store's.
pw::Result<IssuedAdminKey> create_admin_key(App& app, std::string_view practice_id, std::string_view name,
                                            const Actor& actor, std::string_view form_nonce);

// The practice's keys, revoked ones included, oldest first.
pw::Result<std::vector<AdminKeyRecord>> list_admin_keys(App& app, std::string_view practice_id);

// Revokes the practice's key: not_found (unknown, or another practice's),
// last_admin_key (its only active key). Revoking twice is not an error.
// An activity entry "api_key.revoked" by `actor` is written in the same
// transaction.
pw::Error revoke_admin_key(App& app, std::string_view practice_id, std::string_view id, const Actor& actor);

// The key as the API shows it (no hash, no secret).
pw::AdminKeyInfo admin_key_info(const AdminKeyRecord& k);

}  // namespace pws
