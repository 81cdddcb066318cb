// Randomness for everything the server hands out: link tokens, session ids,
// record ids. All from libsodium's CSPRNG (getrandom on Linux).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pws {

// Initialises libsodium once per process (thread-safe). False when the
// library cannot start (no entropy source); every function below calls it and
// the server checks it once at start-up so that a failure is reported early.
bool ensure_sodium();

// Fills `out` with `size` random bytes.
void random_bytes(void* out, std::size_t size);

// `bytes` random bytes as base64url without padding (RFC 4648 §5): safe in a
// URL path, a cookie and a JSON string. Fewer than 16 bytes (128 bits) are
// raised to 16, so no caller can ask for a guessable token. Link and session
// tokens use kLinkTokenBytes (43 characters).
inline constexpr std::size_t kMinTokenBytes = 16;
inline constexpr std::size_t kLinkTokenBytes = 32;
std::string random_token(std::size_t bytes = kLinkTokenBytes);

// An identifier such as "pay_Xk3...": prefix + random_token(16). Unique
// without coordination between server processes.
std::string random_id(std::string_view prefix);

// Bytes <-> lower-case hex.
std::string to_hex(const unsigned char* data, std::size_t size);

}  // namespace pws
