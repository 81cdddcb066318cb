// See ui_form.hpp.
#include "ui_form.hpp"

#include <algorithm>
#include <cmath>

#include "imgui.h"

namespace pwui {

namespace {
ImDrawList* dl() { return ImGui::GetWindowDrawList(); }

// Moves the cursor to the column's left at `y` (blocks position themselves).
void move_to(float y) { ImGui::SetCursorScreenPos(ImVec2(0, y)); }

ImU32 with_alpha(ImU32 c, int alpha) {
    return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

constexpr float kFieldHeight = 44;
}  // namespace

void text_field(Ui& ui, const TextFieldSpec& spec, const FieldLook& look) {
    const Theme& t = ui.theme;
    // The visible label is the input's accessible name (spec.label): one
    // string, so the name always contains what the payer reads.
    text(ui, ui.fonts.small, t.text, spec.label, Align::left, "", spec.id);
    gap(ui, 6);
    const float y = cursor_y();
    const bool focused = ui.inputs.focused(spec.id);
    const bool invalid = !look.error.empty();
    const ImVec2 a(ui.left, y), b(ui.left + ui.width, y + kFieldHeight);
    dl()->AddRectFilled(a, b, look.locked ? t.surface : t.background, t.radius);
    const ImU32 edge = invalid ? t.danger : (focused ? t.accent : t.border);
    dl()->AddRect(a, b, edge, t.radius, 0, focused ? 2.0f : (invalid ? 1.5f : 1.0f));
    float input_w = ui.width;
    if (!look.adornment.empty()) {
        ImGui::PushFont(ui.fonts.small);
        const ImVec2 ts = ImGui::CalcTextSize(look.adornment.c_str());
        ImGui::PopFont();
        const float x = std::floor(ui.left + ui.width - 12 - ts.x);
        draw_text(ui, ui.fonts.small, ImVec2(x, std::floor(y + (kFieldHeight - ts.y) * 0.5f)), t.text_muted,
                  look.adornment, 0, look.locked ? t.surface : t.background);
        input_w = std::max(60.0f, x - 8 - ui.left);
        // Screen readers get it too ("Card number: Visa"): the brand the
        // digits tell decides the security code's length.
        ui.a11y.add(A11yItem{spec.id + "-adornment", Role::text, ui.fmt.t("widget.label_value", {{"label", spec.label}, {"value", look.adornment}}), "",
                             Rect{x, y, ts.x, kFieldHeight}});
    }
    ui.inputs.place(spec, Rect{ui.left, y, input_w, kFieldHeight}, look.locked, invalid);
    gap(ui, kFieldHeight);
    if (invalid) {
        gap(ui, 6);
        text(ui, ui.fonts.small, t.danger, look.error, Align::left, spec.id + "-error");
    } else if (!look.hint.empty()) {
        gap(ui, 6);
        text(ui, ui.fonts.small, t.text_muted, look.hint, Align::left, spec.id + "-hint");
    }
}

void two_columns(Ui& ui, const std::function<void(Ui&)>& left, const std::function<void(Ui&)>& right) {
    const float top = cursor_y();
    const float saved_left = ui.left, saved_width = ui.width;
    const float half = std::floor((saved_width - 12) * 0.5f);
    ui.width = half;
    left(ui);
    const float bottom_left = cursor_y();
    move_to(top);
    ui.left = saved_left + saved_width - half;
    right(ui);
    const float bottom = std::max(bottom_left, cursor_y());
    ui.left = saved_left;
    ui.width = saved_width;
    move_to(bottom);
}

bool radio_row(Ui& ui, const std::string& id, const std::string& group, std::string_view label,
               std::string_view detail, bool checked, bool enabled) {
    const Theme& t = ui.theme;
    ImFont* label_font = checked ? ui.fonts.strong : ui.fonts.body;
    ImGui::PushFont(ui.fonts.body);
    const ImVec2 ds = detail.empty() ? ImVec2(0, 0) : ImGui::CalcTextSize(detail.data(), detail.data() + detail.size());
    ImGui::PopFont();
    // The label wraps beside the detail when a translation is long.
    const float wrap = ui.width - 46 - 16 - (detail.empty() ? 0 : ds.x + 12);
    ImGui::PushFont(label_font);
    const ImVec2 ls = ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, wrap);
    ImGui::PopFont();
    const float h = std::max(52.0f, ls.y + 24);
    const float y = cursor_y();
    ImGui::SetCursorScreenPos(ImVec2(ui.left, y));
    const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(ui.width, h)) && enabled;
    const bool hovered = enabled && ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 a(ui.left, y), b(ui.left + ui.width, y + h);
    const ImU32 ground = checked ? t.selected_bg : (hovered ? t.surface : t.background);
    dl()->AddRectFilled(a, b, ground, t.radius);
    dl()->AddRect(a, b, checked ? t.accent : t.border, t.radius, 0, checked ? 1.5f : 1.0f);
    const ImVec2 c(ui.left + 25, y + h * 0.5f);
    dl()->AddCircle(c, 9, checked ? t.accent : t.text_muted, 24, 1.5f);
    if (checked) dl()->AddCircleFilled(c, 4.5f, t.accent, 16);

