// See headless_widget.hpp. What wasm/browser/app.cpp does around the runtime,
// minus WebGL, the canvas and the frame loop.
#include "headless_widget.hpp"

#include <cfloat>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "fonts.hpp"
#include "imgui.h"
#include "locale_format.hpp"
#include "paywidget/payment_form.hpp"

namespace pwtest {

const std::vector<std::string>& all_input_ids() {
    // The amount, then every payment-form field the core lists.
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> out{"amount"};
        for (std::string_view f : pw::all_form_fields()) out.emplace_back(f);
        return out;
    }();
    return ids;
}

namespace {
constexpr double kFrameMs = 1000.0 / 60;  // a 60 Hz display

// The DOM stand-ins are the page's singletons: a test's widget starts from
// a blank page (no typed values, no focus, no pending Enter/activation).
void reset_page_singletons() {
    pwui::TextInputs& in = pwui::text_inputs();
    in.on_change = nullptr;
    for (const std::string& id : all_input_ids()) {
        in.set_value(id, "");
        in.on_focus(id, false);
        (void)in.take_enter(id);
    }
    pwui::A11yMirror& mirror = pwui::a11y_mirror();
    mirror.on_change = nullptr;
    mirror.begin_frame();
    mirror.end_frame();  // no items: every pending activation is dropped
    mirror.focus("");
    pwui::locale_format().clear();
    // The canvas's text, for the readability and label-in-name checks.
    pwui::drawn_text().enabled = true;
    pwui::drawn_text().begin_frame();
}
}  // namespace

