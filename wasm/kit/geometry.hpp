// A rectangle in CSS pixels, relative to the canvas's top-left corner: the
// one coordinate space shared by ImGui (io.DisplaySize is in CSS px), the DOM
// overlays (text inputs, accessibility mirror) and the tests.
#pragma once

namespace pwui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    friend bool operator==(const Rect&, const Rect&) = default;
};

}  // namespace pwui
