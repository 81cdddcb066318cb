// Portal passwords: Argon2id (libsodium crypto_pwhash_str_alg), stored as the
// self-describing "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string, so the
// cost can be raised later without a migration (see password_needs_rehash).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pws {

struct PasswordCost {
    unsigned long long opslimit;
    std::size_t memlimit;

    // libsodium's INTERACTIVE limits (2 passes, 64 MiB): the production cost.
    static PasswordCost interactive();
    // The smallest cost Argon2id allows (1 pass, 8 KiB): tests only.
    static PasswordCost minimum();
};

// Passwords longer than this are refused before hashing, so a megabyte
// "password" cannot be used to burn CPU.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// The encoded hash of `password`, or nullopt when the password is longer than
// kMaxPasswordBytes or the machine cannot allocate `cost.memlimit`.
std::optional<std::string> hash_password(std::string_view password,
                                         PasswordCost cost = PasswordCost::interactive());

// True when `password` matches `encoded` (a hash_password result). False for
// a wrong password, a malformed or empty hash, or an oversize password.
bool verify_password(std::string_view encoded, std::string_view password);

// True when `encoded` was made with a different cost than `cost` (rehash it
// on the next successful login) or is not an Argon2id hash at all.
bool password_needs_rehash(std::string_view encoded,
                           PasswordCost cost = PasswordCost::interactive());

// True when `encoded` is an Argon2id hash made with FEWER passes or LESS
// memory than `cost` (e.g. at the test cost): upgrade it on the next
// successful login. A stronger hash is left alone, so a server running at
// the test cost never weakens production hashes.
bool password_cost_below(std::string_view encoded, PasswordCost cost = PasswordCost::interactive());

// Spends the same time as verify_password against a hash of `cost`, for a
// login whose email is unknown: the response time then does not reveal
// which emails have accounts.
void burn_password_verify(std::string_view password,
                          PasswordCost cost = PasswordCost::interactive());

}  // namespace pws
