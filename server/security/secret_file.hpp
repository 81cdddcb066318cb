// The server secret file: the master keys behind every keyed hash
// (keyed_hash.hpp). Lives in its own file, ideally outside the data
// directory (--secret-file), so a leaked database dump or backup of the data
// directory is useless for guessing tokens.
//
// Format (text, mode 0600; server/README.md "The server secret"):
//   # comment lines
//   current <64 hex>            the key of every new hash
//   previous <64 hex> [legacy]  the key before the last rotation (lookups)
// A file holding only 64 hex characters is the format of servers before
// subkeys: its key is read as `current ... legacy`.
#pragma once

#include <string>

#include "paywidget/result.hpp"
#include "security/keyed_hash.hpp"

namespace pws {

// Reads the secret from `path`. When the file does not exist, creates it
// with mode 0600 and a fresh current key, atomically: several server
// processes starting together all end up with the same secret (the file is
// written under a temporary name and link()ed into place, which never
// overwrites). Errors (field "secret_file"):
//   secret_unreadable      the file exists but cannot be read, or the
//                          directory cannot be written;
//   secret_insecure        the file is readable or writable by group/others;
//   secret_malformed       not the format above.
pw::Result<ServerSecret> load_or_create_secret(const std::string& path);

// `server secret rotate`: replaces the file (atomically, rename) with a fresh
// current key and the old current key as previous. A previous key already
// in the file is dropped: hashes made with it stop matching. Running servers
// keep their keys until restarted. Errors as load_or_create_secret, and
// secret_unreadable when the file does not exist (nothing to rotate).
struct Rotation {
    ServerSecret secret;         // what the file now holds
    bool dropped_previous = false;
};
pw::Result<Rotation> rotate_secret(const std::string& path);

// True when the secret file is inside the database's directory (or below
// it): the start-up warning, since a copy of that directory then carries
// the key with the data it protects.
bool secret_inside_data_dir(const std::string& secret_path, const std::string& db_path);

}  // namespace pws
