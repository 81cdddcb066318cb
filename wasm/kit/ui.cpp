// See ui.hpp.
#include "ui.hpp"

#include <algorithm>
#include <cmath>

#include "imgui.h"

namespace pwui {

namespace {
std::string label_id(const std::string& id) { return "##" + id; }

ImDrawList* dl() { return ImGui::GetWindowDrawList(); }

// Advances the cursor by `h` with nothing drawn (ItemSpacing.y is 0).
void advance(float h) {
    ImGui::SetCursorPosX(0);
    ImGui::Dummy(ImVec2(1, h));
}
}  // namespace

float cursor_y() { return ImGui::GetCursorScreenPos().y; }

void gap(Ui&, float px) { advance(px); }

void draw_text(Ui& ui, ImFont* font, ImVec2 pos, ImU32 color, std::string_view s, float wrap, ImU32 ground,
               const std::string& labels) {
    ImGui::PushFont(font);
    const float size = ImGui::GetFontSize();
    const char* b = s.data();
    const char* e = s.data() + s.size();
    dl()->AddText(font, size, pos, color, b, e, wrap);
    glyphs().note(s);  // a character the atlas lacks: rebuilt before this frame is shown
    DrawnTextLog& log = drawn_text();
    if (log.enabled) {
        const ImVec2 ts = ImGui::CalcTextSize(b, e, false, wrap > 0 ? wrap : -1.0f);
        log.add(DrawnText{std::string(s), color, ground ? ground : ui.ground, size, Rect{pos.x, pos.y, ts.x, ts.y},
                          labels});
    }
    ImGui::PopFont();
}

Rect text(Ui& ui, ImFont* font, ImU32 color, std::string_view s, Align align, const std::string& mirror_id,
          const std::string& labels) {
    ImGui::PushFont(font);
    const float size = ImGui::GetFontSize();
    const char* b = s.data();
    const char* e = s.data() + s.size();
    const ImVec2 measured = ImGui::CalcTextSize(b, e, false, ui.width);
    float x = ui.left;
    if (align == Align::center) x = ui.left + (ui.width - measured.x) * 0.5f;
    if (align == Align::right) x = ui.left + ui.width - measured.x;
    const float y = cursor_y();
    if (align == Align::left) {
        draw_text(ui, font, ImVec2(std::floor(x), y), color, s, ui.width, 0, labels);
    } else {
        // ImGui wraps only left-aligned: break the lines here and align each.
        const float scale = size / font->FontSize;
        float line_y = y;
        for (const char* line = b; line < e;) {
            const char* brk = font->CalcWordWrapPositionA(scale, line, e, ui.width);
            if (brk <= line) brk = line + 1;  // a single glyph wider than the column
            const float w = ImGui::CalcTextSize(line, brk).x;
            const float lx = align == Align::center ? ui.left + (ui.width - w) * 0.5f : ui.left + ui.width - w;
            draw_text(ui, font, ImVec2(std::floor(lx), line_y), color,
                      std::string_view(line, static_cast<std::size_t>(brk - line)), 0, 0, labels);
            line_y += size;
            line = brk;
            while (line < e && (*line == ' ' || *line == '\n')) ++line;
        }
    }
    ImGui::PopFont();
    advance(measured.y);
    const Rect r{x, y, measured.x, measured.y};
    if (!mirror_id.empty()) ui.a11y.add(A11yItem{mirror_id, Role::text, std::string(s), "", r});
    return r;
}

Rect heading(Ui& ui, const std::string& id, ImFont* font, std::string_view s, int level, const std::string& name) {
    const Rect r = text(ui, font, ui.theme.text, s);
    A11yItem item{id, Role::heading, name.empty() ? std::string(s) : name, "", r};
    item.level = level;
    ui.a11y.add(std::move(item));
    return r;
}

Rect value_row(Ui& ui, const std::string& id, std::string_view label, std::string_view value, ImFont* label_font,
               ImFont* value_font, ImU32 label_color, ImU32 value_color) {
    const float y = cursor_y();
    ImGui::PushFont(value_font);
    const float value_size = ImGui::GetFontSize();
    const ImVec2 vs = ImGui::CalcTextSize(value.data(), value.data() + value.size());
    ImGui::PopFont();
    ImGui::PushFont(label_font);
    const float label_size = ImGui::GetFontSize();
    const float label_width = std::max(40.0f, ui.width - vs.x - 16);
    const ImVec2 ls = ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, label_width);
    ImGui::PopFont();
    // Baselines agree when the faces differ in size: align bottoms of line 1.
    const float line = std::max(label_size, value_size);
    draw_text(ui, label_font, ImVec2(ui.left, y + (line - label_size)), label_color, label, label_width);
    draw_text(ui, value_font, ImVec2(std::floor(ui.left + ui.width - vs.x), y + (line - value_size)), value_color,
              value);
    const float h = std::max(ls.y + (line - label_size), line);
    advance(h);
    const Rect r{ui.left, y, ui.width, h};
    ui.a11y.add(A11yItem{id, Role::text, ui.fmt.t("widget.label_value", {{"label", std::string(label)}, {"value", std::string(value)}}), "",
                         r});
    return r;
}

void divider(Ui& ui) {
    const float y = cursor_y();
    dl()->AddRectFilled(ImVec2(ui.left, y), ImVec2(ui.left + ui.width, y + 1), ui.theme.border);
    advance(1);
}

