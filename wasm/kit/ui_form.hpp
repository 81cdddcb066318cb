// Form blocks for the payment screens, on top of ui.hpp: text fields (a
// real DOM <input> placed inside a frame the canvas draws, with its label
// above and its error below), radio rows, a checkbox, a notice box, a back
// link, a spinner and two-column rows. Like ui.hpp, every interactive block
// registers with the accessibility mirror (radios and checkboxes) or is a
// real DOM input (text), and advances the cursor by exactly its height.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "ui.hpp"

namespace pwui {

// A labelled text field. The DOM input (spec) owns text and caret; this
// draws the label, the frame (accent when focused, danger when `error` is
// shown) and `error` under it. `adornment`: short text drawn inside the
// frame on the right (card brand, currency code); the input stops before it.
// `locked`: the input is disabled (payment in flight).
// The visible label is spec.label, the input's accessible name too.
struct FieldLook {
    std::string error;      // "" : no error shown
    std::string adornment;  // "" : none
    std::string hint;       // muted text under the field when there is no error
    bool locked = false;
};
void text_field(Ui& ui, const TextFieldSpec& spec, const FieldLook& look);

// Two blocks side by side (12 px apart), each drawn by its function in its
// own half of the column; the cursor ends below the taller one.
void two_columns(Ui& ui, const std::function<void(Ui&)>& left, const std::function<void(Ui&)>& right);

// A bordered, selectable row with a radio circle, `label` and an optional
// `detail` on the right (an amount, "Expires 12/29"). Mirrored as role radio
// in `group`. True when clicked or activated (also when already checked).
bool radio_row(Ui& ui, const std::string& id, const std::string& group, std::string_view label,
               std::string_view detail, bool checked, bool enabled = true);

// A checkbox with a wrapped label; true when clicked or activated (the
// caller flips the value).
bool checkbox(Ui& ui, const std::string& id, std::string_view label, bool checked, bool enabled = true);

enum class NoticeKind { info, danger, success };
// A tinted box with a colored left edge: an optional title (strong) and a
// message. Mirrored as text (title + message).
void notice(Ui& ui, const std::string& id, NoticeKind kind, std::string_view title, std::string_view message);

// "‹ Back" at the top left of a step; true when clicked or activated.
bool back_link(Ui& ui, bool enabled = true);

// A button-sized box with a spinning arc and `label`: the primary button
// while a payment is in flight. Needs frames while shown (the app animates
// the frame loop during the submitting stage).
void busy_button(Ui& ui, const std::string& id, std::string_view label);

// A filled circle with a check mark (success) at the column's left.
void success_mark(Ui& ui, float size);

}  // namespace pwui
