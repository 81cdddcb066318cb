// Colors, corner radius and font scale: a light and a dark preset, adjusted
// at run time from the embedder's options (no rebuild):
//   {"theme": "light"|"dark", "accent": "#635bff", "radius": 8, "font_scale": 1.0}
// Numbers may also arrive as strings (query parameters). Out-of-range or
// malformed values keep the preset's value.
#pragma once

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "paywidget/invoice.hpp"

namespace pwui {

struct Theme {
    bool dark = false;
    ImU32 background = 0;  // page and canvas
    ImU32 surface = 0;     // panels (line items)
    ImU32 border = 0;
    ImU32 text = 0;
    ImU32 text_muted = 0;
    ImU32 accent = 0;       // primary button, links, focus
    ImU32 accent_hover = 0;
    ImU32 accent_text = 0;  // text on the accent
    ImU32 danger = 0;
    ImU32 success = 0;
    ImU32 skeleton = 0;     // loading placeholders
    ImU32 badge_bg = 0;     // status pill
    ImU32 badge_text = 0;
    float radius = 8;       // CSS px, 0..24
    float font_scale = 1;   // 0.8..1.5
};

Theme light_theme();
Theme dark_theme();
// The preset named by options["theme"], then the overrides.
Theme theme_from_options(const nlohmann::json& options);
// The same colors for ImGui's own widgets (scrollbars, the odd default).
void apply_to_style(const Theme& theme, ImGuiStyle& style);
// The pill of an invoice status in this theme: the core's colours
// (paywidget/status_colors.hpp), the same as the pages' badges.
struct PillColors {
    ImU32 text = 0;
    ImU32 background = 0;
};
PillColors status_pill(const Theme& theme, pw::InvoiceStatus status);
// "#rrggbb" -> color with alpha `a`; false when malformed.
bool parse_hex_color(const std::string& text, ImU32& out);

}  // namespace pwui
