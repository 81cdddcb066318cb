// The method step: saved cards (portal sessions only; the core drops them
// for a link), a new card, and one row per accepted bank scheme, as radios;
// Continue sends ev::ChooseMethod. The list comes from
// Checkout::method_options(), never from the invoice directly.
#include <optional>
#include <string>

#include "imgui.h"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

namespace {

std::string row_id(const pw::MethodChoice& c) {
    switch (c.kind) {
        case pw::ChoiceKind::saved_card: return "method-saved-" + c.saved_id;
        case pw::ChoiceKind::new_card: return "method-card";
        case pw::ChoiceKind::bank_debit: return "method-" + std::string(pw::scheme_id(c.scheme));
    }
    return "method";
}

const pw::SavedMethod* find_saved(const pw::LinkView& v, const std::string& id) {
    for (const pw::SavedMethod& m : v.saved_methods)
        if (m.id == id) return &m;
    return nullptr;
}
}  // namespace

// `memory.selected` (screen_state.hpp): the highlighted row before Continue.
void draw_method(Ui& ui, const pw::Checkout& checkout, MethodScreenState& memory) {
    std::optional<pw::MethodChoice>& selected = memory.selected;
    const pw::CheckoutState& s = checkout.state();
    if (!s.view) return;
    const Theme& t = ui.theme;
    const std::vector<pw::MethodChoice> options = checkout.method_options();
    bool known = false;
    for (const pw::MethodChoice& c : options)
        if (selected && c == *selected) known = true;
    if (!known) selected = s.method ? s.method : (options.empty() ? std::nullopt : std::optional(options.front()));

    draw_step_header(ui, checkout);
    gap(ui, 24);
    draw_amount_summary(ui, checkout);
    gap(ui, 24);
    heading(ui, "method-title", ui.fonts.heading, ui.fmt.t("widget.method_title"), 2);
    gap(ui, 16);

    bool any_saved = false;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const pw::MethodChoice& c = options[i];
        std::string label, detail;
        if (c.kind == pw::ChoiceKind::saved_card) {
            const pw::SavedMethod* m = find_saved(*s.view, c.saved_id);
            if (!m) continue;
            if (!any_saved) {
                text(ui, ui.fonts.small, t.text_muted, ui.fmt.t("widget.saved_cards"), Align::left, "saved-cards-title");
                gap(ui, 8);
            }
            any_saved = true;
            label = method_text(ui, m->method);
            detail = expires_text(ui, *m);
        } else if (c.kind == pw::ChoiceKind::new_card) {
            if (any_saved) {
                gap(ui, 8);
                text(ui, ui.fonts.small, t.text_muted, ui.fmt.t("widget.other_methods"), Align::left,
                     "other-methods-title");
                gap(ui, 8);
                any_saved = false;
            }
            label = ui.fmt.t("widget.new_card");
        } else {
            label = scheme_label(ui, c.scheme);
        }
        if (i) gap(ui, 10);
        if (radio_row(ui, row_id(c), "method", label, detail, selected && *selected == c)) selected = c;
    }
    if (options.empty()) {
        text(ui, ui.fonts.body, t.text_muted, ui.fmt.t("widget.no_methods"), Align::left, "no-methods");
        return;
    }
    gap(ui, 24);
    if (button(ui, "continue", ui.fmt.t("widget.continue"), ButtonKind::primary, selected.has_value()) && selected)
        ui.out.events.push_back(pw::ev::ChooseMethod{*selected});
}

}  // namespace pwui
