// The widget page's entry point: creates the App and returns. The runtime
// stays alive (no EXIT_RUNTIME); from here on everything happens in
// callbacks: animation frames requested on demand, DOM events, fetch.
#include <emscripten/emscripten.h>

#include "app.hpp"

extern "C" void pw_show_fallback(const char* message);

namespace {
pwui::App* g_app = nullptr;
}

int main() {
    static pwui::App app;
    if (!app.start()) {
        pw_show_fallback("This page needs WebGL 2 to show the invoice. Please update your browser or try another one.");
        return 0;
    }
    g_app = &app;
    return 0;
}

// Module.pwSetOptions(): the page (later: the embed script via postMessage)
// changed the theme, font scale or locale.
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_options_changed() {
    if (g_app) g_app->reload_options();
}

// The WebGL context came back after a loss (js/canvas.js).
extern "C" EMSCRIPTEN_KEEPALIVE void pw_on_context_restored() {
    if (g_app) g_app->on_context_restored();
}