HeadlessWidget::HeadlessWidget(WidgetOptions options)
    : options_(std::move(options)),
      // Predictable keys ("test-key-1", "test-key-2", ...) so tests can tell
      // a reused key from a new one; 16+ characters would be the browser's.
      runtime_(pwui::RuntimeHost{clock_, [this] { return "test-key-" + std::to_string(++keys_issued_); }, http_,
                                 page_, catalogues_},
               options_.link_token, options_.invoice_id) {
    reset_page_singletons();
    runtime_.on_effect = [this](const pw::Effect& e) { effects_.push_back(e); };
    announced_before_ = pwui::a11y_mirror().announcements().size();

    IMGUI_CHECKVERSION();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    runtime_.set_options(options_.theme_options.is_null() ? nlohmann::json{{"theme", options_.theme}}
                                                           : options_.theme_options);
    runtime_.set_language(options_.locale);
    // dpr 1: glyphs at CSS px; every character the font files have (no
    // GlyphSet rebuilds); the atlas is built (Alpha8) but never uploaded.
    const pwui::Fonts fonts = pwui::build_fonts(*io.Fonts, 1.0f, runtime_.theme().font_scale);
    runtime_.set_fonts(fonts);
    io.FontDefault = fonts.body;
    io.FontGlobalScale = 1.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    io.DisplaySize = ImVec2(options_.width, options_.height);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

HeadlessWidget::~HeadlessWidget() {
    ImGui::DestroyContext(context_);
    reset_page_singletons();
}

void HeadlessWidget::start() {
    runtime_.start();
    frame();
}

void HeadlessWidget::load(const pw::LinkView& view) {
    start();
    respond(pw::ev::Loaded{view});
}

void HeadlessWidget::respond(const pw::Event& e) {
    runtime_.dispatch(e);
    settle();
}

bool HeadlessWidget::answer(int status, const std::string& body) {
    if (!http_.answer_latest(pwui::HttpResponse{status, body})) return false;
    settle();
    return true;
}

void HeadlessWidget::frame() {
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().DisplaySize = ImVec2(options_.width, options_.height);
    clock_.advance(kFrameMs);
    const pwui::WidgetRuntime::Frame f = runtime_.frame(options_.width);
    content_height_ = f.height;
    ++frames_;
    events_last_frame_ = static_cast<int>(f.events);
}

bool HeadlessWidget::settle(int max_frames) {
    // As wasm/browser/frame_loop.cpp: a request draws 1 + 2 settle frames, and a
    // frame that emitted events requests again.
    constexpr int kFramesPerRequest = 3;
    int pending = kFramesPerRequest;
    for (int i = 0; i < max_frames; ++i) {
        frame();
        if (events_last_frame_ > 0) pending = kFramesPerRequest;
        else if (--pending == 0) return true;
    }
    return false;
}

const std::vector<pwui::A11yItem>& HeadlessWidget::items() const { return pwui::a11y_mirror().items(); }
const std::vector<pwui::PlacedField>& HeadlessWidget::placed() const { return pwui::text_inputs().placed(); }
const std::vector<pwui::DrawnText>& HeadlessWidget::drawn_text() const { return pwui::drawn_text().runs(); }

const pwui::A11yItem* HeadlessWidget::find(pwui::Role role, std::string_view name) const {
    for (const pwui::A11yItem& i : items())
        if (i.role == role && i.name == name) return &i;
    return nullptr;
}

const pwui::A11yItem* HeadlessWidget::find_prefix(pwui::Role role, std::string_view prefix) const {
    for (const pwui::A11yItem& i : items())
        if (i.role == role && std::string_view(i.name).substr(0, prefix.size()) == prefix) return &i;
    return nullptr;
}

const pwui::A11yItem* HeadlessWidget::find_id(const std::string& id) const { return pwui::a11y_mirror().find(id); }

bool HeadlessWidget::shows(std::string_view text) const {
    for (const pwui::A11yItem& i : items())
        if (i.name.find(text) != std::string::npos) return true;
    return false;
}

bool HeadlessWidget::activate_id(const std::string& id) {
    const pwui::A11yItem* item = find_id(id);
    if (!item || item->disabled) return false;
    pwui::a11y_mirror().on_activate(id);
    settle();
    return true;
}

bool HeadlessWidget::activate(pwui::Role role, std::string_view name) {
    const pwui::A11yItem* item = find(role, name);
    return item && activate_id(item->id);
}

bool HeadlessWidget::click(pwui::Role role, std::string_view name) {
    const pwui::A11yItem* item = find(role, name);
    if (!item) return false;
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 at(item->rect.x + item->rect.w * 0.5f, item->rect.y + item->rect.h * 0.5f);
    // Hover first (ImGui finds the hovered window from the previous frame),
    // then press, then release: InvisibleButton reports the click on release.
    io.MousePos = at;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    settle();
    return true;
}

bool HeadlessWidget::type(const std::string& id, const std::string& value) {
    if (!field(id)) return false;
    pwui::TextInputs& in = pwui::text_inputs();
    for (const std::string& other : all_input_ids())
        if (other != id && in.focused(other)) in.on_focus(other, false);
    if (!in.focused(id)) in.on_focus(id, true);
    in.on_input(id, value);
    settle();
    return true;
}

void HeadlessWidget::blur(const std::string& id) {
    pwui::text_inputs().on_focus(id, false);
    settle();
}

void HeadlessWidget::press_enter(const std::string& id) {
    pwui::text_inputs().on_enter(id);
    settle();
}

const pwui::PlacedField* HeadlessWidget::field(const std::string& id) const {
    for (const pwui::PlacedField& f : placed())
        if (f.spec.id == id) return &f;
    return nullptr;
}

const std::string& HeadlessWidget::value(const std::string& id) const { return pwui::text_inputs().value(id); }

bool HeadlessWidget::focused(const std::string& id) const { return pwui::text_inputs().focused(id); }

std::vector<std::string> HeadlessWidget::announcements() const {
    const std::vector<std::string>& all = pwui::a11y_mirror().announcements();
    return std::vector<std::string>(all.begin() + static_cast<std::ptrdiff_t>(announced_before_), all.end());
}

std::string HeadlessWidget::dump() const {
    std::ostringstream o;
    o << "stage " << pw::stage_id(stage()) << "\n";
    for (const pwui::A11yItem& i : items()) {
        o << "  " << pwui::role_id(i.role) << " #" << i.id << " '" << i.name << "'";
        if (i.disabled) o << " [disabled]";
        if (i.checked) o << " [checked]";
        o << " @" << i.rect.x << "," << i.rect.y << " " << i.rect.w << "x" << i.rect.h << "\n";
    }
    for (const pwui::PlacedField& f : placed()) {
        o << "  input #" << f.spec.id << " '" << f.spec.label << "' = '" << value(f.spec.id) << "'";
        if (f.disabled) o << " [disabled]";
        if (f.invalid) o << " [invalid]";
        o << " @" << f.rect.x << "," << f.rect.y << " " << f.rect.w << "x" << f.rect.h << "\n";
    }
    return o.str();
}

}  // namespace pwtest
