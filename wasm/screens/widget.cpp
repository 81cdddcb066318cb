// See widget.hpp.
#include "widget.hpp"

#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "screens.hpp"

namespace pwui {

float draw_widget(const pw::Checkout& checkout, const Theme& theme, const Fonts& fonts, const Layout& layout,
                  ScreenState& screens, FrameOutput& out) {
    const ImGuiIO& io = ImGui::GetIO();
    // The blocks in ui.cpp space themselves: no implicit item spacing or
    // window padding, whatever the style says.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("paywidget", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBackground |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav);

    // The column: 20 px gutters on phones, 24 px from 400 px, never wider
    // than max_content, centered.
    const float gutter = layout.display_width < 400 ? 20.0f : 24.0f;
    const float width = std::min(layout.max_content, layout.display_width - 2 * gutter);
    const float left = std::floor((layout.display_width - width) * 0.5f);
    Ui ui{theme, fonts, a11y_mirror(), text_inputs(), locale_format(), out, left, width, layout.receipt_base,
          theme.background};
    drawn_text().begin_frame();

    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    gap(ui, gutter);
    const pw::CheckoutState& s = checkout.state();
    switch (s.stage) {
        case pw::Stage::loading: draw_loading(ui); break;
        case pw::Stage::review: draw_review(ui, checkout); break;
        case pw::Stage::nothing_due: draw_nothing_due(ui, checkout); break;
        case pw::Stage::login_required: draw_login_required(ui, checkout); break;
        case pw::Stage::link_expired:
        case pw::Stage::link_revoked:
        case pw::Stage::link_unknown:
        case pw::Stage::load_failed: draw_link_problem(ui, checkout); break;
        case pw::Stage::amount: draw_amount(ui, checkout, screens.amount); break;
        case pw::Stage::method: draw_method(ui, checkout, screens.method); break;
        case pw::Stage::details:
        case pw::Stage::submitting:
        case pw::Stage::declined: draw_details(ui, checkout); break;
        case pw::Stage::succeeded: draw_succeeded(ui, checkout); break;
        case pw::Stage::failed: draw_failed(ui, checkout); break;
    }
    gap(ui, gutter);
    const float height = std::ceil(cursor_y());
    ImGui::End();
    ImGui::PopStyleVar(3);
    return height;
}

}  // namespace pwui
