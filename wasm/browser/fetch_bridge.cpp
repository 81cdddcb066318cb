// See fetch_bridge.hpp. The DOM half lives in js/fetch_bridge.js.
#include "fetch_bridge.hpp"

#include <cstdlib>
#include <map>
#include <utility>

#include <emscripten/emscripten.h>

extern "C" {
void pw_fetch(int id, const char* method, const char* path, const char* auth, const char* key,
              const char* body, int timeout_ms);
char* pw_take_fragment_param(const char* name);
void pw_navigate(const char* path, int new_tab);
void pw_notify_page(const char* type, const char* json);
void pw_random_bytes(unsigned char* out, int n);
}

namespace {
std::map<int, pwui::HttpCallback>& pending() {
    static std::map<int, pwui::HttpCallback> p;
    return p;
}
int g_next_id = 1;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void pw_fetch_done(int id, int status, const char* body) {
    auto it = pending().find(id);
    if (it == pending().end()) return;
    pwui::HttpCallback cb = std::move(it->second);
    pending().erase(it);
    cb(pwui::HttpResponse{status, body ? body : ""});
}

namespace pwui {

void http_send(const HttpRequest& r, HttpCallback done) {
    const int id = g_next_id++;
    pending()[id] = std::move(done);
    pw_fetch(id, r.method.c_str(), r.path.c_str(), r.authorization.c_str(), r.idempotency_key.c_str(),
             r.body.c_str(), r.timeout_ms);
}

namespace {
std::string fragment_param(const char* name) {
    char* p = pw_take_fragment_param(name);
    std::string value = p ? p : "";
    std::free(p);
    return value;
}
}  // namespace

PageTarget take_page_target() { return PageTarget{fragment_param("link"), fragment_param("invoice")}; }

void navigate(const std::string& path, bool new_tab) { pw_navigate(path.c_str(), new_tab ? 1 : 0); }

void notify_page(const std::string& type, const std::string& json) { pw_notify_page(type.c_str(), json.c_str()); }

std::string random_hex(int bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    unsigned char buf[64];
    if (bytes > 64) bytes = 64;
    pw_random_bytes(buf, bytes);
    for (int i = 0; i < bytes; ++i) {
        out += digits[buf[i] >> 4];
        out += digits[buf[i] & 15];
    }
    return out;
}

}  // namespace pwui
