// The new-card form: number (live brand and grouping), expiry, security
// code, name on card, postal code. Real DOM inputs with the autocomplete
// tokens browsers fill cards with; every check is the core's (card.hpp),
// and the widget reports what was typed to the checkout (ev::DetailsChanged),
// which judges it with the same validators, whenever it changes.
#include <string>

#include "imgui.h"
#include "paywidget/card.hpp"
#include "paywidget/payment_form.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

namespace {

// The text under a field: the core's message once the payer has left the
// field (or while typing, when more characters cannot fix it).
std::string field_error(Ui& ui, const std::string& id, const pw::Error& local, bool certain_while_typing,
                        const pw::CheckoutState& s) {
    const std::string& v = ui.inputs.value(id);
    if (local) {
        if (ui.inputs.focused(id)) return certain_while_typing ? ui.fmt.error(local) : std::string();
        return v.empty() ? std::string() : ui.fmt.error(local);
    }
    // Locally fine but the server named this field (it knows more: token
    // expiry, a card it refuses).
    if (s.details_error && s.details_error.field == id) return ui.fmt.error(s.details_error);
    return {};
}

}  // namespace

void draw_card_form(Ui& ui, const pw::Checkout& checkout, bool locked) {
    const pw::CheckoutState& s = checkout.state();
    TextInputs& in = ui.inputs;

    std::string number = in.value("number");
    std::string exp = in.value("exp");
    if (!locked) {
        const std::string grouped = pw::format_card_number(number);
        if (grouped != number) in.set_value("number", number = grouped);
        const std::string e = pw::format_card_expiry(exp);
        if (e != exp) in.set_value("exp", exp = e);
    }
    const std::string& cvc = in.value("cvc");
    const std::string& name = in.value("name");
    const std::string& postal = in.value("postal_code");

    const pw::CardNumberInfo info = pw::inspect_card_number(number);
    // Expiry is judged by the server's date from the view, never the
    // browser's clock (the server checks the token request again).
    const pw::Date now = s.view ? s.view->today : pw::Date{};
    const pw::CardFields& had = s.details.card;
    if (!locked && (s.details.type != pw::MethodType::card || had.number != number || had.exp != exp ||
                    had.cvc != cvc || had.name != name || had.postal_code != postal)) {
        pw::TokenRequest d;
        d.type = pw::MethodType::card;
        d.card = pw::CardFields{number, exp, cvc, name, postal};
        ui.out.events.push_back(pw::ev::DetailsChanged{d});  // the checkout judges it
    }

    // Card number, with the brand as soon as the digits tell it.
    FieldLook nl;
    nl.locked = locked;
    if (info.brand != pw::CardBrand::unknown) nl.adornment = std::string(pw::card_brand_name(info.brand));
    nl.error = field_error(ui, "number", pw::validate_card_number(number), !info.potentially_valid, s);
    text_field(ui, TextFieldSpec{"number", ui.fmt.t("widget.card_number"), "cc-number", "numeric", "text", 23}, nl);
    gap(ui, 16);

    two_columns(
        ui,
        [&](Ui& u) {
            FieldLook el;
            el.locked = locked;
            const pw::Result<pw::CardExpiry> ex = pw::validate_card_expiry(exp, now);
            const pw::Error err = ex.ok() ? pw::Error{} : ex.error;
            const bool certain = err.code == "invalid_expiry_month" || err.code == "card_expired" ||
                                 err.code == "expiry_too_far";
            el.error = field_error(u, "exp", err, certain, s);
            text_field(u, TextFieldSpec{"exp", u.fmt.t("widget.card_expiry"), "cc-exp", "numeric", "text", 9}, el);
        },
        [&](Ui& u) {
            FieldLook cl;
            cl.locked = locked;
            const pw::Error err = pw::validate_cvc(cvc, info.brand);
            cl.error = field_error(u, "cvc", err, err.code == "invalid_cvc", s);
            const int len = pw::card_cvc_length(info.brand);
            text_field(u, TextFieldSpec{"cvc", u.fmt.t("widget.card_cvc"), "cc-csc", "numeric", "text", len ? len : 4}, cl);
        });
    gap(ui, 16);

    FieldLook namel;
    namel.locked = locked;
    namel.error = field_error(ui, "name", pw::validate_cardholder_name(name), false, s);
    text_field(ui, TextFieldSpec{"name", ui.fmt.t("widget.card_name"), "cc-name", "", "text", 200}, namel);
    gap(ui, 16);

    FieldLook pl;
    pl.locked = locked;
    pl.error = field_error(ui, "postal_code", pw::validate_postal_code(postal), false, s);
    text_field(ui, TextFieldSpec{"postal_code", ui.fmt.t("widget.postal_code"), "postal-code", "", "text", 10}, pl);

    if (checkout.offers_save_method()) {
        gap(ui, 16);
        if (checkbox(ui, "save-method", ui.fmt.t("widget.save_card"), s.save_method, !locked))
            ui.out.events.push_back(pw::ev::SetSaveMethod{!s.save_method});
    }
}

void clear_payment_inputs(Ui& ui) {
    for (std::string_view field : pw::all_form_fields()) {
        const std::string id(field);
        if (!ui.inputs.value(id).empty()) ui.inputs.set_value(id, "");
    }
    if (!ui.inputs.value("amount").empty()) ui.inputs.set_value("amount", "");
}

}  // namespace pwui
