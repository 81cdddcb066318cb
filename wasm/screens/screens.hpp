// One function per screen (see widget.hpp for which stage draws which).
// Each draws into the column of `ui` from the cursor down.
#pragma once

#include "paywidget/checkout.hpp"
#include "screen_state.hpp"
#include "ui.hpp"

namespace pwui {

void draw_loading(Ui& ui);
void draw_review(Ui& ui, const pw::Checkout& checkout);
void draw_nothing_due(Ui& ui, const pw::Checkout& checkout);
void draw_link_problem(Ui& ui, const pw::Checkout& checkout);  // expired/revoked/unknown/load_failed
void draw_login_required(Ui& ui, const pw::Checkout& checkout);
// The payment steps (screen_amount.cpp, screen_method.cpp,
// screen_details.cpp with screen_card.cpp / screen_bank.cpp; the outcomes in
// screen_succeeded.cpp and screen_failed.cpp). The amount and method steps
// remember a little between frames (screen_state.hpp).
void draw_amount(Ui& ui, const pw::Checkout& checkout, AmountScreenState& memory);
void draw_method(Ui& ui, const pw::Checkout& checkout, MethodScreenState& memory);
// details, submitting and declined: the form (locked while submitting),
// with the decline notice above it.
void draw_details(Ui& ui, const pw::Checkout& checkout);
void draw_succeeded(Ui& ui, const pw::Checkout& checkout);
void draw_failed(Ui& ui, const pw::Checkout& checkout);

// Shared pieces.
// "Questions? Contact <name>" with mail and phone links.
void draw_contact(Ui& ui, const pw::Contact& who, const std::string& intro);
// The invoice heading block: practitioner, "Invoice INV-0042", status badge.
void draw_invoice_header(Ui& ui, const pw::Invoice& inv);
// The top of a payment step: "← Back" (when the checkout allows it) and the
// invoice header.
void draw_step_header(Ui& ui, const pw::Checkout& checkout);
// "Amount to pay ....... $51.00" (plus what remains after a partial
// payment), in a panel.
void draw_amount_summary(Ui& ui, const pw::Checkout& checkout);
// The payer's name for a bank scheme: "US bank account (ACH)", ...
std::string scheme_label(const Ui& ui, pw::BankScheme s);
// A saved card's "Expires 04/28" ("" without an expiry).
std::string expires_text(const Ui& ui, const pw::SavedMethod& m);
// A method as the payer reads it: "Visa •••• 4242", "Canadian bank account •••• 6789".
std::string method_text(const Ui& ui, const pw::MethodSummary& m);
// Card and bank forms (screen_card.cpp, screen_bank.cpp): draw the fields
// from the DOM inputs' values and emit DetailsChanged when they change.
void draw_card_form(Ui& ui, const pw::Checkout& checkout, bool locked);
void draw_bank_form(Ui& ui, const pw::Checkout& checkout, bool locked);
// Forgets what was typed into the card/bank inputs (after a payment).
void clear_payment_inputs(Ui& ui);
// Words for a status: "Open", "Partially paid", "Paid", "Void".
std::string status_label(const Ui& ui, pw::InvoiceStatus s);

}  // namespace pwui
