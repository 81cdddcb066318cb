#include "security/keyed_hash.hpp"

#include <sodium.h>

#include <initializer_list>

#include "security/random.hpp"

namespace pws {
namespace {

// crypto_kdf contexts are exactly 8 bytes. One context for this server's
// hashes; the subkey id (KeyUse) separates the uses.
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "pwsecret";
static_assert(crypto_kdf_KEYBYTES == 32 && crypto_kdf_BYTES_MIN <= 32 && crypto_kdf_BYTES_MAX >= 32);

// What the server before subkeys hashed every token with (kept for lookups
// under a legacy master only).
constexpr std::string_view kLegacyTokenPurpose = "pws.token.v1";

// A part is length-prefixed so ("ab","c") and ("a","bc") hash differently.
void update_part(crypto_generichash_state& st, std::string_view part) {
    const std::uint64_t n = part.size();
    unsigned char len[8];
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
    crypto_generichash_update(&st, len, sizeof len);
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(part.data()), part.size());
}

std::string keyed_hash(const unsigned char* key, std::string_view purpose,
                       std::initializer_list<std::string_view> parts) {
    ensure_sodium();
    crypto_generichash_state st;
    crypto_generichash_init(&st, key, 32, crypto_generichash_BYTES);
    update_part(st, purpose);
    for (std::string_view p : parts) update_part(st, p);
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash_final(&st, out, sizeof out);
    return to_hex(out, sizeof out);
}

std::string derived_hash(const MasterKey& master, KeyUse use, std::initializer_list<std::string_view> parts) {
    Subkey k = derive_subkey(master, use);
    // The label repeats the use inside the hash: belt and braces if two
    // uses were ever given one subkey id by mistake.
    std::string out = keyed_hash(k.data(), "pws.v2." + std::to_string(static_cast<std::uint64_t>(use)), parts);
    sodium_memzero(k.data(), k.size());
    return out;
}

void add_candidates(std::vector<std::string>& out, const MasterKey& master, KeyUse use, std::string_view value) {
    out.push_back(derived_hash(master, use, {value}));
    if (master.legacy) out.push_back(keyed_hash(master.bytes.data(), kLegacyTokenPurpose, {value}));
}

}  // namespace

Subkey derive_subkey(const MasterKey& master, KeyUse use) {
    ensure_sodium();
    Subkey k{};
    crypto_kdf_derive_from_key(k.data(), k.size(), static_cast<std::uint64_t>(use), kKdfContext,
                               master.bytes.data());
    return k;
}

std::string hash_token(const ServerSecret& secret, KeyUse use, std::string_view value) {
    return derived_hash(secret.current, use, {value});
}

std::vector<std::string> hash_candidates(const ServerSecret& secret, KeyUse use, std::string_view value) {
    std::vector<std::string> out;
    add_candidates(out, secret.current, use, value);
    if (secret.previous) add_candidates(out, *secret.previous, use, value);
    return out;
}

std::string card_fingerprint(const ServerSecret& secret, std::string_view practice_id,
                             std::string_view fingerprint_input) {
    return derived_hash(secret.current, KeyUse::card_fingerprint, {practice_id, fingerprint_input});
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace pws
