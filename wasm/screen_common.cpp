// Pieces several screens share: the invoice header and the contact block.
#include <string>

#include "imgui.h"
#include "screens.hpp"

namespace pwui {

const char* status_label(pw::InvoiceStatus s) {
    switch (s) {
        case pw::InvoiceStatus::open: return "Open";
        case pw::InvoiceStatus::partially_paid: return "Partially paid";
        case pw::InvoiceStatus::processing: return "Processing";
        case pw::InvoiceStatus::paid: return "Paid";
        case pw::InvoiceStatus::void_: return "Void";
    }
    return "Open";
}

void draw_invoice_header(Ui& ui, const pw::Invoice& inv) {
    const Theme& t = ui.theme;
    // The status pill sits at the right of the practitioner's name; the name
    // wraps before reaching it.
    const char* status = status_label(inv.status);
    // One colour per status, the pages' too (pw::status_colors).
    const PillColors pill = status_pill(t, inv.status);
    ImGui::PushFont(ui.fonts.small);
    const float badge_w = ImGui::CalcTextSize(status).x + 16;
    ImGui::PopFont();
    const float top = cursor_y();
    const float saved = ui.width;
    ui.width -= badge_w + 12;
    heading(ui, "practitioner", ui.fonts.strong, inv.practitioner.name, 1);
    ui.width = saved;
    badge(ui, ImVec2(ui.left + ui.width - badge_w, top - 4), status, pill.background, pill.text);
    ui.a11y.add(A11yItem{"status", Role::text, std::string("Status: ") + status, "",
                         Rect{ui.left + ui.width - badge_w, top - 4, badge_w, 22}});
    gap(ui, 6);
    text(ui, ui.fonts.small, t.text_muted,
         "Invoice " + inv.number + "  \xC2\xB7  Issued " + ui.fmt.date(inv.issue_date), Align::left, "invoice-number");
}

void draw_contact(Ui& ui, const pw::Contact& who, const char* intro) {
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
