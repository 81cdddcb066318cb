// HTTP as the widget's runtime sees it: one request, exactly one answer
// through its callback. The browser sends it with fetch() (fetch_bridge);
// the native tests answer it themselves (tests/widget/fake_host.hpp).
#pragma once

#include <functional>
#include <string>

namespace pwui {

struct HttpRequest {
    std::string method = "GET";
    std::string path;             // "/api/v1/links/..."
    std::string authorization;    // "Link <token>" or "" (session cookie)
    std::string idempotency_key;  // payments only
    std::string body;             // JSON, for POST/PUT
    int timeout_ms = 30000;       // then: no response
};

struct HttpResponse {
    int status = 0;    // 0: no response (network failure, timeout, abort)
    std::string body;
};

using HttpCallback = std::function<void(const HttpResponse&)>;

class Http {
public:
    virtual ~Http() = default;
    // Sends `request`; `done` is called once, later (never from inside send).
    virtual void send(const HttpRequest& request, HttpCallback done) = 0;
};

}  // namespace pwui
