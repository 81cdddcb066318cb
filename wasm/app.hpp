// The widget page's one object: owns the checkout, the options (theme,
// fonts) and the GL/ImGui state, runs the checkout's effects and renders a
// frame when the frame loop asks. main.cpp creates it. Browser only.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api_client.hpp"
#include "canvas.hpp"
#include "fonts.hpp"
#include "frame_loop.hpp"
#include "paywidget/checkout.hpp"
#include "theme.hpp"

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
    void dispatch(const pw::Event& e);
    void run(std::vector<pw::Effect> effects);
    void rebuild_fonts();
    void set_language(const std::string& locale);
    void start_checkout();
    void notify_loaded();
    void notify_outcome(const pw::effect::NotifyHost& n);

    Canvas canvas_;
    FrameLoop loop_;
    pw::Checkout checkout_;
    std::unique_ptr<ApiClient> api_;
    Theme theme_;
    Fonts fonts_;
    float fonts_dpr_ = 0, fonts_scale_ = 0;
    bool gl_ready_ = false;
    float content_height_ = 640;
    double last_frame_ms_ = 0;
    bool lang_set_ = false;  // the document's lang attribute is the chosen locale's
    std::string wanted_locale_;  // the last one asked for; its file may still be on its way
    bool checkout_started_ = false;
    std::string receipt_base_;  // "/pay/<token>/receipts/" or "/portal/receipts/"
};

}  // namespace pwui
