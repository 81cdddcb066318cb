// The server secret: 32 random bytes that key token hashes and card
// fingerprints (keyed_hash.hpp). Lives in its own file, outside the database,
// so a leaked database dump is useless for guessing tokens.
#pragma once

#include <string>

#include "paywidget/result.hpp"
#include "security/keyed_hash.hpp"

namespace pws {

// Reads the secret from `path` (64 hex characters, optional trailing
// newline). When the file does not exist, creates it with mode 0600 and fresh
// random content, atomically: several server processes starting together on
// one data directory all end up with the same secret (the file is written
// under a temporary name and link()ed into place, which never overwrites).
// Errors (field "secret_file"):
//   secret_unreadable      the file exists but cannot be read, or the
//                          directory cannot be written;
//   secret_insecure        the file is readable or writable by group/others;
//   secret_malformed       not 64 hex characters.
pw::Result<ServerSecret> load_or_create_secret(const std::string& path);

}  // namespace pws
