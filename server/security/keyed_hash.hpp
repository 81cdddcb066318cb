// Keyed hashing with the server secret: what the database stores instead of
// a token, and the card fingerprint that recognises a card without keeping
// it. BLAKE2b (crypto_generichash) keyed with the 32-byte server secret, with
// a purpose label hashed first so a token hash can never equal a fingerprint.
// Without the secret a stolen database gives no way to test guesses.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace pws {

struct ServerSecret {
    std::array<unsigned char, 32> key{};
};

// 64 lower-case hex characters: keyed hash of `token` for storage and lookup
// ("WHERE token_hash = ?"). Deterministic for one secret.
std::string hash_token(const ServerSecret& secret, std::string_view token);

// 64 hex characters identifying a payment instrument within ONE practice:
// the same card (TokenizeResult::fingerprint_input) gives the same value for
// the same practice and an unrelated value for another practice, so
// fingerprints cannot be joined across tenants. Not reversible.
std::string card_fingerprint(const ServerSecret& secret, std::string_view practice_id,
                             std::string_view fingerprint_input);

// Equality in time that depends only on the lengths (which are public for
// hashes and tokens), never on where the first difference is.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace pws
