// See theme.hpp. Colors chosen for WCAG AA contrast of text on background
// (muted text included) in both presets; text_pairs() is the proof's list.
#include "theme.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "paywidget/status_colors.hpp"

namespace pwui {

namespace {
constexpr ImU32 rgb(unsigned v) { return IM_COL32((v >> 16) & 255, (v >> 8) & 255, v & 255, 255); }

ImU32 mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1.0f));
}

// `top` at `alpha` (0..255) over the opaque `bottom`: the colour the eye
// sees where a tint is drawn.
ImU32 tint(ImU32 top, int alpha, ImU32 bottom) { return mix(bottom, top, static_cast<float>(alpha) / 255.0f); }

// The tinted grounds follow the accent, danger and success colours.
void derive_grounds(Theme& t) {
    t.selected_bg = tint(t.accent, 18, t.background);
    t.info_bg = tint(t.accent, 22, t.background);
    t.danger_bg = tint(t.danger, 22, t.background);
    t.success_bg = tint(t.success, 22, t.background);
}

// An embedder's accent is used for links on the background and under the
// button's text: move it towards the text colour (darker on light, lighter
// on dark) until both read at 4.5:1; the button's text is whichever of the
// background or the text colour contrasts more with it.
void make_accent_readable(Theme& t) {
    for (int step = 0; step < 20; ++step) {
        t.accent_text = contrast_ratio(t.background, t.accent) >= contrast_ratio(t.text, t.accent) ? t.background
                                                                                                   : t.text;
        if (contrast_ratio(t.accent, t.background) >= kMinTextContrast + 0.1 &&
            contrast_ratio(t.accent, t.surface) >= kMinTextContrast + 0.1 &&
            contrast_ratio(t.accent_text, t.accent) >= kMinTextContrast + 0.1)
            return;
        t.accent = mix(t.accent, t.text, 0.1f);
    }
}

// The whole of `s` as an unsigned number (std::from_chars: no sign, no spaces).
bool read_digits(std::string_view s, unsigned& out) {
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
    return error == std::errc() && end == s.data() + s.size();
}

// A number from JSON or from a string ("8", "1.25", ".9"); false when
// neither. The string is read as digits, a point and at most 4 more, not
// with strtof: libc's float scanner and the long double maths under it
// (about 9 KB of code) then stay out of the widget's first download, which
// reads a host's font_scale and radius (issue 14).
bool read_number(const nlohmann::json& options, const char* key, float& out) {
    auto it = options.find(key);
    if (it == options.end()) return false;
    if (it->is_number()) {
        out = it->get<float>();
        return true;
    }
    if (!it->is_string()) return false;
    const std::string_view s = it->get_ref<const std::string&>();
    const std::size_t point = s.find('.');
    const std::string_view whole = s.substr(0, point);
    const std::string_view fraction = point == std::string_view::npos ? std::string_view() : s.substr(point + 1);
    unsigned w = 0, f = 0;
    if (whole.empty() && fraction.empty()) return false;
    if (!whole.empty() && !read_digits(whole, w)) return false;
    if (fraction.size() > 4 || (!fraction.empty() && !read_digits(fraction, f))) return false;
    if (point != std::string_view::npos && fraction.empty()) return false;  // "1."
    float scale = 1;
    for (std::size_t i = 0; i < fraction.size(); ++i) scale *= 10;
    out = static_cast<float>(w) + static_cast<float>(f) / scale;
    return true;
}
}  // namespace

PillColors status_pill(const Theme& theme, pw::InvoiceStatus status) {
    const pw::StatusColors c = pw::status_colors(status, theme.dark);
    return {rgb(c.text), rgb(c.background)};
}

bool parse_hex_color(const std::string& text, ImU32& out) {
    if (text.size() != 7 || text[0] != '#') return false;
    unsigned v = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = text[i];
        unsigned d;
        if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
        else return false;
        v = v * 16 + d;
    }
    out = rgb(v);
    return true;
}

Theme light_theme() {
    Theme t;
    t.background = rgb(0xffffff);
    t.surface = rgb(0xf7f8fa);
    t.border = rgb(0xe3e8ee);
    t.text = rgb(0x1a1f36);
    t.text_muted = rgb(0x5e6577);
    t.accent = rgb(0x5147e5);
    t.accent_hover = rgb(0x4338ca);
    t.accent_text = rgb(0xffffff);
    t.danger = rgb(0xc0123c);
    t.success = rgb(0x0e7a4f);
    t.skeleton = rgb(0xeceef2);
    derive_grounds(t);
    return t;
}

