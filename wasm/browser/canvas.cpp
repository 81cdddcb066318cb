// See canvas.hpp. The DOM half lives in js/canvas.js.
#include "canvas.hpp"

#include <cmath>
#include <utility>

#include <emscripten/html5.h>

extern "C" {
float pw_canvas_css_width();
void pw_canvas_set_css_height(float h);
void pw_canvas_observe();
}

namespace {
std::function<void()> g_on_change;
}

extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_canvas_resize() {
    if (g_on_change) g_on_change();
}

namespace pwui {

int Canvas::init(const char* selector, std::function<void()> on_change) {
    selector_ = selector;
    g_on_change = std::move(on_change);
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = false;  // we paint the theme background: opaque is cheaper
    attrs.antialias = false;  // ImGui anti-aliases its own shapes
    attrs.depth = false;
    attrs.stencil = false;
    attrs.premultipliedAlpha = true;
    attrs.preserveDrawingBuffer = false;
    // The renderer (gl_renderer.cpp) uses no extension: do not enable every
    // one the browser offers (each a round trip to the GPU process at start-up).
    attrs.enableExtensionsByDefault = false;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = emscripten_webgl_create_context(selector, &attrs);
    if (ctx <= 0) return 0;
    emscripten_webgl_make_context_current(ctx);
    pw_canvas_observe();
    return static_cast<int>(ctx);
}

bool Canvas::sync(float content_height) {
    CanvasMetrics next;
    next.css_width = std::floor(pw_canvas_css_width());
    next.css_height = std::ceil(content_height);
    next.dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (next.dpr <= 0) next.dpr = 1;
    next.fb_width = static_cast<int>(std::lround(next.css_width * next.dpr));
    next.fb_height = static_cast<int>(std::lround(next.css_height * next.dpr));
    const bool changed = next.css_width != m_.css_width || next.css_height != m_.css_height ||
                         next.dpr != m_.dpr;
    if (!changed) return false;
    if (next.css_height != m_.css_height) pw_canvas_set_css_height(next.css_height);
    emscripten_set_canvas_element_size(selector_, next.fb_width, next.fb_height);
    m_ = next;
    return true;
}

}  // namespace pwui
