// See a11y_mirror.hpp. The DOM half lives in js/a11y_mirror.js.
#include "a11y_mirror.hpp"

#include <utility>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
extern "C" {
void pw_a11y_item(const char* id, const char* role, const char* name, const char* extra, float x, float y,
                  float w, float h, int flags, int level);
void pw_a11y_commit();
void pw_a11y_focus(const char* id);
void pw_announce(const char* text, int assertive);
}
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_a11y_activate(const char* id) { pwui::a11y_mirror().on_activate(id); }
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_a11y_focus(const char* id, int focused) {
    pwui::a11y_mirror().on_focus(id, focused != 0);
}
#endif

namespace pwui {

const char* role_id(Role r) {
    switch (r) {
        case Role::button: return "button";
        case Role::link: return "link";
        case Role::radio: return "radio";
        case Role::checkbox: return "checkbox";
        case Role::heading: return "heading";
        case Role::text: return "text";
    }
    return "text";
}

A11yMirror& a11y_mirror() {
    static A11yMirror instance;
    return instance;
}

void A11yMirror::begin_frame() { items_.clear(); }

void A11yMirror::add(A11yItem item) { items_.push_back(std::move(item)); }

void A11yMirror::end_frame() {
#ifdef __EMSCRIPTEN__
    for (const A11yItem& i : items_) {
        const int flags = (i.disabled ? 1 : 0) | (i.checked ? 2 : 0) | (i.new_tab ? 4 : 0);
        pw_a11y_item(i.id.c_str(), role_id(i.role), i.name.c_str(), i.extra.c_str(), i.rect.x, i.rect.y,
                     i.rect.w, i.rect.h, flags, i.level);
    }
    pw_a11y_commit();
#endif
    // An activation of an item that is no longer drawn is dropped.
    std::set<std::string> still;
    for (const std::string& id : activated_)
        if (find(id)) still.insert(id);
    activated_ = std::move(still);
}

const A11yItem* A11yMirror::find(const std::string& id) const {
    for (const A11yItem& i : items_)
        if (i.id == id) return &i;
    return nullptr;
}

bool A11yMirror::take_activation(const std::string& id) { return activated_.erase(id) > 0; }

void A11yMirror::focus(const std::string& id) {
#ifdef __EMSCRIPTEN__
    pw_a11y_focus(id.c_str());
#else
    focused_ = id;
#endif
}

void A11yMirror::announce(const std::string& text, bool assertive) {
    announced_.push_back(text);
#ifdef __EMSCRIPTEN__
    pw_announce(text.c_str(), assertive ? 1 : 0);
#else
    (void)assertive;
#endif
}

void A11yMirror::on_activate(const std::string& id) {
    activated_.insert(id);
    if (on_change) on_change();
}

void A11yMirror::on_focus(const std::string& id, bool focused) {
    if (focused) focused_ = id;
    else if (focused_ == id) focused_.clear();
    if (on_change) on_change();
}

}  // namespace pwui
