#include "security/keyed_hash.hpp"

#include <sodium.h>

#include <cstdint>
#include <initializer_list>

#include "security/random.hpp"

namespace pws {
namespace {

// A part is length-prefixed so ("ab","c") and ("a","bc") hash differently.
void update_part(crypto_generichash_state& st, std::string_view part) {
    const std::uint64_t n = part.size();
    unsigned char len[8];
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
    crypto_generichash_update(&st, len, sizeof len);
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(part.data()), part.size());
}

std::string keyed_hash(const ServerSecret& secret, std::string_view purpose,
                       std::initializer_list<std::string_view> parts) {
    ensure_sodium();
    crypto_generichash_state st;
    crypto_generichash_init(&st, secret.key.data(), secret.key.size(), crypto_generichash_BYTES);
    update_part(st, purpose);
    for (std::string_view p : parts) update_part(st, p);
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash_final(&st, out, sizeof out);
    return to_hex(out, sizeof out);
}

}  // namespace

std::string hash_token(const ServerSecret& secret, std::string_view token) {
    return keyed_hash(secret, "pws.token.v1", {token});
}

std::string card_fingerprint(const ServerSecret& secret, std::string_view practice_id,
                             std::string_view fingerprint_input) {
    return keyed_hash(secret, "pws.fingerprint.v1", {practice_id, fingerprint_input});
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace pws