    const ImU32 fg = enabled ? t.text : t.text_muted;
    draw_text(ui, label_font, ImVec2(ui.left + 46, std::floor(y + (h - ls.y) * 0.5f)), fg, label, wrap, ground, id);
    if (!detail.empty())
        draw_text(ui, ui.fonts.body,
                  ImVec2(std::floor(ui.left + ui.width - 16 - ds.x), std::floor(y + (h - ds.y) * 0.5f)), t.text_muted,
                  detail, 0, ground, id);
    move_to(y + h);
    std::string name(label);
    if (!detail.empty()) name = ui.fmt.t("widget.label_detail", {{"label", name}, {"detail", std::string(detail)}});
    A11yItem item{id, Role::radio, name, group, Rect{a.x, a.y, ui.width, h}};
    item.checked = checked;
    item.disabled = !enabled;
    ui.a11y.add(std::move(item));
    const bool activated = ui.a11y.take_activation(id) && enabled;
    return clicked || activated;
}

bool checkbox(Ui& ui, const std::string& id, std::string_view label, bool checked, bool enabled) {
    const Theme& t = ui.theme;
    const float box = 18, indent = 30;
    const float y = cursor_y();
    ImGui::PushFont(ui.fonts.body);
    const float line_h = ImGui::GetFontSize();
    const ImVec2 ls =
        ImGui::CalcTextSize(label.data(), label.data() + label.size(), false, ui.width - indent);
    ImGui::PopFont();
    const float h = std::max(kMinTarget, ls.y);
    ImGui::SetCursorScreenPos(ImVec2(ui.left, y));
    const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(ui.width, h)) && enabled;
    const bool hovered = enabled && ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    // A one-line label is centred in the target; the box sits on the
    // label's first line.
    const float ty = y + std::max(0.0f, (h - ls.y) * 0.5f);
    const float by = std::floor(ty + (line_h - box) * 0.5f);
    const ImVec2 a(ui.left, by), b(ui.left + box, by + box);
    const float r = std::min(t.radius * 0.5f, 5.0f);
    if (checked) {
        dl()->AddRectFilled(a, b, enabled ? t.accent : t.text_muted, r);
        const ImVec2 pts[3] = {ImVec2(a.x + 4.5f, a.y + 9.5f), ImVec2(a.x + 7.8f, a.y + 12.8f),
                               ImVec2(a.x + 13.5f, a.y + 5.5f)};
        dl()->AddPolyline(pts, 3, t.accent_text, 0, 2.0f);
    } else {
        dl()->AddRectFilled(a, b, t.background, r);
        dl()->AddRect(a, b, hovered ? t.accent : t.text_muted, r, 0, 1.5f);
    }
    draw_text(ui, ui.fonts.body, ImVec2(ui.left + indent, ty), enabled ? t.text : t.text_muted, label,
              ui.width - indent, 0, id);
    move_to(y + h);
    A11yItem item{id, Role::checkbox, std::string(label), "", Rect{ui.left, y, ui.width, h}};
    item.checked = checked;
    item.disabled = !enabled;
    ui.a11y.add(std::move(item));
    const bool activated = ui.a11y.take_activation(id) && enabled;
    return clicked || activated;
}

void notice(Ui& ui, const std::string& id, NoticeKind kind, std::string_view title, std::string_view message) {
    const Theme& t = ui.theme;
    const ImU32 color = kind == NoticeKind::danger ? t.danger : kind == NoticeKind::success ? t.success : t.accent;
    const ImU32 ground = kind == NoticeKind::danger ? t.danger_bg : kind == NoticeKind::success ? t.success_bg : t.info_bg;
    const ImU32 saved_ground = ui.ground;
    ui.ground = ground;
    const float top = cursor_y();
    const float pad = 14, edge = 4;
    const float saved_left = ui.left, saved_width = ui.width;
    dl()->ChannelsSplit(2);
    dl()->ChannelsSetCurrent(1);
    ui.left += pad + edge;
    ui.width -= 2 * pad + edge;
    gap(ui, pad);
    if (!title.empty()) {
        text(ui, ui.fonts.strong, kind == NoticeKind::info ? t.text : color, title);
        if (!message.empty()) gap(ui, 4);
    }
    if (!message.empty()) text(ui, ui.fonts.body, t.text, message);
    gap(ui, pad);
    const float bottom = cursor_y();
    ui.left = saved_left;
    ui.width = saved_width;
    ui.ground = saved_ground;
    dl()->ChannelsSetCurrent(0);
    dl()->AddRectFilled(ImVec2(ui.left, top), ImVec2(ui.left + ui.width, bottom), ground, t.radius);
    dl()->AddRectFilled(ImVec2(ui.left, top), ImVec2(ui.left + edge, bottom), color, t.radius,
                        ImDrawFlags_RoundCornersLeft);
    dl()->ChannelsMerge();
    std::string name(title);
    if (!message.empty()) name += (name.empty() ? "" : " ") + std::string(message);
    ui.a11y.add(A11yItem{id, Role::text, name, "", Rect{ui.left, top, ui.width, bottom - top}});
}

