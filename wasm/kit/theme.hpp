// Colors, corner radius and font scale: a light and a dark preset, adjusted
// at run time from the embedder's options (no rebuild):
//   {"theme": "light"|"dark", "accent": "#635bff", "radius": 8, "font_scale": 1.0}
// Numbers may also arrive as strings (query parameters). Out-of-range or
// malformed values keep the preset's value.
//
// Readability is not an option: every text colour the screens draw meets
// WCAG AA (4.5:1) on the ground it is drawn on, and text is never smaller
// than 14 CSS px. The pairs are listed once, in text_pairs(); an accent that
// would break them is darkened (or lightened) until it does not, and a
// font_scale below 1 draws at 1.
#pragma once

#include <string>
#include <vector>

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
    // Tinted grounds, opaque (the tint over the background): a checked
    // radio row and the three kinds of notice.
    ImU32 selected_bg = 0;
    ImU32 info_bg = 0;
    ImU32 danger_bg = 0;
    ImU32 success_bg = 0;
    float radius = 8;       // CSS px, 0..24
    float font_scale = 1;   // 1..1.5 (0.8..1 is accepted and drawn at 1)
};

// A text colour and the ground it is drawn on.
struct TextOnGround {
    std::string name;  // "text_muted on surface": for test messages
    ImU32 text = 0;
    ImU32 ground = 0;
};
// Every text colour on every ground the screens draw it on: the widget's
// contrast contract (tests/widget/test_readability.cpp checks each pair and
// that no screen draws a pair outside this list).
std::vector<TextOnGround> text_pairs(const Theme& theme);
// WCAG 2.x contrast ratio of two opaque colours, 1 (none) to 21.
double contrast_ratio(ImU32 a, ImU32 b);
// The smallest contrast text may have on its ground (WCAG AA, normal text).
constexpr double kMinTextContrast = 4.5;

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
