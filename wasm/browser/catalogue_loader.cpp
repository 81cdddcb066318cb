// See catalogue_loader.hpp; the DOM side is js/catalogue.js.
#include "catalogue_loader.hpp"

#include <map>
#include <utility>

#include <emscripten/emscripten.h>

#include "paywidget/messages.hpp"

extern "C" void pw_fetch_catalogue(int id, const char* locale);

namespace pwui {

namespace {
std::map<int, std::function<void(bool)>>& pending() {
    static std::map<int, std::function<void(bool)>> callbacks;
    return callbacks;
}
}  // namespace

void load_locale(const std::string& locale, std::function<void(bool loaded)> done) {
    if (pw::has_catalogue(locale)) {
        done(true);
        return;
    }
    static int next_id = 0;
    const int id = ++next_id;
    pending()[id] = std::move(done);
    pw_fetch_catalogue(id, locale.c_str());
}

}  // namespace pwui

// js/catalogue.js: the file's text, or null when there is none.
extern "C" EMSCRIPTEN_KEEPALIVE void pw_catalogue_done(int id, const char* text) {
    auto it = pwui::pending().find(id);
    if (it == pwui::pending().end()) return;
    std::function<void(bool)> done = std::move(it->second);
    pwui::pending().erase(it);
    done(text && pw::load_catalogue(text).ok());
}
