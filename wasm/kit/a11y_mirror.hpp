// The accessibility mirror: every interactive item the widget draws gets a
// real DOM element (button, link, radio, checkbox) with its role, accessible
// name (the visible label) and state, in visual order, placed over the item
// so Tab order and the browser's focus ring match what the payer sees.
// Headings and key text are mirrored as well so a screen reader can read the
// invoice. Activation (Enter/Space, a click on the element, an assistive
// technology's action) comes back as take_activation(id) in the next frame.
// Status changes go to the aria-live regions through announce().
//
// Compiles natively too (no DOM): items() is what the headless tests assert
// on, and on_activate() stands in for the keyboard.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "geometry.hpp"

namespace pwui {

enum class Role { button, link, radio, checkbox, heading, text };
const char* role_id(Role r);  // "button", ...

struct A11yItem {
    std::string id;    // stable across frames: "pay", "contact-email"
    Role role = Role::button;
    std::string name;  // accessible name = visible label
    std::string extra;  // link: href; radio: group name; button: id of the item describing it
    Rect rect;
    bool disabled = false;
    bool checked = false;  // radio, checkbox
    int level = 2;         // heading level
    bool new_tab = false;  // link: opens in a new tab (receipts)
    bool primary = false;  // button: the screen's main action (drawn filled, kPrimaryHeight tall)
};

class A11yMirror {
public:
    void begin_frame();
    void add(A11yItem item);
    void end_frame();  // syncs the DOM (only what changed)

    // True once per activation of `id` by the DOM/assistive technology.
    bool take_activation(const std::string& id);
    bool focused(const std::string& id) const { return focused_ == id; }
    void focus(const std::string& id);

    // aria-live: polite for progress, assertive for declines and errors.
    void announce(const std::string& text, bool assertive);

    // From the DOM (or a test).
    void on_activate(const std::string& id);
    void on_focus(const std::string& id, bool focused);

    const std::vector<A11yItem>& items() const { return items_; }
    const A11yItem* find(const std::string& id) const;
    const std::vector<std::string>& announcements() const { return announced_; }

    std::function<void()> on_change;  // request a frame

private:
    std::vector<A11yItem> items_;
    std::set<std::string> activated_;
    std::string focused_;
    std::vector<std::string> announced_;
};

A11yMirror& a11y_mirror();  // the page's one instance

}  // namespace pwui