bool button(Ui& ui, const std::string& id, std::string_view label, ButtonKind kind, bool enabled,
            const std::string& described_by) {
    const Theme& t = ui.theme;
    // One size and one rhythm for every button; a label longer than one
    // line (a long translation on a phone) wraps and the button grows.
    constexpr float kPadX = 16, kPadY = 12;
    const float wrap = ui.width - 2 * kPadX;
    ImGui::PushFont(ui.fonts.strong);
    const ImVec2 one_line = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    const bool wraps = one_line.x > wrap;
    const ImVec2 ts = wraps ? ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, wrap) : one_line;
    ImGui::PopFont();
    const float h = std::max(kPrimaryHeight, ts.y + 2 * kPadY);
    const float y = cursor_y();
    ImGui::SetCursorScreenPos(ImVec2(ui.left, y));
    const bool clicked = ImGui::InvisibleButton(label_id(id).c_str(), ImVec2(ui.width, h)) && enabled;
    const bool hovered = enabled && ImGui::IsItemHovered();
    const bool held = enabled && ImGui::IsItemActive();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 a(ui.left, y), b(ui.left + ui.width, y + h);
    ImU32 bg, fg, border = 0;
    if (kind == ButtonKind::primary) {
        bg = enabled ? (hovered || held ? t.accent_hover : t.accent) : t.skeleton;
        fg = enabled ? t.accent_text : t.text_muted;
    } else {
        bg = hovered || held ? t.surface : t.background;
        fg = enabled ? t.text : t.text_muted;
        border = t.border;
    }
    dl()->AddRectFilled(a, b, bg, t.radius);
    if (border) dl()->AddRect(a, b, border, t.radius, 0, 1.0f);
    draw_text(ui, ui.fonts.strong,
              ImVec2(wraps ? ui.left + kPadX : std::floor(ui.left + (ui.width - ts.x) * 0.5f),
                     std::floor(y + (h - ts.y) * 0.5f)),
              fg, label, wraps ? wrap : 0, bg, id);
    ImGui::SetCursorScreenPos(ImVec2(0, y + h));
    A11yItem item{id, Role::button, std::string(label), described_by, Rect{a.x, a.y, ui.width, h}};
    item.disabled = !enabled;
    item.primary = kind == ButtonKind::primary;
    ui.a11y.add(std::move(item));
    const bool activated = ui.a11y.take_activation(id) && enabled;
    return clicked || activated;
}

Rect link(Ui& ui, const std::string& id, std::string_view label, const std::string& href, ImFont* font,
          Align align, bool new_tab) {
    ImGui::PushFont(font);
    const ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    ImGui::PopFont();
    // The target: the text, grown to at least kMinTarget each way.
    const ImVec2 box(std::max(ts.x, kMinTarget), std::max(ts.y, kMinTarget));
    float x = ui.left;
    if (align == Align::center) x = ui.left + (ui.width - box.x) * 0.5f;
    if (align == Align::right) x = ui.left + ui.width - box.x;
    x = std::floor(x);
    const float y = cursor_y();
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    const bool clicked = ImGui::InvisibleButton(label_id(id).c_str(), box);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const float tx = std::floor(x + (box.x - ts.x) * 0.5f), ty = std::floor(y + (box.y - ts.y) * 0.5f);
    draw_text(ui, font, ImVec2(tx, ty), ui.theme.accent, label, 0, 0, id);
    if (hovered) dl()->AddRectFilled(ImVec2(tx, ty + ts.y), ImVec2(tx + ts.x, ty + ts.y + 1), ui.theme.accent);
    // mailto:/tel: open through the DOM link's own default action; a canvas
    // click on them is handed to the page the same way as a path.
    if (clicked) {
        ui.out.navigate_to = href;
        ui.out.new_tab = new_tab;
    }
    ImGui::SetCursorScreenPos(ImVec2(0, y + box.y));
    const Rect r{x, y, box.x, box.y};
    A11yItem item{id, Role::link, std::string(label), href, r};
    item.new_tab = new_tab;
    ui.a11y.add(std::move(item));
    return r;
}

ImVec2 badge(Ui& ui, ImVec2 pos, std::string_view label, ImU32 bg, ImU32 fg) {
    ImGui::PushFont(ui.fonts.small);
    const ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    ImGui::PopFont();
    const ImVec2 box(std::floor(ts.x + 16), std::floor(ts.y + 8));
    dl()->AddRectFilled(pos, ImVec2(pos.x + box.x, pos.y + box.y), bg, box.y * 0.5f);
    draw_text(ui, ui.fonts.small, ImVec2(pos.x + 8, pos.y + 4), fg, label, 0, bg);
    return box;
}

void skeleton_bar(Ui& ui, float width, float height) {
    const float y = cursor_y();
    dl()->AddRectFilled(ImVec2(ui.left, y), ImVec2(ui.left + width, y + height), ui.theme.skeleton,
                        std::min(ui.theme.radius, height * 0.5f));
    advance(height);
}

Panel panel_begin(Ui& ui, float padding) {
    Panel p;
    p.top = cursor_y();
    p.padding = padding;
    p.saved_left = ui.left;
    p.saved_width = ui.width;
    p.saved_ground = ui.ground;
    ui.ground = ui.theme.surface;
    // Content goes on channel 1; the surface is drawn on channel 0 once the
    // height is known.
    dl()->ChannelsSplit(2);
    dl()->ChannelsSetCurrent(1);
    ui.left += padding;
    ui.width -= 2 * padding;
    advance(padding);
    return p;
}

void panel_end(Ui& ui, const Panel& p) {
    advance(p.padding);
    const float bottom = cursor_y();
    ui.left = p.saved_left;
    ui.width = p.saved_width;
    ui.ground = p.saved_ground;
    dl()->ChannelsSetCurrent(0);
    const ImVec2 a(ui.left, p.top), b(ui.left + ui.width, bottom);
    dl()->AddRectFilled(a, b, ui.theme.surface, ui.theme.radius);
    dl()->AddRect(a, b, ui.theme.border, ui.theme.radius, 0, 1.0f);
    dl()->ChannelsMerge();
}

}  // namespace pwui
