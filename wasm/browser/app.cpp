// See app.hpp.
#include "app.hpp"

#include <cstdlib>
#include <string>
#include <vector>

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include "a11y_mirror.hpp"
#include "catalogue_loader.hpp"
#include "fetch_bridge.hpp"
#include "font_extension.hpp"
#include "fonts.hpp"
#include "imgui.h"
#include "locale_format.hpp"
#include "paywidget/json_read.hpp"
#include "paywidget/locale.hpp"
#include "pointer_input.hpp"
#include "text_inputs.hpp"

extern "C" {
char* pw_options_json();
void pw_options_install();
char* pw_locale_preferences();
void pw_canvas_set_theme(const char* background, const char* accent, float radius, int dark);
double pw_now_ms();
}

namespace pwui {

namespace {
constexpr const char* kCanvas = "#pw-canvas";
// How long the first frame waits for the invoice (FrameLoop::hold): the
// skeleton shows only when the answer is slower than this.
constexpr double kFirstFrameWaitMs = 500;
// How long frames that need the fonts' extension wait for it before they
// are drawn without it (its characters as "?" until it arrives).
constexpr double kFontExtensionWaitMs = 2000;

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
    const nlohmann::json j = pw::parse_json(p ? p : "[]");
    std::free(p);
    std::vector<std::string> prefs;
    if (j.is_array())
        for (const nlohmann::json& tag : j)
            if (tag.is_string() && prefs.size() < 16) prefs.push_back(tag.get<std::string>());
    return pw::negotiate_locale(prefs);
}

nlohmann::json read_options() {
    char* p = pw_options_json();
    nlohmann::json j = pw::parse_json(p ? p : "{}");
    std::free(p);
    return j.is_object() ? j : nlohmann::json::object();
}
}  // namespace

App::App() : loop_([this] { frame(); }) {}

bool App::start() {
    FrameLoop::mark("main");  // the runtime is up: download and compile are over
    loop_.hold(kFirstFrameWaitMs);  // until the invoice is in (runtime's on_loaded)
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
    renderer_.init();

    const PageTarget target = take_page_target();
    runtime_ = std::make_unique<WidgetRuntime>(services_.host(), target.link_token, target.invoice_id);
    runtime_->on_change = [this] { loop_.request(); };
    runtime_->on_loaded = [this] { loop_.release(); };
    // The rest of the texts, with the deferred code: their letters join the
    // glyph set, and the screen is drawn again.
    watch_catalogue([this] {
        glyphs().note_catalogue(locale_format().locale());
        loop_.request();
    });

    pw_options_install();
    reload_options();

    auto request = [this] { loop_.request(); };
    pointer_input_init(kCanvas, request);
    a11y_mirror().on_change = request;
    text_inputs().on_change = request;

    // The checkout starts once the payer's language is in (often already).
    // Its first request is already on its way (web/embed.js); the first
    // frame waits for its answer (hold above).
    runtime_->start();
    loop_.request();
    return true;
}

void App::reload_options() {
    runtime_->set_options(read_options());
    const Theme& theme = runtime_->theme();
    pw_canvas_set_theme(css_color(theme.background).c_str(), css_color(theme.accent).c_str(), theme.radius,
                        theme.dark ? 1 : 0);
    runtime_->set_language(chosen_locale());
    fonts_scale_ = 0;  // rebuilt at the start of the next frame
    loop_.request();
}

void App::on_context_restored() {
    // The old objects died with the context: make them all anew, and put
    // the atlas (still in memory) back on the GPU.
    renderer_.init();
    renderer_.upload_fonts(*ImGui::GetIO().Fonts);
    loop_.request();
}

void App::rebuild_fonts() {
    const float dpr = canvas_.metrics().dpr;
    const float scale = runtime_->theme().font_scale;
    ImGuiIO& io = ImGui::GetIO();
    const FontExtension* extension = font_extension().extension();
    const Fonts fonts = build_fonts(*io.Fonts, dpr, scale, glyphs().ranges(), extension);
    runtime_->set_fonts(fonts);
    io.FontDefault = fonts.body;
    io.FontGlobalScale = 1.0f / dpr;
    renderer_.upload_fonts(*io.Fonts);
    fonts_dpr_ = dpr;
    fonts_scale_ = scale;
    fonts_extension_ = extension;
    FrameLoop::mark("fonts");  // the atlas is built and on the GPU
}

void App::frame() {
    const double t0 = pw_now_ms();
    canvas_.sync(content_height_);
    const CanvasMetrics& m = canvas_.metrics();
    // The atlas holds the payer's language's characters: built once that
    // language is in (WidgetRuntime::set_language), usually before the
    // first frame.
    if (!runtime_->ready()) return;
    // A text needs a character only the fonts' extension has (another
    // language, a name's "Ł"): asked for once; until it is in (or the wait
    // is over), no frame is shown rather than one with "?" for letters.
    if (glyphs().needs_extension()) font_extension().want([this] { loop_.request(); }, kFontExtensionWaitMs);
    if (font_extension().waiting()) return;
    if (m.dpr != fonts_dpr_ || runtime_->theme().font_scale != fonts_scale_ || glyphs().changed() ||
        font_extension().extension() != fonts_extension_)
        rebuild_fonts();

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(m.css_width, m.css_height);
    io.DisplayFramebufferScale = ImVec2(m.dpr, m.dpr);
    pointer_input_apply();

    const WidgetRuntime::Frame f = runtime_->frame(m.css_width);

    if (glyphs().changed()) {
        // A character drawn is missing from the atlas: this frame is not
        // shown (no GL call: the canvas keeps the last one); the next,
        // right away, rebuilds the atlas and draws it right.
        loop_.request(0);
    } else {
        glViewport(0, 0, m.fb_width, m.fb_height);
        const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(runtime_->theme().background);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        renderer_.render(*ImGui::GetDrawData());
    }
    pointer_input_update_cursor();

    loop_.set_animating(f.animating);
    if (f.height != content_height_) {
        content_height_ = f.height;
        loop_.request();
    }
    if (pointer_input_pending()) loop_.request(0);
    if (f.events) loop_.request();

    loop_.note_frame(pw_now_ms() - t0, content_height_, pw::stage_id(runtime_->checkout().state().stage));
}

}  // namespace pwui
