// The compiled message catalogue: one sorted table per locale, generated at
// build time by tools/messages/compile_messages.py from shared/messages/*.json
// (see messages.hpp for why). Private to the core: callers use messages.hpp.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace pw::messages_data {

struct Entry {
    std::string_view id;
    std::string_view text;  // ICU-style message, UTF-8
};

struct Table {
    std::string_view locale;    // "en", "fr", "fr-CA", "es", "en-XA"
    std::string_view fallback;  // the table asked next for a missing id ("fr" for fr-CA, "en"; "" for en)
    const Entry* entries;       // sorted by id
    std::size_t size;
};

// Every compiled-in table, en first (generated).
std::span<const Table> tables();

// The tables pw::load_catalogue added (catalogue_file.cpp), asked before the
// compiled-in ones.
std::span<const Table> loaded_tables();

}  // namespace pw::messages_data
