// See app.hpp.
#include "app.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include "a11y_mirror.hpp"
#include "catalogue_loader.hpp"
#include "backends/imgui_impl_opengl3.h"
#include "fetch_bridge.hpp"
#include "imgui.h"
#include "paywidget/host_events.hpp"
#include "paywidget/locale.hpp"
#include "paywidget/url.hpp"
#include "locale_format.hpp"
#include "pointer_input.hpp"
#include "text_inputs.hpp"
#include "widget.hpp"

extern "C" {
char* pw_options_json();
void pw_options_install();
char* pw_locale_preferences();
void pw_set_document_lang(const char* locale, const char* label);
void pw_canvas_set_theme(const char* background, const char* accent, float radius, int dark);
double pw_now_ms();
}

namespace pwui {

namespace {
constexpr const char* kCanvas = "#pw-canvas";
// How long the first frame waits for the invoice (FrameLoop::hold): the
// skeleton shows only when the answer is slower than this.
constexpr double kFirstFrameWaitMs = 500;

std::string css_color(ImU32 c) {
    static const char* hex = "0123456789abcdef";
    std::string s = "#";
    for (int shift : {IM_COL32_R_SHIFT, IM_COL32_G_SHIFT, IM_COL32_B_SHIFT}) {
        const unsigned v = (c >> shift) & 0xFF;
        s += hex[v >> 4];
        s += hex[v & 15];
    }
    return s;
}

// The payer's language: the core's closest match to options.locale, else
// to the browser's languages.
std::string chosen_locale() {
    char* p = pw_locale_preferences();
    const nlohmann::json j = nlohmann::json::parse(p ? p : "[]", nullptr, false);
    std::free(p);
    std::vector<std::string> prefs;
    if (j.is_array())
        for (const nlohmann::json& tag : j)
            if (tag.is_string() && prefs.size() < 16) prefs.push_back(tag.get<std::string>());
    return pw::negotiate_locale(prefs);
}

nlohmann::json read_options() {
    char* p = pw_options_json();
    nlohmann::json j = nlohmann::json::parse(p ? p : "{}", nullptr, false);
    std::free(p);
    return j.is_object() ? j : nlohmann::json::object();
}

// Announcements that report a problem interrupt (assertive); progress and
// success are polite.
bool is_alert_stage(pw::Stage s) {
    return s == pw::Stage::declined || s == pw::Stage::failed || s == pw::Stage::load_failed ||
           s == pw::Stage::link_expired || s == pw::Stage::link_revoked || s == pw::Stage::link_unknown;
}
}  // namespace

App::App() : loop_([this] { frame(); }), checkout_([] { return random_hex(16); }) {}

bool App::start() {
    FrameLoop::mark("main");  // the runtime is up: download and compile are over
    loop_.hold(kFirstFrameWaitMs);  // until the invoice is in (notify_loaded)
    const int ctx = canvas_.init(kCanvas, [this] { loop_.request(); });
    if (!ctx) return false;
    loop_.install_stats(ctx);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: nothing is persisted
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // we set the CSS cursor ourselves
    io.BackendFlags &= ~ImGuiBackendFlags_HasMouseCursors;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    gl_ready_ = true;

    pw_options_install();
    reload_options();

    auto request = [this] { loop_.request(); };
    pointer_input_init(kCanvas, request);
    a11y_mirror().on_change = request;
    text_inputs().on_change = request;

    const PageTarget target = take_page_target();
    // Receipts open as pages of the payment host: by the link for an email
    // link payer, by the session in the portal (server/pages/).
    receipt_base_ = !target.link_token.empty() ? "/pay/" + pw::percent_encode(target.link_token) + "/receipts/"
                                                : "/portal/receipts/";
    api_ = std::make_unique<ApiClient>(target.link_token, target.invoice_id, [this](pw::Event e) {
        dispatch(e);
        loop_.request();
    });
    // The checkout speaks from its start (announcements): it starts once the
    // payer's language is in. Its first request is already on its way
    // (web/embed.js); the first frame waits for its answer (hold above).
    if (lang_set_) start_checkout();
    loop_.request();
    return true;
}

void App::start_checkout() {
    if (checkout_started_) return;
    checkout_started_ = true;
    run(checkout_.start());
}

// The payer's language, once its messages are in (catalogue_loader.hpp):
// en, compiled in, when its file cannot be had. Until the first language is
// in, nothing is drawn (no flash of English).
void App::set_language(const std::string& locale) {
    wanted_locale_ = locale;
    load_locale(locale, [this, locale](bool loaded) {
        if (locale != wanted_locale_) return;  // the options changed again meanwhile
        const std::string said = loaded ? locale : "en";
        if (said != locale_format().locale() || !lang_set_) {
            glyphs().note_catalogue(said);
            locale_format().set_locale(said);
            checkout_.set_locale(said);
            pw_set_document_lang(said.c_str(), locale_format().t("widget.frame_label").c_str());
            lang_set_ = true;
        }
        if (gl_ready_ && api_) start_checkout();
        loop_.request();
    });
}

void App::reload_options() {
    const nlohmann::json options = read_options();
    theme_ = theme_from_options(options);
    apply_to_style(theme_, ImGui::GetStyle());
    pw_canvas_set_theme(css_color(theme_.background).c_str(), css_color(theme_.accent).c_str(), theme_.radius,
                        theme_.dark ? 1 : 0);
    set_language(chosen_locale());
    fonts_scale_ = 0;  // rebuilt at the start of the next frame
    loop_.request();
}

void App::on_context_restored() {
    // The old objects died with the context; deleting them is a no-op.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplOpenGL3_Init("#version 300 es");
    fonts_dpr_ = 0;  // re-upload the font texture in the next frame
    loop_.request();
}

void App::rebuild_fonts() {
    const float dpr = canvas_.metrics().dpr;
    ImGuiIO& io = ImGui::GetIO();
    fonts_ = build_fonts(*io.Fonts, dpr, theme_.font_scale, glyphs().ranges());
    io.FontDefault = fonts_.body;
    io.FontGlobalScale = 1.0f / dpr;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    fonts_dpr_ = dpr;
    fonts_scale_ = theme_.font_scale;
    FrameLoop::mark("fonts");  // the atlas is built and on the GPU
}

void App::frame() {
    const double t0 = pw_now_ms();
    canvas_.sync(content_height_);
    const CanvasMetrics& m = canvas_.metrics();
    // The atlas holds the payer's language's characters: built once that
    // language is in (set_language), usually before the first frame.
    if (!lang_set_) return;
    if (m.dpr != fonts_dpr_ || theme_.font_scale != fonts_scale_ || glyphs().changed()) rebuild_fonts();

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(m.css_width, m.css_height);
    io.DisplayFramebufferScale = ImVec2(m.dpr, m.dpr);
    // Frames are irregular (on demand): clamp so ImGui's timers stay sane.
    io.DeltaTime = static_cast<float>(std::clamp((t0 - last_frame_ms_) / 1000.0, 0.001, 0.1));
    last_frame_ms_ = t0;
    pointer_input_apply();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    a11y_mirror().begin_frame();
    text_inputs().begin_frame();
    FrameOutput out;
    const float height = draw_widget(checkout_, theme_, fonts_, Layout{m.css_width, 560, receipt_base_}, out);
    ImGui::Render();

    if (glyphs().changed()) {
        // A character drawn is missing from the atlas: this frame is not
        // shown (no GL call: the canvas keeps the last one); the next,
        // right away, rebuilds the atlas and draws it right.
        loop_.request(0);
    } else {
        glViewport(0, 0, m.fb_width, m.fb_height);
        const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(theme_.background);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }

    // Inputs first: the mirror's commit puts both in one visual Tab order.
    text_inputs().end_frame();
    a11y_mirror().end_frame();
    pointer_input_update_cursor();

    // The submit spinner turns only while a payment is in flight.
    loop_.set_animating(checkout_.state().stage == pw::Stage::submitting);
    if (height != content_height_) {
        content_height_ = height;
        loop_.request();
    }
    if (pointer_input_pending()) loop_.request(0);
    for (const pw::Event& e : out.events) dispatch(e);
    if (!out.events.empty()) loop_.request();
    if (!out.navigate_to.empty()) navigate(out.navigate_to, out.new_tab);

    loop_.note_frame(pw_now_ms() - t0, content_height_, pw::stage_id(checkout_.state().stage));
}

void App::dispatch(const pw::Event& e) {
    const pw::Stage before = checkout_.state().stage;
    run(checkout_.dispatch(e));
    const pw::Stage after = checkout_.state().stage;
    if (before == pw::Stage::loading && after != pw::Stage::loading) notify_loaded();
}

// The first screen after loading: "ready" for the embedding page (it swaps
// its skeleton for the widget), plus "error" when that screen is a problem
// (expired link, login required, ...) so the page can react.
void App::notify_loaded() {
    FrameLoop::mark("loaded");  // the link view is in the checkout: the next frame draws it
    loop_.release();
    const pw::CheckoutState& s = checkout_.state();
    notify_page("ready", pw::ready_event(s, receipt_base_).dump());
    if (!s.view) notify_page("error", nlohmann::json{{"code", s.load_error.code}, {"message", s.load_error.message}}.dump());
}

// Payment outcomes for the embedding page: ids, amounts, statuses and
// labels only (pw::succeeded_event). Card data never leaves the widget
// this way (tests check the payload).
void App::notify_outcome(const pw::effect::NotifyHost& n) {
    const pw::CheckoutState& s = checkout_.state();
    if (!s.result) return;
    const pw::PaymentResponse& r = *s.result;
    if (n.kind == pw::effect::HostEventKind::succeeded) {
        notify_page("succeeded", pw::succeeded_event(r, receipt_base_).dump());
    } else {
        notify_page("declined", nlohmann::json{{"payment_id", r.payment.id},
                                               {"code", n.code},
                                               {"message", s.decline.message}}
                                    .dump());
    }
}

void App::run(std::vector<pw::Effect> effects) {
    for (pw::Effect& effect : effects) {
        if (auto* f = std::get_if<pw::effect::FetchView>(&effect)) {
            (void)f;
            api_->fetch_view();
        } else if (auto* t = std::get_if<pw::effect::RequestToken>(&effect)) {
            api_->request_token(t->request);
        } else if (auto* p = std::get_if<pw::effect::SendPayment>(&effect)) {
            api_->send_payment(*p);
        } else if (auto* a = std::get_if<pw::effect::Announce>(&effect)) {
            a11y_mirror().announce(a->text, is_alert_stage(checkout_.state().stage));
        } else if (auto* fo = std::get_if<pw::effect::Focus>(&effect)) {
            text_inputs().focus(fo->field);
        }
        else if (auto* n = std::get_if<pw::effect::NotifyHost>(&effect)) {
            notify_outcome(*n);
        }
    }
}

}  // namespace pwui
