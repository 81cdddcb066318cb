// The canvas and its WebGL2 context, sized for crisp output:
//   backing store = CSS size × devicePixelRatio (rounded), io.DisplaySize in
//   CSS px, io.DisplayFramebufferScale = dpr (set by main.cpp from metrics()).
// The width follows the canvas's container (ResizeObserver); the height is
// the widget's content height, so the page (or the host's iframe) scrolls,
// never the widget. Browser only (emscripten/html5.h).
#pragma once

#include <functional>

namespace pwui {

struct CanvasMetrics {
    float css_width = 0;   // CSS px
    float css_height = 0;  // CSS px
    float dpr = 1;         // devicePixelRatio
    int fb_width = 0;      // backing store, device px
    int fb_height = 0;
};

class Canvas {
public:
    // Creates the WebGL2 context on `selector` (e.g. "#pw-canvas") and starts
    // watching for resizes and dpr changes; `on_change` is called for each.
    // Returns the context handle, 0 when WebGL2 is unavailable.
    int init(const char* selector, std::function<void()> on_change);

    // Re-reads the container width and the dpr, applies `content_height` as
    // the CSS height, and resizes the backing store when any changed.
    // Returns true when the metrics changed (the caller lays out again).
    bool sync(float content_height);

    const CanvasMetrics& metrics() const { return m_; }

private:
    const char* selector_ = "";
    CanvasMetrics m_;
};

}  // namespace pwui
