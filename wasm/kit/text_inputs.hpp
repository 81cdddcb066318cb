// Text entry through real DOM <input> elements positioned over the canvas.
// The DOM owns the text, the caret and the selection (autofill, paste, IME
// and mobile keyboards just work); the widget draws the frame, label, brand
// mark and validation state around the element and reads the value mirrored
// here on every input event. Each frame the screens place() the fields they
// show; end_frame() hides the rest (values are kept).
//
// Compiles natively too (no DOM): placements are recorded for the headless
// tests, and on_input() stands in for typing.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "geometry.hpp"

namespace pwui {

struct TextFieldSpec {
    std::string id;            // "number", "exp", "cvc", "name", "postal_code", "amount"
    std::string label;         // accessible name: the visible label
    std::string autocomplete;  // "cc-number", "cc-exp", "cc-csc", "cc-name", "postal-code"
    std::string inputmode;     // "numeric", "decimal" or "" (text)
    std::string type = "text";
    int max_length = 0;        // 0: none
};

struct PlacedField {
    TextFieldSpec spec;
    Rect rect;
    bool disabled = false;
    bool invalid = false;
};

class TextInputs {
public:
    void begin_frame();
    // Shows the DOM input for `spec` over `rect` (CSS px) this frame.
    void place(const TextFieldSpec& spec, const Rect& rect, bool disabled, bool invalid);
    void end_frame();

    const std::string& value(const std::string& id) const;
    bool focused(const std::string& id) const { return focused_ == id; }
    // Replaces the DOM value (reformatting, e.g. card number grouping).
    void set_value(const std::string& id, const std::string& value);
    // Moves keyboard focus to field `id` at the end of the first frame that
    // shows it enabled.
    void focus(const std::string& id);

    // From the DOM (or a test): the payer typed / focus moved.
    void on_input(const std::string& id, const std::string& value);
    void on_focus(const std::string& id, bool focused);
    void on_enter(const std::string& id);
    // True once after Enter was pressed in field `id`.
    bool take_enter(const std::string& id);

    const std::vector<PlacedField>& placed() const { return placed_; }

    // Called on every DOM event that changes what the widget shows.
    std::function<void()> on_change;

private:
    std::map<std::string, std::string> values_;
    std::string focused_;
    std::string entered_;
    std::string pending_focus_;  // applied by the end_frame() that shows it enabled
    std::vector<PlacedField> placed_;
};

TextInputs& text_inputs();  // the page's one instance

}  // namespace pwui
