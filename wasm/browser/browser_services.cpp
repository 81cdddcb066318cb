// See browser_services.hpp.
#include "browser_services.hpp"

#include <utility>

#include "catalogue_loader.hpp"
#include "fetch_bridge.hpp"
#include "frame_loop.hpp"

extern "C" {
double pw_now_ms();
void pw_set_document_lang(const char* locale, const char* label);
}

namespace pwui {

double BrowserServices::now_ms() { return pw_now_ms(); }

void BrowserServices::send(const HttpRequest& request, HttpCallback done) { http_send(request, std::move(done)); }

void BrowserServices::notify(const std::string& type, const std::string& json) { notify_page(type, json); }

void BrowserServices::navigate(const std::string& path, bool new_tab) { pwui::navigate(path, new_tab); }

void BrowserServices::set_document_lang(const std::string& locale, const std::string& frame_label) {
    pw_set_document_lang(locale.c_str(), frame_label.c_str());
}

void BrowserServices::mark(const char* milestone) { FrameLoop::mark(milestone); }

void BrowserServices::load(const std::string& locale, std::function<void(bool loaded)> done) {
    load_locale(locale, std::move(done));
}

RuntimeHost BrowserServices::host() {
    // 128 random bits in hex: check_idempotency_key's shape.
    return RuntimeHost{*this, [] { return random_hex(16); }, *this, *this, *this};
}

}  // namespace pwui
