#include "security/password.hpp"

#include <charconv>
#include <optional>

#include <sodium.h>

#include <map>
#include <mutex>

#include "security/random.hpp"

namespace pws {

PasswordCost PasswordCost::interactive() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

std::optional<std::string> hash_password(std::string_view password, PasswordCost cost) {
    if (!ensure_sodium() || password.size() > kMaxPasswordBytes) return std::nullopt;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.opslimit, cost.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt;  // out of memory
    return std::string(out);
}

bool verify_password(std::string_view encoded, std::string_view password) {
    if (!ensure_sodium() || password.size() > kMaxPasswordBytes) return false;
    // libsodium wants a NUL-terminated string that fits crypto_pwhash_STRBYTES.
    if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
    if (encoded.find('\0') != std::string_view::npos) return false;
    const std::string z(encoded);
    if (z.rfind("$argon2id$", 0) != 0) return false;
    return crypto_pwhash_str_verify(z.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded, PasswordCost cost) {
    if (!ensure_sodium()) return true;
    if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return true;
    const std::string z(encoded);
    if (z.rfind("$argon2id$", 0) != 0) return true;
    return crypto_pwhash_str_needs_rehash(z.c_str(), cost.opslimit, cost.memlimit) != 0;
}

bool password_cost_below(std::string_view encoded, PasswordCost cost) {
    if (!password_needs_rehash(encoded, cost)) return false;
    // "$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$salt$hash"
    auto number_after = [&](std::string_view key) -> std::optional<unsigned long long> {
        const std::size_t at = encoded.find(key);
        if (at == std::string_view::npos) return std::nullopt;
        unsigned long long v = 0;
        const char* first = encoded.data() + at + key.size();
        auto [end, ec] = std::from_chars(first, encoded.data() + encoded.size(), v);
        if (ec != std::errc() || end == first) return std::nullopt;
        return v;
    };
    const auto kib = number_after("$m=");
    const auto passes = number_after(",t=");
    if (!kib || !passes) return false;  // not ours to judge: verification already refused it
    return *kib * 1024ULL < cost.memlimit || *passes < cost.opslimit;
}

void burn_password_verify(std::string_view password, PasswordCost cost) {
    // One dummy hash per cost, made lazily; verifying against it costs the
    // same as a real verification.
    static std::mutex mu;
    static std::map<std::pair<unsigned long long, std::size_t>, std::string> dummies;
    std::string dummy;
    {
        std::lock_guard lock(mu);
        auto& slot = dummies[{cost.opslimit, cost.memlimit}];
        if (slot.empty()) slot = hash_password(random_token(), cost).value_or("");
        dummy = slot;
    }
    (void)verify_password(dummy, password.substr(0, kMaxPasswordBytes));
}

}  // namespace pws
