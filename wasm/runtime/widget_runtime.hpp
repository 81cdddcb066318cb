// The widget's runtime: the checkout, the frame sequence and the effect
// runner, one copy for the browser and the native tests. A frame draws the
// checkout's state (widget.hpp), then applies the events the frame emitted;
// each event's effects run at once: HTTP through the API client, aria-live
// announcements, focus, page events. What differs between the browser
// (wasm/browser/app.cpp: WebGL, canvas, frame loop) and a test (tests/widget/:
// fakes) is injected through host.hpp; the rest (mirror, text inputs,
// formats) builds natively as it is.
//
// The host owns the ImGui context, the display size, the font atlas and
// when frames happen; the runtime owns everything a frame draws and what
// comes of it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_client.hpp"
#include "fonts.hpp"
#include "host.hpp"
#include "paywidget/checkout.hpp"
#include "screen_state.hpp"
#include "theme.hpp"

namespace pwui {

class WidgetRuntime {
public:
    // What the page pays (the URL fragment, fetch_bridge.hpp): an email
    // link's token, else a portal invoice id (the session cookie).
    WidgetRuntime(RuntimeHost host, std::string link_token, std::string invoice_id);
    WidgetRuntime(const WidgetRuntime&) = delete;
    WidgetRuntime& operator=(const WidgetRuntime&) = delete;

    // The embedder's display options ({"theme", "accent", "radius",
    // "font_scale"}): the theme, applied to the current ImGui context's style.
    void set_options(const nlohmann::json& options);
    // The payer's language (a catalogue locale): once its messages are in
    // (en when they cannot be had), the formats, the checkout and the
    // document speak it, and the checkout starts if start() was called.
    // Until the first language is in, nothing is drawn (ready()).
    void set_language(const std::string& locale);
    // The page is wired: start the checkout (FetchView) once a language is in.
    void start();
    // The faces a frame draws with; the host builds and uploads the atlas.
    void set_fonts(const Fonts& fonts) { fonts_ = fonts; }

    bool ready() const { return lang_set_; }

    struct Frame {
        float height = 0;          // content height, CSS px
        std::size_t events = 0;    // events the frame emitted (applied)
        bool animating = false;    // what it drew moves (the submit spinner)
    };
    // One frame in the current ImGui context: the host has set
    // io.DisplaySize and started its backend's frame. Draws the checkout's
    // state at `display_width` CSS px, commits the mirror and the inputs,
    // then applies the frame's events and its navigation. The draw data
    // stays in ImGui::GetDrawData() for the host to render.
    Frame frame(float display_width);

    // An event from outside a frame (the API client's answers come this
    // way): applied, and its effects run.
    void dispatch(const pw::Event& e);

    const pw::Checkout& checkout() const { return checkout_; }
    const Theme& theme() const { return theme_; }
    // "/pay/<token>/receipts/" for a link payer, "/portal/receipts/" in the portal.
    const std::string& receipt_base() const { return receipt_base_; }

    // Something changed what is drawn outside a frame (an answer arrived,
    // the language came in): the browser asks for a frame.
    std::function<void()> on_change;
    // Called once the first screen after loading is in the checkout (the
    // browser's frame loop stops holding its first frame then).
    std::function<void()> on_loaded;
    // Every effect, just before it runs (the native tests record them).
    std::function<void(const pw::Effect&)> on_effect;

private:
    void start_checkout();
    void run(std::vector<pw::Effect> effects);
    void notify_loaded();
    void notify_outcome(const pw::effect::NotifyHost& n);
    void changed();

    RuntimeHost host_;
    std::string receipt_base_;
    pw::Checkout checkout_;
    ApiClient api_;
    Theme theme_;
    Fonts fonts_;
    ScreenState screens_;
    double last_frame_ms_ = 0;
    bool lang_set_ = false;      // a first language is in
    std::string wanted_locale_;  // the last one asked for; its file may still be on its way
    bool start_wanted_ = false;
    bool checkout_started_ = false;
};

}  // namespace pwui
