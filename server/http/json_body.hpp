// Reading a JSON request body: Content-Type check, size bound, strict parse
// (nesting depth checked in a streaming pass BEFORE a tree is built, so
// "[[[[..." cannot exhaust the stack; duplicate keys refused) through the
// core's pw::parse_json_strict.
//
// Error codes and statuses (the code catalogue's, paywidget/decline.hpp):
//   415 unsupported_media_type  Content-Type is not application/json
//   413 body_too_large          more than max_bytes
//   400 invalid_json            not JSON (also: empty body)
//   400 too_deeply_nested       more than max_depth nested arrays/objects
//   400 duplicate_field         an object repeats a key (field: its path)
// The transport caps what it reads before this runs (http/listener.hpp:
// Limits::max_body_bytes, 413 after reading at most that much).
#pragma once

#include <cstddef>
#include <optional>

#include "http/router.hpp"
#include <nlohmann/json.hpp>

#include "paywidget/result.hpp"

namespace pws {

struct BodyLimits {
    std::size_t max_bytes = 64 * 1024;
    int max_depth = 64;
};

// The parsed body, or the Error (code/field/message as above).
pw::Result<nlohmann::json> parse_json_body(const http::Request& req, const BodyLimits& limits = {});

// HTTP status for a parse_json_body error code.
int json_body_status(const pw::Error& error);

// parse_json_body, and on failure writes the error response and returns
// nullopt:   auto body = read_json_body(req, res); if (!body) return;
std::optional<nlohmann::json> read_json_body(const http::Request& req, http::Response& res,
                                             const BodyLimits& limits = {});

}  // namespace pws
