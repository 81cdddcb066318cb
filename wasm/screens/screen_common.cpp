// Pieces several screens share: the invoice header and the contact block.
#include <string>

#include "imgui.h"
#include "screens.hpp"

namespace pwui {

std::string status_label(const Ui& ui, pw::InvoiceStatus s) {
    switch (s) {
        case pw::InvoiceStatus::open: return ui.fmt.t("status.open");
        case pw::InvoiceStatus::partially_paid: return ui.fmt.t("status.partially_paid");
        case pw::InvoiceStatus::processing: return ui.fmt.t("status.processing");
        case pw::InvoiceStatus::paid: return ui.fmt.t("status.paid");
        case pw::InvoiceStatus::void_: return ui.fmt.t("status.void");
    }
    return ui.fmt.t("status.open");
}

void draw_invoice_header(Ui& ui, const pw::Invoice& inv) {
    const Theme& t = ui.theme;
    // The status pill sits at the right of the practitioner's name; the name
    // wraps before reaching it.
    const std::string status = status_label(ui, inv.status);
    // One colour per status, the pages' too (pw::status_colors).
    const PillColors pill = status_pill(t, inv.status);
    ImGui::PushFont(ui.fonts.small);
    const float badge_w = ImGui::CalcTextSize(status.c_str()).x + 16;
    ImGui::PopFont();
    const float top = cursor_y();
    const float saved = ui.width;
    ui.width -= badge_w + 12;
    heading(ui, "practitioner", ui.fonts.strong, inv.practitioner.name, 1);
    ui.width = saved;
    badge(ui, ImVec2(ui.left + ui.width - badge_w, top - 4), status, pill.background, pill.text);
    ui.a11y.add(A11yItem{"status", Role::text, ui.fmt.t("widget.status_name", {{"status", status}}), "",
                         Rect{ui.left + ui.width - badge_w, top - 4, badge_w, 22}});
    gap(ui, 6);
    text(ui, ui.fonts.small, t.text_muted,
         ui.fmt.t("widget.invoice_line", {{"number", inv.number}, {"date", ui.fmt.date(inv.issue_date)}}), Align::left,
         "invoice-number");
}

void draw_contact(Ui& ui, const pw::Contact& who, const std::string& intro) {
    const Theme& t = ui.theme;
    text(ui, ui.fonts.small, t.text_muted, intro, Align::left, "contact-intro");
    gap(ui, 6);
    text(ui, ui.fonts.body, t.text, who.name, Align::left, "contact-name");
    if (!who.email.empty()) {
        gap(ui, 6);
        link(ui, "contact-email", who.email, "mailto:" + who.email, ui.fonts.body);
    }
    if (!who.phone.empty()) {
        std::string tel;
        for (char c : who.phone)
            if ((c >= '0' && c <= '9') || c == '+') tel += c;
        gap(ui, 6);
        link(ui, "contact-phone", who.phone, "tel:" + tel, ui.fonts.body);
    }
}

}  // namespace pwui