bool back_link(Ui& ui, bool enabled) {
    const Theme& t = ui.theme;
    // The arrow is decoration; the label (and the accessible name) is "Back".
    static const char* kArrow = "\xE2\x86\x90 ";
    const std::string label = ui.fmt.t("widget.back");
    ImGui::PushFont(ui.fonts.body);
    const float arrow_w = ImGui::CalcTextSize(kArrow).x;
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    ts.x += arrow_w;
    ImGui::PopFont();
    const float y = cursor_y();
    // A taller hit area than the text: a comfortable tap target.
    const float h = std::max(ts.y, 28.0f);
    ImGui::SetCursorScreenPos(ImVec2(ui.left - 4, y));
    const bool clicked = ImGui::InvisibleButton("##back", ImVec2(ts.x + 8, h)) && enabled;
    const bool hovered = enabled && ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const float ty = std::floor(y + (h - ts.y) * 0.5f);
    const ImU32 fg = enabled ? t.accent : t.text_muted;
    draw_text(ui, ui.fonts.body, ImVec2(ui.left, ty), fg, kArrow);
    draw_text(ui, ui.fonts.body, ImVec2(ui.left + arrow_w, ty), fg, label, 0, 0, "back");
    if (hovered) dl()->AddRectFilled(ImVec2(ui.left, ty + ts.y), ImVec2(ui.left + ts.x, ty + ts.y + 1), t.accent);
    move_to(y + h);
    A11yItem item{"back", Role::button, label, "", Rect{ui.left - 4, y, ts.x + 8, h}};
    item.disabled = !enabled;
    ui.a11y.add(std::move(item));
    const bool activated = ui.a11y.take_activation("back") && enabled;
    return clicked || activated;
}

void busy_button(Ui& ui, const std::string& id, std::string_view label) {
    const Theme& t = ui.theme;
    const float h = kPrimaryHeight;
    const float y = cursor_y();
    const ImVec2 a(ui.left, y), b(ui.left + ui.width, y + h);
    dl()->AddRectFilled(a, b, t.accent, t.radius);
    ImGui::PushFont(ui.fonts.strong);
    const ImVec2 ts = ImGui::CalcTextSize(label.data(), label.data() + label.size());
    ImGui::PopFont();
    const float spinner = 16, spacing = 10;
    const float x0 = std::floor(ui.left + (ui.width - ts.x - spinner - spacing) * 0.5f);
    const ImVec2 c(x0 + spinner * 0.5f, y + h * 0.5f);
    const float angle = static_cast<float>(ImGui::GetTime()) * 6.0f;
    dl()->AddCircle(c, spinner * 0.5f, with_alpha(t.accent_text, 70), 24, 2.0f);
    dl()->PathArcTo(c, spinner * 0.5f, angle, angle + 4.2f, 20);
    dl()->PathStroke(t.accent_text, 0, 2.0f);
    draw_text(ui, ui.fonts.strong, ImVec2(x0 + spinner + spacing, std::floor(y + (h - ts.y) * 0.5f)), t.accent_text,
              label, 0, t.accent, id);
    move_to(y + h);
    A11yItem item{id, Role::button, std::string(label), "", Rect{a.x, a.y, ui.width, h}};
    item.disabled = true;
    item.primary = true;
    ui.a11y.add(std::move(item));
}

void success_mark(Ui& ui, float size) {
    const Theme& t = ui.theme;
    const float y = cursor_y();
    const ImVec2 c(ui.left + size * 0.5f, y + size * 0.5f);
    dl()->AddCircleFilled(c, size * 0.5f, t.success, 32);
    const float s = size / 48.0f;
    const ImVec2 pts[3] = {ImVec2(c.x - 10 * s, c.y + 1 * s), ImVec2(c.x - 3 * s, c.y + 8 * s),
                           ImVec2(c.x + 11 * s, c.y - 7 * s)};
    dl()->AddPolyline(pts, 3, t.dark ? t.background : IM_COL32_WHITE, 0, 3.5f * s);
    move_to(y + size);
}

}  // namespace pwui
