// Decoded invoice definitions, remembered by their stored JSON text.
//
// Every payment reads its invoice two or three times (authentication, the
// reserve, the settle), and each read parsed the same stored JSON again: a
// tenth of the server's CPU per payment. The cache maps the stored TEXT to
// what the core's strict decoder made of it, a pure function, so an entry
// can never be stale: a changed definition is a different text and misses.
// Shared by every connection of the process (SQLite and PostgreSQL);
// bounded in entries and in the size of a text it keeps.
#pragma once

#include <string_view>

#include "paywidget/invoice.hpp"
#include "paywidget/result.hpp"

namespace pws {

// pw::invoice_from_json(parse(text)), or invalid_json for text that does
// not parse.
pw::Result<pw::Invoice> decode_definition(std::string_view text);

}  // namespace pws
