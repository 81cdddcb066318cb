// What the step screens remember between frames that is not payment state
// (the checkout holds that): the method row highlighted before Continue,
// whether the amount field should take focus, whether Continue was pressed.
// One object, owned by the runtime (runtime/widget_runtime.hpp) and handed
// to the screens every frame. The runtime starts it afresh whenever the
// checkout starts over (first load, Reload, "pay the remainder"), so a new
// attempt never inherits the last one's choices; file-scope statics did,
// and leaked from one test's widget into the next.
#pragma once

#include <optional>

#include "paywidget/checkout.hpp"

namespace pwui {

struct AmountScreenState {
    bool focus_amount_next = false;  // "Pay part now" was just chosen: focus the field once
    bool continue_pressed = false;   // an empty field's error shows only after Continue
};

struct MethodScreenState {
    std::optional<pw::MethodChoice> selected;  // the highlighted row
};

struct ScreenState {
    AmountScreenState amount;
    MethodScreenState method;
};

}  // namespace pwui
