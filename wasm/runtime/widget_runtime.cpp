// See widget_runtime.hpp.
#include "widget_runtime.hpp"

#include <algorithm>
#include <utility>
#include <variant>

#include "a11y_mirror.hpp"
#include "imgui.h"
#include "locale_format.hpp"
#include "overloaded.hpp"
#include "paywidget/host_events.hpp"
#include "paywidget/url.hpp"
#include "text_inputs.hpp"
#include "widget.hpp"

namespace pwui {

namespace {
// Announcements that report a problem interrupt (assertive); progress and
// success are polite.
bool is_alert_stage(pw::Stage s) {
    return s == pw::Stage::declined || s == pw::Stage::failed || s == pw::Stage::load_failed ||
           s == pw::Stage::link_expired || s == pw::Stage::link_revoked || s == pw::Stage::link_unknown;
}

// Receipts open as pages of the payment host: by the link for an email
// link payer, by the session in the portal (server/pages/).
std::string receipt_base_for(const std::string& link_token) {
    return !link_token.empty() ? "/pay/" + pw::percent_encode(link_token) + "/receipts/" : "/portal/receipts/";
}
}  // namespace

WidgetRuntime::WidgetRuntime(RuntimeHost host, std::string link_token, std::string invoice_id)
    : host_(std::move(host)),
      receipt_base_(receipt_base_for(link_token)),
      checkout_(host_.keys),
      api_(std::move(link_token), std::move(invoice_id), host_.http, [this](pw::Event e) {
          dispatch(e);
          changed();
      }) {}

void WidgetRuntime::changed() {
    if (on_change) on_change();
}

void WidgetRuntime::set_options(const nlohmann::json& options) {
    theme_ = theme_from_options(options);
    apply_to_style(theme_, ImGui::GetStyle());
}

void WidgetRuntime::set_language(const std::string& locale) {
    wanted_locale_ = locale;
    host_.catalogues.load(locale, [this, locale](bool loaded) {
        if (locale != wanted_locale_) return;  // the options changed again meanwhile
        const std::string said = loaded ? locale : "en";
        if (said != locale_format().locale() || !lang_set_) {
            glyphs().note_catalogue(said);
            locale_format().set_locale(said);
            checkout_.set_locale(said);
            host_.page.set_document_lang(said, locale_format().t("widget.frame_label"));
            lang_set_ = true;
        }
        // The checkout speaks from its start (announcements): it starts
        // once the payer's language is in.
        if (start_wanted_) start_checkout();
        changed();
    });
}

void WidgetRuntime::start() {
    start_wanted_ = true;
    if (lang_set_) start_checkout();
}

void WidgetRuntime::start_checkout() {
    if (checkout_started_) return;
    checkout_started_ = true;
    run(checkout_.start());
}

WidgetRuntime::Frame WidgetRuntime::frame(float display_width) {
    const double now = host_.clock.now_ms();
    ImGuiIO& io = ImGui::GetIO();
    // Frames are irregular (on demand): clamp so ImGui's timers stay sane.
    io.DeltaTime = static_cast<float>(std::clamp((now - last_frame_ms_) / 1000.0, 0.001, 0.1));
    last_frame_ms_ = now;

    ImGui::NewFrame();
    a11y_mirror().begin_frame();
    text_inputs().begin_frame();
    FrameOutput out;
    Frame f;
    f.height = draw_widget(checkout_, theme_, fonts_, Layout{display_width, 560, receipt_base_}, screens_, out);
    ImGui::Render();
    // Inputs first: the mirror's commit puts both in one visual Tab order.
    text_inputs().end_frame();
    a11y_mirror().end_frame();

    // The submit spinner turns only while a payment is in flight.
    f.animating = checkout_.state().stage == pw::Stage::submitting;
    f.events = out.events.size();
    for (const pw::Event& e : out.events) dispatch(e);
    if (!out.navigate_to.empty()) host_.page.navigate(out.navigate_to, out.new_tab);
    return f;
}

void WidgetRuntime::dispatch(const pw::Event& e) {
    const pw::Stage before = checkout_.state().stage;
    run(checkout_.dispatch(e));
    const pw::Stage after = checkout_.state().stage;
    // The checkout started over (Reload, "pay the remainder"): what the
    // step screens remembered belongs to the attempt that was.
    if (after == pw::Stage::loading) screens_ = ScreenState{};
    if (before == pw::Stage::loading && after != pw::Stage::loading) notify_loaded();
}

// The first screen after loading: "ready" for the embedding page (it swaps
// its skeleton for the widget), plus "error" when that screen is a problem
// (expired link, login required, ...) so the page can react.
void WidgetRuntime::notify_loaded() {
    host_.page.mark("loaded");  // the link view is in the checkout: the next frame draws it
    if (on_loaded) on_loaded();
    const pw::CheckoutState& s = checkout_.state();
    host_.page.notify("ready", pw::ready_event(s, receipt_base_).dump());
    if (!s.view)
        host_.page.notify("error",
                          nlohmann::json{{"code", s.load_error.code}, {"message", s.load_error.message}}.dump());
}

// Payment outcomes for the embedding page: ids, amounts, statuses and
// labels only (pw::succeeded_event). Card data never leaves the widget
// this way (tests check the payload).
void WidgetRuntime::notify_outcome(const pw::effect::NotifyHost& n) {
    const pw::CheckoutState& s = checkout_.state();
    if (!s.result) return;
    const pw::PaymentResponse& r = *s.result;
    if (n.kind == pw::effect::HostEventKind::succeeded) {
        host_.page.notify("succeeded", pw::succeeded_event(r, receipt_base_).dump());
    } else {
        host_.page.notify("declined", nlohmann::json{{"payment_id", r.payment.id},
                                                     {"code", n.code},
                                                     {"message", s.decline.message}}
                                          .dump());
    }
}

void WidgetRuntime::run(std::vector<pw::Effect> effects) {
    namespace fx = pw::effect;
    for (const pw::Effect& effect : effects) {
        if (on_effect) on_effect(effect);
        // One handler per alternative and no generic one: an effect the core
        // adds to pw::Effect without a handler here does not compile, rather
        // than being dropped in the browser while every test passes.
        std::visit(overloaded{
                       [&](const fx::FetchView&) { api_.fetch_view(); },
                       [&](const fx::RequestToken& t) { api_.request_token(t.request); },
                       [&](const fx::SendPayment& p) { api_.send_payment(p); },
                       [&](const fx::Announce& a) {
                           a11y_mirror().announce(a.text, is_alert_stage(checkout_.state().stage));
                       },
                       [&](const fx::Focus& f) { text_inputs().focus(f.field); },
                       [&](const fx::NotifyHost& n) { notify_outcome(n); },
                   },
                   effect);
    }
}

}  // namespace pwui
