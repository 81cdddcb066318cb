// Keyed hashing with the server secret: what the database stores instead of
// a token or an admin key, and the card fingerprint that recognises a card
// without keeping it. Without the secret a stolen database gives no way to
// test guesses.
//
// One master key never hashes anything itself: each use below has its own
// subkey, derived with libsodium's crypto_kdf_derive_from_key (BLAKE2b), so
// no derived key serves two purposes and a value hashed for one table can
// never be replayed as a lookup in another. The split follows what a hash is
// FOR, which is also what decides how it lives through a rotation:
//   link_token, session, one_time_token, payment_token, admin_key,
//   console_session
//       lookup keys ("WHERE token_hash = ?") of bearer secrets the server
//       issued; one subkey each because they are separate credentials in
//       separate tables with separate lifetimes (a session id must never
//       match as a link token). Looked up under every key that may have
//       made them (hash_candidates).
//   request
//       idempotency: "is this retry the same body as before?" Compared, never
//       looked up; a retry must still match across a rotation, so it is
//       compared against every candidate too.
//   card_fingerprint
//       recognises a saved card within one practice. Not looked up with
//       candidates: the card number is gone after tokenising, so a card saved
//       before a rotation is not recognised as a duplicate after it (the
//       wallet then lists it twice until the payer removes one).
//
// Rotation (server/README.md, "The server secret"): the secret file holds a
// current master key (every new hash) and optionally the previous one
// (lookups only, for the grace period until the next rotation). A master key
// from before subkeys existed is marked `legacy`: the old server hashed with
// it directly (BLAKE2b keyed with the master, purpose "pws.token.v1"), so
// lookups under that key also try that form. Nothing new is ever hashed the
// legacy way.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pws {

struct MasterKey {
    std::array<unsigned char, 32> bytes{};
    // Hashes made by a server older than subkeys used these bytes directly.
    bool legacy = false;
};

struct ServerSecret {
    MasterKey current;                // makes every new hash
    std::optional<MasterKey> previous;  // before the last rotation: lookups only
};

// What a hash is for; the value is the subkey id (never reuse a number).
enum class KeyUse : std::uint64_t {
    link_token = 1,
    session = 2,
    one_time_token = 3,
    payment_token = 4,
    admin_key = 5,
    request = 6,
    card_fingerprint = 7,
    // the practitioner console's sessions: never interchangeable with a
    // client's portal session
    console_session = 8,
};

using Subkey = std::array<unsigned char, 32>;

// The subkey for `use` (crypto_kdf_derive_from_key, context "pwsecret").
Subkey derive_subkey(const MasterKey& master, KeyUse use);

// 64 lower-case hex characters: the hash of `value` to STORE, made with the
// current master's subkey for `use`. Deterministic for one secret.
// `use` must not be card_fingerprint (use card_fingerprint()).
std::string hash_token(const ServerSecret& secret, KeyUse use, std::string_view value);

// Every hash `value` may be stored under, current key first: current, its
// legacy form (if legacy), previous, its legacy form (if legacy). Lookups
// try them in order.
std::vector<std::string> hash_candidates(const ServerSecret& secret, KeyUse use, std::string_view value);

// Runs find(hash) for each candidate hash of `value` until one answers
// anything but an error coded `miss` (e.g. "not_found", "token_unknown").
// Returns the last answer. Used for every lookup of an issued token.
template <class Find>
auto find_by_token(const ServerSecret& secret, KeyUse use, std::string_view value, std::string_view miss,
                   Find&& find) -> decltype(find(std::string())) {
    const std::vector<std::string> hashes = hash_candidates(secret, use, value);
    auto answer = find(hashes.front());
    for (std::size_t i = 1; i < hashes.size() && !answer.ok() && answer.error.code == miss; ++i)
        answer = find(hashes[i]);
    return answer;
}

// 64 hex characters identifying a payment instrument within ONE practice:
// the same card (TokenizeResult::fingerprint_input) gives the same value for
// the same practice and an unrelated value for another practice, so
// fingerprints cannot be joined across tenants. Not reversible. Current key
// only (see above).
std::string card_fingerprint(const ServerSecret& secret, std::string_view practice_id,
                             std::string_view fingerprint_input);

// Equality in time that depends only on the lengths (which are public for
// hashes and tokens), never on where the first difference is.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace pws
