// See catalogue_loader.hpp; the DOM side is js/catalogue.js.
#include "catalogue_loader.hpp"

#include <map>
#include <utility>

#include <emscripten/emscripten.h>

#include "paywidget/messages.hpp"

extern "C" void pw_fetch_catalogue(int id, const char* locale);
extern "C" int pw_tracing_messages();
extern "C" void pw_message_asked(const char* id, int size);
extern "C" void pw_message_missing(const char* id, int size);

namespace pwui {

namespace {
std::map<int, std::function<void(bool)>>& pending() {
    static std::map<int, std::function<void(bool)>> callbacks;
    return callbacks;
}

std::function<void()>& on_added() {
    static std::function<void()> added;
    return added;
}
}  // namespace

void watch_catalogue(std::function<void()> added) {
    on_added() = std::move(added);
    pw::MessageObserver observer;
    observer.told = [](std::string_view id, bool found) {
        if (found)
            pw_message_asked(id.data(), static_cast<int>(id.size()));
        else
            pw_message_missing(id.data(), static_cast<int>(id.size()));
    };
    observer.every = pw_tracing_messages() != 0;
    pw::set_message_observer(observer);
}

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

// js/catalogue.js's Module.pwAddCatalogue(text): a rest file, added to what
// its locale has; 1 when the core took it.
extern "C" EMSCRIPTEN_KEEPALIVE int pw_catalogue_add(const char* text) {
    if (!text || !pw::load_catalogue(text).ok()) return 0;
    if (pwui::on_added()) pwui::on_added()();
    return 1;
}
