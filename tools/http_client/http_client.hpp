// A small blocking HTTP/1.1 client on Boost.Beast for the server's tests and
// benches (the server itself only answers HTTP). It replaced Debian's
// cpp-httplib client, and keeps its call shape so a test reads the same:
//   pwhttp::Client c("127.0.0.1", port);
//   if (auto r = c.Get("/healthz"); r && r->status == 200) ...
//   c.Post(path, headers, body, "application/json");
// Differences worth knowing: headers arrive exactly as sent (a Location is
// not percent-decoded); a request without set_keep_alive(true) says
// "Connection: close", as httplib's did; every step has a time limit; TCP_NODELAY
// is always on (as in browsers: otherwise a request's header and body writes
// meet delayed ACKs and wait ~40 ms for nothing).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace pwhttp {

// Header names compare case-insensitively (RFC 9110).
struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

struct Response {
    int status = 0;
    std::string body;
    Headers headers;

    bool has_header(const std::string& name) const { return headers.count(name) != 0; }
    std::size_t get_header_value_count(const std::string& name) const { return headers.count(name); }
    // The `index`-th value of `name`, or "".
    std::string get_header_value(const std::string& name, std::size_t index = 0) const;
};

enum class Error { success, connection, write, read, timeout };
std::string to_string(Error e);

// A response, or why there is none (`if (!r) ... r.error()`).
class Result {
public:
    Result(Response r) : response_(std::move(r)) {}  // NOLINT: implicit, as httplib's
    Result(Error e) : error_(e) {}                   // NOLINT
    explicit operator bool() const { return response_.has_value(); }
    const Response* operator->() const { return &*response_; }
    Response* operator->() { return &*response_; }
    const Response& operator*() const { return *response_; }
    Error error() const { return error_; }

private:
    std::optional<Response> response_;
    Error error_ = Error::success;
};

class Client {
public:
    Client(std::string host, int port);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;
    Client(Client&&) noexcept;
    Client& operator=(Client&&) noexcept;

    // Seconds + microseconds, as httplib's setters took them.
    void set_connection_timeout(long seconds, long microseconds = 0);
    void set_read_timeout(long seconds, long microseconds = 0);
    void set_write_timeout(long seconds, long microseconds = 0);
    // Keep the connection for the next request (benches); reconnects when the
    // server closed it.
    void set_keep_alive(bool on) { keep_alive_ = on; }
    // Connect from this local address (a bench spreading its clients over
    // 127.0.1.x so per-address limits see many payers); "" = any.
    void set_local_address(std::string address) { local_address_ = std::move(address); }

    Result Get(const std::string& path, const Headers& headers = {});
    Result Delete(const std::string& path, const Headers& headers = {});
    Result Post(const std::string& path, const std::string& body, const std::string& content_type);
    Result Post(const std::string& path, const Headers& headers, const std::string& body,
                const std::string& content_type);
    Result Put(const std::string& path, const std::string& body, const std::string& content_type);
    Result Put(const std::string& path, const Headers& headers, const std::string& body,
               const std::string& content_type);

    // Any method; `content_type` "" sends no Content-Type.
    Result send(const std::string& method, const std::string& path, const Headers& headers,
                const std::string& body, const std::string& content_type);

private:
    struct Connection;
    Result exchange(const std::string& method, const std::string& path, const Headers& headers,
                    const std::string& body, const std::string& content_type);

    std::string host_;
    int port_;
    bool keep_alive_ = false;
    std::string local_address_;
    std::chrono::microseconds connect_timeout_{std::chrono::seconds(5)};
    std::chrono::microseconds read_timeout_{std::chrono::seconds(20)};
    std::chrono::microseconds write_timeout_{std::chrono::seconds(20)};
    std::unique_ptr<Connection> connection_;
};

}  // namespace pwhttp
