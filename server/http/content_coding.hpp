// Which precompressed variant of a static file a request may receive, read
// from its Accept-Encoding field (RFC 9110 12.5.3). The server never
// compresses on the fly: the build writes `<file>.br` and `<file>.gz` next
// to each text and wasm asset (wasm/stage_assets.py), and the static-file
// mount picks the best one the client accepts.
#pragma once

#include <string_view>

namespace pws::http {

enum class ContentCoding { identity, gzip, br };

// True when `accept_encoding` allows `coding` ("br", "gzip"): listed, or
// covered by "*", with a q-value above 0. An absent or empty field allows
// none of them (identity only). At most kMaxCodings elements are read (the
// field is already bounded by the header limit; this bounds the work).
bool accepts_coding(std::string_view accept_encoding, std::string_view coding);
inline constexpr int kMaxCodings = 32;

// "br", "gzip" or "" (identity): the value of Content-Encoding, and the
// suffix the build gives the variant's file (".br", ".gz", "").
std::string_view content_encoding_name(ContentCoding c);
std::string_view variant_suffix(ContentCoding c);

}  // namespace pws::http
