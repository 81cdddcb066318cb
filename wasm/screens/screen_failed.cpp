// A payment that did not complete for a reason other than a decline:
//   no_response / not_processed: the outcome is unknown or the server asked
//     to come back; "Retry" resends the SAME request with the SAME
//     Idempotency-Key (the checkout does that), so the payer is never
//     charged twice; inputs stay locked meanwhile;
//   processing_error: the processor failed; "Try again" is a new attempt;
//   rejected: the server refused the request; back to the form.
#include <string>

#include "imgui.h"
#include "paywidget/decline.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

void draw_failed(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.view) return;
    const char* title = "widget.failed_title";
    const char* retry = "widget.try_again";
    switch (s.failure) {
        case pw::FailureKind::no_response:
            title = "widget.failed_no_response";
            retry = "widget.retry";
            break;
        case pw::FailureKind::not_processed:
            title = "widget.failed_not_processed";
            retry = "widget.retry";
            break;
        case pw::FailureKind::processing_error: title = "widget.failed_processing"; break;
        default: break;
    }
    // A processor failure carries the decline's code: said as a decline.
    const bool bank = s.method && s.method->kind == pw::ChoiceKind::bank_debit;
    std::string message =
        s.failure == pw::FailureKind::processing_error && !s.failure_error.code.empty()
            ? pw::decline_text(ui.fmt.locale(), s.failure_error.code,
                               bank ? pw::MethodType::bank_debit : pw::MethodType::card)
            : ui.fmt.error(pw::Error{s.failure_error.code, "", s.failure_error.message});
    if (message.empty()) message = ui.fmt.t("widget.try_again_later");

    draw_step_header(ui, checkout);
    gap(ui, 24);
    notice(ui, "failure", NoticeKind::danger, ui.fmt.t(title), message);
    gap(ui, 20);
    draw_amount_summary(ui, checkout);
    gap(ui, 24);
    if (checkout.can_retry()) {
        if (button(ui, "retry", ui.fmt.t(retry), ButtonKind::primary)) ui.out.events.push_back(pw::ev::Retry{});
        gap(ui, 12);
    }
    if (checkout.can_go_back()) {
        if (button(ui, "back-to-details", ui.fmt.t("widget.change_details"), ButtonKind::secondary))
            ui.out.events.push_back(pw::ev::Back{});
        gap(ui, 12);
    }
    if (s.failure == pw::FailureKind::no_response || s.failure == pw::FailureKind::not_processed) {
        text(ui, ui.fonts.small, ui.theme.text_muted, ui.fmt.t("widget.retry_safe"), Align::center, "retry-safe");
    }
    gap(ui, 28);
    divider(ui);
    gap(ui, 20);
    draw_contact(ui, s.view->invoice.practitioner, ui.fmt.t("widget.need_help"));
}

}  // namespace pwui
