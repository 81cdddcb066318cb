#include "security/random.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace pws {

bool ensure_sodium() {
    // sodium_init() is itself thread-safe and idempotent, but it returns 1 on
    // repeat calls and -1 on failure; remember the first answer.
    static const bool ok = sodium_init() >= 0;
    return ok;
}

void random_bytes(void* out, std::size_t size) {
    // Without a working CSPRNG any token would be guessable: stop the process
    // rather than hand one out.
    if (!ensure_sodium()) std::abort();
    randombytes_buf(out, size);
}

std::string random_token(std::size_t bytes) {
    bytes = std::max(bytes, kMinTokenBytes);
    std::vector<unsigned char> raw(bytes);
    random_bytes(raw.data(), raw.size());
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_encoded_len(bytes, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
    out.resize(std::char_traits<char>::length(out.c_str()));  // drop the NUL
    sodium_memzero(raw.data(), raw.size());
    return out;
}

std::string random_id(std::string_view prefix) {
    std::string id(prefix);
    id += random_token(kMinTokenBytes);
    return id;
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 0x0f];
    }
    return out;
}

}  // namespace pws
