// HTTP for the widget: the browser's fetch() with callbacks (no ASYNCIFY,
// which costs ~50% code size). Same-origin by default (the widget page is
// served by the payment host); Module.pwOptions.apiBase overrides for dev.
// Every request gets exactly one callback. Browser only.
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

void http_send(const HttpRequest& request, HttpCallback done);

// The token from the URL fragment "#link=<token>", removed from the address
// bar by history.replaceState as it is read. "" when absent.
std::string take_link_token();

// Navigates the top-level page to a same-origin path (login_url, receipt),
// or opens a mailto:/tel: link. Anything else is ignored.
void navigate(const std::string& path);

// `bytes` random bytes from crypto.getRandomValues, as lowercase hex: the
// checkout's idempotency keys.
std::string random_hex(int bytes);

}  // namespace pwui
