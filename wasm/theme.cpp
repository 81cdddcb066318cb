// See theme.hpp. Colors chosen for WCAG AA contrast of text on background
// (muted text included) in both presets.
#include "theme.hpp"

#include <cstdlib>
#include <string>

#include "paywidget/status_colors.hpp"

namespace pwui {

namespace {
constexpr ImU32 rgb(unsigned v) { return IM_COL32((v >> 16) & 255, (v >> 8) & 255, v & 255, 255); }

ImU32 mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1.0f));
}

// A number from JSON or from a string ("8", "1.25"); false when neither.
bool read_number(const nlohmann::json& options, const char* key, float& out) {
    auto it = options.find(key);
    if (it == options.end()) return false;
    if (it->is_number()) {
        out = it->get<float>();
        return true;
    }
    if (!it->is_string()) return false;
    const std::string& s = it->get_ref<const std::string&>();
    if (s.empty() || s.size() > 16) return false;
    char* end = nullptr;
    out = std::strtof(s.c_str(), &end);
    return end && *end == '\0';
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
    t.badge_bg = rgb(0xeef0ff);
    t.badge_text = rgb(0x3c33b8);
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
    t.badge_bg = rgb(0x2a2850);
    t.badge_text = rgb(0xc9c6ff);
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
        t.accent_hover = mix(c, dark ? IM_COL32_WHITE : IM_COL32_BLACK, 0.15f);
        t.badge_bg = mix(c, t.background, 0.88f);
        t.badge_text = mix(c, t.text, 0.35f);
    }
    float v = 0;
    if (read_number(options, "radius", v) && v >= 0 && v <= 24) t.radius = v;
    if (read_number(options, "font_scale", v) && v >= 0.8f && v <= 1.5f) t.font_scale = v;
    return t;
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