Theme dark_theme() {
    Theme t;
    t.dark = true;
    t.background = rgb(0x14161f);
    t.surface = rgb(0x1c1f2b);
    t.border = rgb(0x2e3345);
    t.text = rgb(0xeceef5);
    t.text_muted = rgb(0xa3a9bc);
    t.accent = rgb(0x8b85ff);
    t.accent_hover = rgb(0xa29dff);
    t.accent_text = rgb(0x14161f);
    t.danger = rgb(0xff7b93);
    t.success = rgb(0x4cd69b);
    t.skeleton = rgb(0x262a39);
    derive_grounds(t);
    return t;
}

Theme theme_from_options(const nlohmann::json& options) {
    if (!options.is_object()) return light_theme();
    auto preset = options.find("theme");
    const bool dark = preset != options.end() && preset->is_string() &&
                      preset->get_ref<const std::string&>() == "dark";
    Theme t = dark ? dark_theme() : light_theme();
    auto accent = options.find("accent");
    ImU32 c = 0;
    if (accent != options.end() && accent->is_string() &&
        parse_hex_color(accent->get_ref<const std::string&>(), c)) {
        t.accent = c;
        make_accent_readable(t);
        // Hover moves away from the button's text, so it only gains contrast.
        t.accent_hover = mix(t.accent, t.accent_text == t.background ? t.text : t.background, 0.15f);
        derive_grounds(t);
    }
    float v = 0;
    if (read_number(options, "radius", v) && v >= 0 && v <= 24) t.radius = v;
    // Accepted from 0.8 (the loader's documented range) but never smaller
    // than the sizes fonts.cpp chose for reading: 16 px body, 14 px secondary.
    if (read_number(options, "font_scale", v) && v >= 0.8f && v <= 1.5f) t.font_scale = std::max(1.0f, v);
    return t;
}

double contrast_ratio(ImU32 a, ImU32 b) {
    // Relative luminance: sRGB channels linearised, weighted by the eye.
    auto luminance = [](ImU32 c) {
        auto channel = [](unsigned v) {
            const double s = v / 255.0;
            return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 255) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 255) +
               0.0722 * channel((c >> IM_COL32_B_SHIFT) & 255);
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<TextOnGround> text_pairs(const Theme& t) {
    struct Named {
        const char* name;
        ImU32 color;
    };
    std::vector<TextOnGround> out;
    auto add = [&](const Named& ink, const Named& ground) {
        out.push_back(TextOnGround{std::string(ink.name) + " on " + ground.name, ink.color, ground.color});
    };
    const Named text{"text", t.text}, muted{"text_muted", t.text_muted}, accent{"accent", t.accent},
        danger{"danger", t.danger}, success{"success", t.success};
    // Page and panels: any ink (muted captions, links, errors, "Paid").
    for (const Named& ground : {Named{"background", t.background}, Named{"surface", t.surface}})
        for (const Named& ink : {text, muted, accent, danger, success}) add(ink, ground);
    // A checked radio row: its label and detail.
    for (const Named& ink : {text, muted}) add(ink, Named{"selected_bg", t.selected_bg});
    // Notices: the message, and the title in the notice's colour.
    add(text, Named{"info_bg", t.info_bg});
    add(text, Named{"danger_bg", t.danger_bg});
    add(danger, Named{"danger_bg", t.danger_bg});
    add(text, Named{"success_bg", t.success_bg});
    add(success, Named{"success_bg", t.success_bg});
    // The primary button (resting, hovered; disabled: muted on skeleton) and
    // the status pill.
    add(Named{"accent_text", t.accent_text}, accent);
    add(Named{"accent_text", t.accent_text}, Named{"accent_hover", t.accent_hover});
    add(muted, Named{"skeleton", t.skeleton});
    // Each invoice status's pill: the core's colours (status_pill).
    for (pw::InvoiceStatus st : {pw::InvoiceStatus::open, pw::InvoiceStatus::partially_paid,
                                 pw::InvoiceStatus::processing, pw::InvoiceStatus::paid, pw::InvoiceStatus::void_}) {
        const PillColors pill = status_pill(t, st);
        const std::string name = std::string(pw::status_id(st)) + " pill";
        out.push_back(TextOnGround{name, pill.text, pill.background});
    }
    return out;
}

void apply_to_style(const Theme& t, ImGuiStyle& s) {
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(0, 0);
    s.WindowBorderSize = 0;
    s.WindowRounding = 0;
    s.FrameRounding = t.radius;
    s.FramePadding = ImVec2(12, 10);
    s.ItemSpacing = ImVec2(8, 0);  // the screens space themselves
    s.ScrollbarSize = 0;
    s.AntiAliasedLines = true;
    s.AntiAliasedFill = true;
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(t.text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(t.text_muted);
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(t.background);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(t.border);
    c[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(t.background);
    c[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(t.accent);
    c[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(t.accent_hover);
    c[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(t.accent_hover);
    c[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(t.accent);
}

}  // namespace pwui
