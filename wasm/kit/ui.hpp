// The widget's drawing kit: the few building blocks every screen is made of
// (text, headings, amount rows, dividers, panels, buttons, links, a status
// badge, skeleton bars). Each interactive block also registers itself with
// the accessibility mirror, so a screen cannot draw a button that a keyboard
// or a screen reader cannot reach. Blocks lay out top to bottom in a single
// column (Ui::left, Ui::width) and advance ImGui's cursor by exactly their
// height; spacing is explicit (gap()).
//
// Coordinates are CSS px with the origin at the canvas's top-left corner
// (the widget's window covers the whole display), which is also the
// coordinate space of the DOM overlays.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "a11y_mirror.hpp"
#include "drawn_text.hpp"
#include "fonts.hpp"
#include "geometry.hpp"
#include "locale_format.hpp"
#include "paywidget/checkout.hpp"
#include "text_inputs.hpp"
#include "theme.hpp"

namespace pwui {

// What a frame asks of the outside world; applied after the frame so the
// checkout never changes while it is being drawn.
struct FrameOutput {
    std::vector<pw::Event> events;
    std::string navigate_to;  // same-origin path, e.g. login_url
    bool new_tab = false;     // open navigate_to in a new tab (receipts)
};

struct Ui {
    const Theme& theme;
    const Fonts& fonts;
    A11yMirror& a11y;
    TextInputs& inputs;
    LocaleFormat& fmt;
    FrameOutput& out;
    float left = 0;   // content column, CSS px
    float width = 0;
    std::string receipt_base;  // see Layout::receipt_base
    // The opaque colour under the cursor's blocks (background, a panel's
    // surface, a notice's tint): what text drawn next is read against.
    ImU32 ground = 0;
};

// The smallest target a pointer must hit (WCAG 2.2 target size, CSS px),
// and the height of a primary action (a thumb on a touch screen).
constexpr float kMinTarget = 24;
constexpr float kPrimaryHeight = 48;

enum class Align { left, center, right };
enum class ButtonKind { primary, secondary };

// Vertical space.
void gap(Ui& ui, float px);
// One run of text at `pos`, wrapped at `wrap` px when > 0, on `ground` (0:
// ui.ground); recorded in drawn_text(). `labels`: the id of the control
// whose visible label this is ("" for none). Every text the widget draws
// goes through here.
void draw_text(Ui& ui, ImFont* font, ImVec2 pos, ImU32 color, std::string_view s, float wrap = 0,
               ImU32 ground = 0, const std::string& labels = "");
// Wrapped text in the column; returns its rect. `mirror_id` non-empty: also
// readable by screen readers (role text). `labels`: see draw_text.
Rect text(Ui& ui, ImFont* font, ImU32 color, std::string_view s, Align align = Align::left,
          const std::string& mirror_id = "", const std::string& labels = "");
// A heading (role heading, `level`). `name`: the accessible name when it
// should say more than the drawn text ("Amount due: $204.00"); "" = the text.
Rect heading(Ui& ui, const std::string& id, ImFont* font, std::string_view s, int level,
             const std::string& name = "");
// "label ........ value" on one line (label wraps if long; value stays on
// the first line, right-aligned). Mirrored as "label: value".
Rect value_row(Ui& ui, const std::string& id, std::string_view label, std::string_view value, ImFont* label_font,
               ImFont* value_font, ImU32 label_color, ImU32 value_color);
// A 1 px rule across the column (or across the current panel).
void divider(Ui& ui);
// A full-width button; true when clicked or activated via the mirror.
// Disabled buttons are drawn muted and never return true.
// `described_by`: the id of a text item that describes the button (why it is
// disabled), "" for none.
bool button(Ui& ui, const std::string& id, std::string_view label, ButtonKind kind, bool enabled = true,
            const std::string& described_by = "");
// Inline link text in the accent color, its target at least kMinTarget
// square (the text centred in it); a click navigates (same-origin
// paths; in a new tab with `new_tab`) or opens mailto:/tel: through the DOM
// mirror.
Rect link(Ui& ui, const std::string& id, std::string_view label, const std::string& href, ImFont* font,
          Align align = Align::left, bool new_tab = false);
// A small rounded status pill at (x, y); returns its size.
ImVec2 badge(Ui& ui, ImVec2 pos, std::string_view label, ImU32 bg, ImU32 fg);
// A placeholder bar for the loading skeleton.
void skeleton_bar(Ui& ui, float width, float height);

// A rounded, bordered surface behind the blocks drawn between begin and
// end; the column narrows by `padding` inside it.
struct Panel {
    float top = 0;
    float padding = 0;
    float saved_left = 0, saved_width = 0;
    ImU32 saved_ground = 0;
};
Panel panel_begin(Ui& ui, float padding);
void panel_end(Ui& ui, const Panel& p);

// The cursor's y in CSS px (the next block's top).
float cursor_y();

}  // namespace pwui
