// One HTTP request and its response as the routes see them: plain data,
// already bounded by the listener (http/limits.hpp) before a handler runs.
//
// The member names follow the ones the routes were first written against
// (cpp-httplib's), so a handler reads the same whichever transport feeds it;
// the transport itself is http/listener.hpp (Boost.Beast).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace pws::http {

// Field names compare case-insensitively (RFC 9110 5.1).
struct FieldNameLess {
    bool operator()(std::string_view a, std::string_view b) const;
    using is_transparent = void;
};
using Headers = std::multimap<std::string, std::string, FieldNameLess>;
// Query parameters, percent-decoded, in the order given.
using Params = std::multimap<std::string, std::string, std::less<>>;

struct Request {
    std::string method;   // "GET", "POST", ...
    std::string target;   // as sent: "/pay/abc?x=1"
    std::string path;     // percent-decoded, without the query
    Headers headers;
    Params params;
    std::string body;
    // Filled by the router: [0] the whole path, [1..] the pattern's groups
    // (they point into `path`: a Request is not copied once routed).
    std::smatch matches;
    std::string remote_addr;  // the socket's peer address
    int remote_port = 0;
    // When the request was complete (for the access log's duration).
    std::chrono::steady_clock::time_point received_at{};

    bool has_header(std::string_view name) const;
    // The id-th value of the field, or "".
    std::string get_header_value(std::string_view name, std::size_t id = 0) const;
    std::size_t get_header_value_count(std::string_view name) const;
    // Adds a field (used where a request is built by hand: tests, tools).
    void set_header(std::string_view name, std::string_view value) { headers.emplace(name, value); }
    bool has_param(std::string_view name) const;
    std::string get_param_value(std::string_view name, std::size_t id = 0) const;
};

struct Response {
    int status = -1;  // -1: no handler answered yet
    Headers headers;
    std::string body;
    // For the access log line only, never sent: why a 5xx happened
    // (http/error_cause.hpp).
    std::string log_error;
    std::string log_cause;

    bool has_header(std::string_view name) const;
    std::string get_header_value(std::string_view name, std::size_t id = 0) const;
    std::size_t get_header_value_count(std::string_view name) const;
    // Adds a value (a field may repeat: Set-Cookie). A name or value with CR
    // or LF is refused (header injection): the call does nothing.
    void set_header(std::string_view name, std::string_view value);
    void set_content(std::string content, std::string_view content_type);
};

// Percent-decoding of a path (no '+' rule) or of a query component ('+' is a
// space). An invalid escape is kept as written.
std::string percent_decode(std::string_view s, bool plus_is_space);
// Splits "a=1&b=x%20y" into decoded pairs.
Params parse_query(std::string_view query);

}  // namespace pws::http
