// The fonts' extension in the browser: the characters beyond the base that
// paywidget.wasm carries (kit/fonts.hpp), two files served beside it
// (inter-ext-*.<hash>.otf) and fetched only when a text needs one of them:
// another language (web/embed.js asks for them while the wasm downloads),
// a name's "Ł" on an en invoice (asked for here, the first time the glyph
// set needs them). Browser only.
#pragma once

#include <functional>

#include "fonts.hpp"

namespace pwui {

class FontExtensionLoader {
public:
    // Starts the download once; later calls do nothing. `changed` is called
    // when it ends, and once more after `patience_ms` if it has not.
    void want(std::function<void()> changed, double patience_ms);
    // Asked for, not in yet, and the patience not over: frames that need
    // its characters wait rather than show them missing.
    bool waiting() const { return state_ == State::loading && !patience_over_; }
    // Both files, once in; nullptr before, or when they could not be had.
    const FontExtension* extension() const { return state_ == State::loaded ? &files_ : nullptr; }

    // js/font_extension.js's answer (pointers from malloc, now ours).
    void finish(unsigned char* regular, int regular_size, unsigned char* semibold, int semibold_size);
    void patience_ended();

private:
    enum class State { none, loading, loaded, failed };
    State state_ = State::none;
    bool patience_over_ = false;
    FontExtension files_;
    std::function<void()> changed_;
};

FontExtensionLoader& font_extension();  // the page's one

}  // namespace pwui
