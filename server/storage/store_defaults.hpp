// StoreOptions as both engines use them (private to server/storage/).
#pragma once

#include "storage/store.hpp"

namespace pws {

// `o` with its gaps filled: diagnostics to stderr when no log is given, at
// least one pooled connection, no negative timeout.
StoreOptions with_defaults(StoreOptions o);

}  // namespace pws
