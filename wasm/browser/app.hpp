// The widget page's one object: the browser's wiring around the runtime
// (runtime/widget_runtime.hpp, which owns the checkout, the frame sequence
// and the effects): WebGL and the renderer of ImGui's draw data
// (gl_renderer.hpp), the canvas, the frame loop, pointer input, the font
// atlas on the GPU, the options and language the page asks for, and the browser's services for the runtime
// (browser_services.hpp). main.cpp creates it. Browser only.
#pragma once

#include <memory>

#include "browser_services.hpp"
#include "canvas.hpp"
#include "fonts.hpp"
#include "frame_loop.hpp"
#include "gl_renderer.hpp"
#include "widget_runtime.hpp"

namespace pwui {

class App {
public:
    App();
    // Creates the context, reads options and the link token, starts loading.
    // False when WebGL2 is unavailable (embed.js shows a fallback message).
    bool start();
    // Module.pwSetOptions() was called: theme, fonts, locale again.
    void reload_options();
    // The WebGL context was lost and restored: every GL object is gone.
    void on_context_restored();

private:
    void frame();
    void rebuild_fonts();

    BrowserServices services_;
    Canvas canvas_;
    FrameLoop loop_;
    GlRenderer renderer_;
    std::unique_ptr<WidgetRuntime> runtime_;  // from start(), once the page's target is read
    float fonts_dpr_ = 0, fonts_scale_ = 0;
    const FontExtension* fonts_extension_ = nullptr;  // what the atlas was built with
    float content_height_ = 640;
};

}  // namespace pwui
