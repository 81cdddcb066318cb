// The structured access log: one JSON object per line per request,
//   {"time":"2025-01-31T12:00:00.123Z","method":"GET",
//    "path":"/pay/[redacted]","status":200,"duration_ms":3,
//    "client":"192.0.2.1","scheme":"https","instance":"ins_..."}
// ("instance": which server process answered, when several share one
// database behind a load balancer) and for a 5xx also "error" (the code answered) and "cause" (what failed,
// "unrecorded" when no code said): the one log line of a server error.
// NEVER request or response bodies (card data, health information), never
// headers (Authorization, cookies), and link/reset/invite tokens in the path
// or query are replaced by "[redacted]".
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"

namespace pws {

inline constexpr std::string_view kRedacted = "[redacted]";

// The request target (path and query) with secrets removed:
//   * the segment after each prefix in kTokenPathPrefixes ("/pay/<token>",
//     "/api/v1/links/<token>", invitation and reset pages);
//   * any other segment of 40+ base64url characters (a token on a route
//     this list does not know yet; ids such as "pay_..." are shorter);
//   * the value of every query parameter whose name contains "token",
//     "secret", "password" or "session", or is "key" / "code".
std::string redact_target(std::string_view target);

// Path prefixes whose next segment is a secret token.
extern const std::vector<std::string_view> kTokenPathPrefixes;

struct AccessLogEntry {
    std::chrono::system_clock::time_point time;
    std::string method;
    std::string target;  // raw; redacted when formatted
    int status = 0;
    std::int64_t duration_ms = 0;
    std::string client;
    // "http" or "https": what the client used, as a trusted proxy said
    // (http/client_address.hpp client_scheme).
    std::string scheme = "http";
    // 5xx only (see error_cause.hpp): the code answered and what failed.
    std::string error;
    std::string cause;
    // The server instance that answered (its lease owner id); omitted when
    // empty.
    std::string instance;
};

// One JSON line (no trailing newline); invalid UTF-8 is replaced.
std::string format_access_log(const AccessLogEntry& entry);

// Thread-safe line writer. The default sink writes to stderr.
class AccessLog {
public:
    using Sink = std::function<void(const std::string& line)>;
    // `instance`: written into every entry log() makes (AccessLogEntry::instance).
    explicit AccessLog(Sink sink = {}, std::string instance = {});

    // Formats and writes one entry (whole lines, never interleaved).
    void write(const AccessLogEntry& entry);

    // For the router's logger hook: entry from the request and response;
    // `client` and `scheme` are client_address(req, ...) and
    // client_scheme(req, ...) as computed by the caller.
    void log(const http::Request& req, const http::Response& res, std::int64_t duration_ms,
             const std::string& client, const std::string& scheme = "http");

private:
    Sink sink_;
    std::string instance_;
    std::mutex mu_;
};

}  // namespace pws
