// See font_extension.hpp; the DOM side is js/font_extension.js.
#include "font_extension.hpp"

#include <cstdlib>
#include <utility>

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

extern "C" void pw_fetch_font_extension();

namespace pwui {

void FontExtensionLoader::want(std::function<void()> changed, double patience_ms) {
    if (state_ != State::none) return;
    state_ = State::loading;
    changed_ = std::move(changed);
    // eventloop.h's timer, not emscripten_async_call: that one brings
    // Emscripten's whole Browser library (~20 KB of glue).
    emscripten_set_timeout([](void* self) { static_cast<FontExtensionLoader*>(self)->patience_ended(); },
                           patience_ms, this);
    pw_fetch_font_extension();
}

void FontExtensionLoader::patience_ended() {
    if (state_ != State::loading) return;
    patience_over_ = true;
    if (changed_) changed_();
}

void FontExtensionLoader::finish(unsigned char* regular, int regular_size, unsigned char* semibold,
                                 int semibold_size) {
    if (state_ != State::loading) {  // cannot happen: one request per page
        std::free(regular);
        std::free(semibold);
        return;
    }
    if (regular && semibold && regular_size > 0 && semibold_size > 0) {
        // Kept for the page's life: every atlas rebuild reads them again.
        files_.regular = {regular, static_cast<std::size_t>(regular_size)};
        files_.semibold = {semibold, static_cast<std::size_t>(semibold_size)};
        state_ = State::loaded;
    } else {
        std::free(regular);
        std::free(semibold);
        state_ = State::failed;
    }
    if (changed_) changed_();
}

FontExtensionLoader& font_extension() {
    static FontExtensionLoader loader;
    return loader;
}

}  // namespace pwui

extern "C" EMSCRIPTEN_KEEPALIVE void pw_font_extension_done(unsigned char* regular, int regular_size,
                                                            unsigned char* semibold, int semibold_size) {
    pwui::font_extension().finish(regular, regular_size, semibold, semibold_size);
}
