// The widget run headless: Dear ImGui with no renderer, the real Inter
// fonts (so text measures as in the browser), and the real runtime
// (wasm/runtime/widget_runtime.hpp: the checkout, the frame sequence, the
// effect runner, the screens) with a fake host (fake_host.hpp): a stepped
// clock, HTTP the test answers, a page that records what it was told. The
// DOM stand-ins are the widget's own: the accessibility mirror (items(),
// on_activate) and the text inputs (placed(), on_input/on_focus/on_enter).
//
// It plays the part of wasm/browser/app.cpp without a browser: each frame() is one
// WidgetRuntime::frame(), and settle() draws frames the way
// wasm/browser/frame_loop.cpp does after an input. Effects run as in the browser;
// every one is also recorded (effects()). A test answers the network
// either as the server would (answer(): status and body, through the real
// API client's codecs) or, shorter, with the checkout event the API client
// would make of it (respond(); the request then stays unanswered).
//
// Tests act only through what a payer has: a mirror item found by role and
// accessible name (activate(): the DOM element's click; click(): a mouse
// click on the canvas at the item's rect), and the DOM inputs (type(),
// blur(), press_enter()).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "a11y_mirror.hpp"
#include "drawn_text.hpp"
#include "fake_host.hpp"
#include "paywidget/checkout.hpp"
#include "text_inputs.hpp"
#include "widget_runtime.hpp"

namespace pwtest {

struct WidgetOptions {
    float width = 360;      // CSS px, like a phone
    float height = 2400;    // tall enough for every screen: no scrolling
    std::string theme = "light";  // "light" | "dark"
    // The embedder's display options ({"theme", "accent", "font_scale"});
    // when set, `theme` is ignored.
    nlohmann::json theme_options;
    // What the page pays (wasm/browser/fetch_bridge.hpp's PageTarget): an email
    // link's token (receipts under /pay/lnk_test/receipts/), else a portal
    // invoice id.
    std::string link_token = "lnk_test";
    std::string invoice_id;
    // The payer's language (a catalogue locale: "en", "fr", "es", "en-XA").
    std::string locale = "en";
};

class HeadlessWidget {
public:
    explicit HeadlessWidget(WidgetOptions options = {});
    ~HeadlessWidget();
    HeadlessWidget(const HeadlessWidget&) = delete;
    HeadlessWidget& operator=(const HeadlessWidget&) = delete;

    // ---- driving the checkout (the API side)
    // The runtime starts the checkout (FetchView) and the first frame
    // draws: the loading skeleton.
    void start();
    // start(), then the view arrives (200): the review screen.
    void load(const pw::LinkView& view);
    // A server response (or NoResponse) as the API client would report it;
    // its effects are run and the widget settles.
    void respond(const pw::Event& e);
    // The server answers the latest request still open (status 0: no
    // response), through the API client; the widget settles. False when no
    // request is open.
    bool answer(int status, const std::string& body = "");
    // Every HTTP request the widget made, in order.
    const std::vector<FakeHttp::Sent>& requests() const { return http_.sent(); }
    // What the widget told the page around it (events, navigation, lang).
    const FakePage& page() const { return page_; }

    // ---- frames
    // One frame: draw, then apply the frame's events and their effects.
    void frame();
    // Frames as the browser's frame loop draws them after an input: until
    // the screen is stable plus its settle frames. False when it never
    // settles (a screen that emits events every frame).
    bool settle(int max_frames = 30);
    int frames() const { return frames_; }
    int keys_issued() const { return keys_issued_; }

    // ---- the payer's side
    // The mirror item with exactly this role and accessible name (nullptr
    // when not drawn). `starts_with`: name prefix ("Pay in full" matches
    // "Pay in full, 200.00 USD").
    const pwui::A11yItem* find(pwui::Role role, std::string_view name) const;
    const pwui::A11yItem* find_prefix(pwui::Role role, std::string_view prefix) const;
    const pwui::A11yItem* find_id(const std::string& id) const;
    // Some mirror item's name contains `text`.
    bool shows(std::string_view text) const;
    // The DOM element's click / Enter / an assistive technology's action,
    // then settle. False (and nothing done) when there is no such item or it
    // is disabled: a disabled DOM element cannot be activated.
    bool activate(pwui::Role role, std::string_view name);
    bool activate_id(const std::string& id);
    // A mouse click on the canvas at the centre of the item's rect (down in
    // one frame, up in the next), then settle. False when not drawn.
    bool click(pwui::Role role, std::string_view name);

    // The DOM input `id`: focus it (blurring the focused one), set its value
    // as the payer typed it, settle. False when that input is not placed.
    bool type(const std::string& id, const std::string& value);
    // The DOM input loses focus (Tab away), then settle.
    void blur(const std::string& id);
    // Enter in the DOM input, then settle.
    void press_enter(const std::string& id);
    const pwui::PlacedField* field(const std::string& id) const;
    const std::string& value(const std::string& id) const;
    bool focused(const std::string& id) const;

    // ---- what the widget shows and did
    const std::vector<pwui::A11yItem>& items() const;
    const std::vector<pwui::PlacedField>& placed() const;
    // Every text run the last frame drew (colour, ground, size, the
    // control it labels).
    const std::vector<pwui::DrawnText>& drawn_text() const;
    const pw::Checkout& checkout() const { return runtime_.checkout(); }
    const pw::CheckoutState& state() const { return checkout().state(); }
    pw::Stage stage() const { return state().stage; }
    float content_height() const { return content_height_; }
    // Every effect since start(), in order. Idempotency keys are
    // "test-key-1", "test-key-2", ... in the order the checkout asked.
    const std::vector<pw::Effect>& effects() const { return effects_; }
    template <class T>
    std::vector<T> effects_of() const {
        std::vector<T> out;
        for (const pw::Effect& e : effects_)
            if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
        return out;
    }
    // aria-live announcements since this widget was created.
    std::vector<std::string> announcements() const;
    // The last navigation a frame asked for ("" when none yet).
    const std::string& navigated_to() const { return page_.navigated_to; }
    // "role 'name' [disabled] [checked]" per item, one a line: for messages.
    std::string dump() const;

private:
    WidgetOptions options_;
    FakeClock clock_;
    FakeHttp http_;
    FakePage page_;
    FakeCatalogues catalogues_;
    int keys_issued_ = 0;
    std::vector<pw::Effect> effects_;
    pwui::WidgetRuntime runtime_;  // after what it refers to
    ImGuiContext* context_ = nullptr;
    std::size_t announced_before_ = 0;
    float content_height_ = 0;
    int frames_ = 0;
    int events_last_frame_ = 0;
};

// Every DOM input id the widget uses (text_inputs has no list of its own).
const std::vector<std::string>& all_input_ids();

}  // namespace pwtest
