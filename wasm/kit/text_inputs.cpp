// See text_inputs.hpp. The DOM half lives in js/text_inputs.js.
#include "text_inputs.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
extern "C" {
void pw_text_input_place(const char* id, float x, float y, float w, float h, const char* autocomplete,
                         const char* inputmode, const char* label, const char* type, int max_length,
                         int flags);
void pw_text_input_commit();
void pw_text_input_set_value(const char* id, const char* value);
void pw_text_input_focus(const char* id);
}
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_text_input(const char* id, const char* value) {
    pwui::text_inputs().on_input(id, value);
}
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_text_focus(const char* id, int focused) {
    pwui::text_inputs().on_focus(id, focused != 0);
}
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_text_enter(const char* id) { pwui::text_inputs().on_enter(id); }
#endif

namespace pwui {

TextInputs& text_inputs() {
    static TextInputs instance;
    return instance;
}

void TextInputs::begin_frame() { placed_.clear(); }

void TextInputs::place(const TextFieldSpec& spec, const Rect& r, bool disabled, bool invalid) {
    placed_.push_back(PlacedField{spec, r, disabled, invalid});
#ifdef __EMSCRIPTEN__
    pw_text_input_place(spec.id.c_str(), r.x, r.y, r.w, r.h, spec.autocomplete.c_str(), spec.inputmode.c_str(),
                        spec.label.c_str(), spec.type.c_str(), spec.max_length,
                        (disabled ? 1 : 0) | (invalid ? 2 : 0));
#endif
}

void TextInputs::end_frame() {
#ifdef __EMSCRIPTEN__
    pw_text_input_commit();
#endif
    // A focus asked for outside a frame (the checkout's Focus effect) waits
    // until its field is shown and enabled: on arrival at a form the input
    // does not exist yet, and after a decline it is still disabled from the
    // submitting screen until this frame enabled it again.
    if (pending_focus_.empty()) return;
    for (const PlacedField& f : placed_) {
        if (f.spec.id != pending_focus_ || f.disabled) continue;
#ifdef __EMSCRIPTEN__
        pw_text_input_focus(pending_focus_.c_str());
#else
        focused_ = pending_focus_;
#endif
        pending_focus_.clear();
        return;
    }
}

const std::string& TextInputs::value(const std::string& id) const {
    static const std::string empty;
    auto it = values_.find(id);
    return it == values_.end() ? empty : it->second;
}

void TextInputs::set_value(const std::string& id, const std::string& value) {
    values_[id] = value;
#ifdef __EMSCRIPTEN__
    pw_text_input_set_value(id.c_str(), value.c_str());
#endif
}

void TextInputs::focus(const std::string& id) {
    pending_focus_ = id;
    if (on_change) on_change();  // the frame that places it applies it
}

void TextInputs::on_input(const std::string& id, const std::string& value) {
    values_[id] = value;
    if (on_change) on_change();
}

void TextInputs::on_focus(const std::string& id, bool focused) {
    if (focused) focused_ = id;
    else if (focused_ == id) focused_.clear();
    if (on_change) on_change();
}

void TextInputs::on_enter(const std::string& id) {
    entered_ = id;
    if (on_change) on_change();
}

bool TextInputs::take_enter(const std::string& id) {
    if (entered_ != id) return false;
    entered_.clear();
    return true;
}

}  // namespace pwui
