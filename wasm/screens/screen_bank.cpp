// The bank debit form for the chosen scheme: the account holder, then ACH
// (routing number, account number, checking/savings), PAD (transit and
// institution numbers, account number) or SEPA (IBAN); then the debit
// authorization text from the API and the "I authorize" checkbox the payer
// must tick. Checks are the core's (bank_debit.hpp); the result goes to the
// checkout with ev::DetailsChanged, which also requires the mandate.
#include <string>

#include "imgui.h"
#include "paywidget/bank_debit.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

namespace {

template <class R>
pw::Error error_of(const R& r) {
    return r.ok() ? pw::Error{} : r.error;
}

// The message under a field once the payer has left it (never while typing:
// every one of these numbers is a prefix of a valid one until it is long
// enough), or the server's when it named this field.
std::string field_error(Ui& ui, const std::string& id, const pw::Error& local, const pw::CheckoutState& s) {
    if (local) return ui.inputs.focused(id) || ui.inputs.value(id).empty() ? std::string() : ui.fmt.error(local);
    if (s.details_error && s.details_error.field == id) return ui.fmt.error(s.details_error);
    return {};
}

void field(Ui& ui, const pw::CheckoutState& s, const TextFieldSpec& spec, const pw::Error& local, bool locked,
           const std::string& hint = "") {
    FieldLook look;
    look.locked = locked;
    look.hint = hint;
    look.error = field_error(ui, spec.id, local, s);
    text_field(ui, spec, look);
}

bool only_iban_chars(const std::string& v) {
    for (char c : v) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

void draw_bank_form(Ui& ui, const pw::Checkout& checkout, bool locked) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.method) return;
    const pw::BankScheme scheme = s.method->scheme;
    TextInputs& in = ui.inputs;

    if (scheme == pw::BankScheme::sepa && !locked) {
        // Print form as typed: "DE89 3704 0044 ...".
        const std::string& v = in.value("iban");
        if (only_iban_chars(v)) {
            const std::string f = pw::format_iban(pw::iban_electronic_form(v));
            if (f != v) in.set_value("iban", f);
        }
    }

    pw::TokenRequest d;
    d.type = pw::MethodType::bank_debit;
    pw::BankFields& b = d.bank;
    b.scheme = scheme;
    b.account_holder = in.value("account_holder");
    b.account_type = s.details.bank.account_type.empty() ? "checking" : s.details.bank.account_type;
    d.mandate = s.details.mandate;
    switch (scheme) {
        case pw::BankScheme::ach:
            b.routing_number = in.value("routing_number");
            b.account_number = in.value("account_number");
            break;
        case pw::BankScheme::pad:
            b.account_type.clear();
            b.transit_number = in.value("transit_number");
            b.institution_number = in.value("institution_number");
            b.account_number = in.value("account_number");
            break;
        case pw::BankScheme::sepa:
            b.account_type.clear();
            b.iban = in.value("iban");
            break;
    }
    const pw::BankFields& had = s.details.bank;
    const bool changed = s.details.type != pw::MethodType::bank_debit || had.scheme != b.scheme ||
                         had.account_holder != b.account_holder || had.routing_number != b.routing_number ||
                         had.account_number != b.account_number || had.account_type != b.account_type ||
                         had.transit_number != b.transit_number ||
                         had.institution_number != b.institution_number || had.iban != b.iban;
    if (!locked && changed) ui.out.events.push_back(pw::ev::DetailsChanged{d});

    field(ui, s, TextFieldSpec{"account_holder", ui.fmt.t("widget.account_holder"), "name", "", "text", 200},
          error_of(pw::validate_account_holder(b.account_holder)), locked);
    gap(ui, 16);
    switch (scheme) {
        case pw::BankScheme::ach: {
            field(ui, s, TextFieldSpec{"routing_number", ui.fmt.t("widget.routing_number"), "off", "numeric", "text", 11},
                  error_of(pw::validate_routing_number(b.routing_number)), locked,
                  ui.fmt.t("widget.routing_hint"));
            gap(ui, 16);
            field(ui, s, TextFieldSpec{"account_number", ui.fmt.t("widget.account_number"), "off", "numeric", "text", 20},
                  error_of(pw::validate_ach_account_number(b.account_number)), locked);
            gap(ui, 16);
            text(ui, ui.fonts.small, ui.theme.text, ui.fmt.t("widget.account_type"));
            gap(ui, 6);
            const bool checking = b.account_type == "checking";
            two_columns(
                ui,
                [&](Ui& u) {
                    if (radio_row(u, "account-checking", "account-type", u.fmt.t("widget.checking"), "", checking, !locked) &&
                        !checking) {
                        pw::TokenRequest next = d;
                        next.bank.account_type = "checking";
                        u.out.events.push_back(pw::ev::DetailsChanged{next});
                    }
                },
                [&](Ui& u) {
                    if (radio_row(u, "account-savings", "account-type", u.fmt.t("widget.savings"), "", !checking, !locked) &&
                        checking) {
                        pw::TokenRequest next = d;
                        next.bank.account_type = "savings";
                        u.out.events.push_back(pw::ev::DetailsChanged{next});
                    }
                });
            break;
        }
        case pw::BankScheme::pad:
            two_columns(
                ui,
                [&](Ui& u) {
                    field(u, s, TextFieldSpec{"transit_number", u.fmt.t("widget.transit_number"), "off", "numeric", "text", 7},
                          error_of(pw::validate_transit_number(b.transit_number)), locked,
                          u.fmt.t("widget.transit_hint"));
                },
                [&](Ui& u) {
                    field(u, s,
                          TextFieldSpec{"institution_number", u.fmt.t("widget.institution_number"), "off", "numeric", "text", 5},
                          error_of(pw::validate_institution_number(b.institution_number)), locked,
                          u.fmt.t("widget.institution_hint"));
                });
            gap(ui, 16);
            field(ui, s, TextFieldSpec{"account_number", ui.fmt.t("widget.account_number"), "off", "numeric", "text", 16},
                  error_of(pw::validate_pad_account_number(b.account_number)), locked);
            break;
        case pw::BankScheme::sepa: {
            pw::Error err;
            const pw::Result<pw::Iban> iban = pw::validate_iban(b.iban);
            if (!iban.ok()) err = iban.error;
            else err = pw::check_sepa_country(*iban.value.country);
            // The account's country, named in the payer's language (country.DE).
            const std::string country =
                iban.ok() ? ui.fmt.t("widget.iban_country",
                                     {{"country", ui.fmt.t("country." + std::string(iban.value.country->code))}})
                          : std::string();
            field(ui, s, TextFieldSpec{"iban", ui.fmt.t("widget.iban"), "off", "", "text", 42}, err, locked, country);
            break;
        }
    }

    // The debit authorization, exactly as the API sent it, and its consent.
    const pw::MandateText* m = checkout.mandate();
    gap(ui, 20);
    Panel p = panel_begin(ui, 14);
    text(ui, ui.fonts.small, ui.theme.text, m ? m->text : ui.fmt.t("widget.mandate_unavailable"),
         Align::left, "mandate-text");
    gap(ui, 14);
    const bool accepted = s.details.mandate.accepted;
    if (checkbox(ui, "mandate-accept", ui.fmt.t("widget.mandate_accept"), accepted, !locked && m != nullptr)) {
        pw::TokenRequest next = d;
        next.mandate.accepted = !accepted;
        ui.out.events.push_back(pw::ev::DetailsChanged{next});
    }
    panel_end(ui, p);
}

}  // namespace pwui
