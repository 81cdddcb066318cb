// What the canvas shows as text, for the checks a browser's tools cannot
// make on a canvas (axe sees only the DOM): every text run a frame draws,
// with its colour, the opaque ground under it, its size and, when it is the
// visible label of a control, that control's id (a mirror item or a DOM
// input). tests/widget/ reads it to hold every screen to the contrast and
// size minimums (theme.hpp, fonts.hpp) and to WCAG's label-in-name rule
// (the accessible name contains the visible label).
//
// Off unless a test turns it on: the browser build records nothing.
#pragma once

#include <string>
#include <vector>

#include "geometry.hpp"
#include "imgui.h"

namespace pwui {

struct DrawnText {
    std::string text;
    ImU32 color = 0;
    ImU32 ground = 0;
    float size = 0;       // CSS px
    Rect rect;
    std::string labels;   // id of the control this text is the visible label of; "" none
};

class DrawnTextLog {
public:
    bool enabled = false;
    void begin_frame() { runs_.clear(); }
    void add(DrawnText run) {
        if (enabled) runs_.push_back(std::move(run));
    }
    const std::vector<DrawnText>& runs() const { return runs_; }

private:
    std::vector<DrawnText> runs_;
};

DrawnTextLog& drawn_text();  // the widget's one log

}  // namespace pwui
