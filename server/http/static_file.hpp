// One file from the static directory (--static-dir: the widget's build
// directory) as the browser should get it: the precompressed variant its
// Accept-Encoding allows (br > gzip > identity, never compressed here), a
// strong ETag on the bytes sent, the Cache-Control its kind of name calls
// for, and 304 Not Modified when If-None-Match already holds that ETag.
// Range is not supported: a Range request gets the whole file (200), which
// RFC 9110 14.2 allows.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace pws::http {

inline constexpr std::string_view kCacheImmutable = "public, max-age=31536000, immutable";
inline constexpr std::string_view kCacheRevalidate = "no-cache";
// Stable URLs that change on a deploy (the loader pay-widget.js, the pages'
// site.css/site.js): a short freshness, then a cheap 304.
inline constexpr std::string_view kCacheShort = "public, max-age=300";

// True for a name the build gave a content hash: "<stem>.<8-64 lowercase
// hex>.<ext>" (paywidget.3f9c0e1ab2d4c5f6.wasm). Such a file never changes.
bool has_content_hash(std::string_view filename);
// Cache-Control for a file of the static mount, by its name: hashed names
// are immutable for a year, HTML documents revalidate every time (they name
// the current hashed files), everything else is kCacheShort.
std::string_view cache_control_for(std::string_view filename);

// "\"<32 hex>\"": BLAKE2b-128 of the bytes, the same on every instance.
std::string strong_etag(std::string_view bytes);
// True when the If-None-Match field (a list of entity tags, or "*") holds
// `etag` under the weak comparison RFC 9110 13.1.2 asks for.
bool if_none_match_hits(std::string_view if_none_match, std::string_view etag);

// Answers GET/HEAD `req` with `file` or its ".br"/".gz" variant: Vary:
// Accept-Encoding, Content-Encoding for a variant, ETag, `cache_control`,
// `content_type` (200) or 304 with no body. False, leaving `res` alone,
// when `file` is not a regular file, cannot be read or is over 16 MiB.
bool serve_static_file(const Request& req, Response& res, const std::filesystem::path& file,
                       std::string_view content_type, std::string_view cache_control);

}  // namespace pws::http
