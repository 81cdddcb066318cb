// The amount step (pay in full or part now, validated by the core's plan as
// the payer types) and the method step (saved cards for portal sessions
// only, bank debit only for the invoice's accepted schemes).
#define BOOST_TEST_MODULE widget_amount_method
#include <boost/test/unit_test.hpp>

#include "paywidget/mandate_text.hpp"
#include "paywidget/messages.hpp"
#include "widget_steps.hpp"

using namespace pwtest;
using pw::Stage;

namespace {
// A partial-payment invoice (200.00 USD, minimum 50.00) on the amount step
// with "Pay part now" chosen (in the widget's language).
void to_partial_amount(HeadlessWidget& w, const std::string& locale = "en") {
    w.load(sample_view(sample_invoice(true)));
    BOOST_TEST_REQUIRE(w.activate(Role::button, pw::text(locale, "widget.pay_now")));
    BOOST_TEST_REQUIRE(w.stage() == Stage::amount, w.dump());
    BOOST_TEST_REQUIRE(w.activate_id("pay-part"), w.dump());
}
}  // namespace

BOOST_AUTO_TEST_CASE(amount_step_offers_full_and_part_when_partial_is_allowed) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(true)));
    BOOST_TEST(w.shows("pay part now and the rest later"), w.dump());
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::amount);
    BOOST_TEST(w.find(Role::heading, "How much would you like to pay?") != nullptr, w.dump());
    const pwui::A11yItem* full = w.find(Role::radio, "Pay in full, 200.00 USD");
    const pwui::A11yItem* part = w.find(Role::radio, "Pay part now");
    BOOST_TEST_REQUIRE(full != nullptr, w.dump());
    BOOST_TEST_REQUIRE(part != nullptr, w.dump());
    BOOST_TEST(full->checked);
    BOOST_TEST(!part->checked);
    BOOST_TEST(full->extra == part->extra, "one radio group");
    BOOST_TEST(w.shows("no interest or late fees"));
    BOOST_TEST(w.field("amount") == nullptr, "the amount input only with Pay part now");
    // Pay in full goes straight on with the balance.
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    BOOST_TEST(w.stage() == Stage::method);
    BOOST_TEST(w.state().amount == 20000);
    BOOST_TEST(w.find(Role::text, "Amount to pay: 200.00 USD") != nullptr, w.dump());
}

BOOST_AUTO_TEST_CASE(no_amount_step_when_only_the_full_balance_can_be_paid) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false)));
    BOOST_TEST(!w.shows("pay part now"));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST(w.stage() == Stage::method, w.dump());
    BOOST_TEST(w.find_prefix(Role::radio, "Pay in full") == nullptr);
    BOOST_TEST(w.find(Role::radio, "Pay part now") == nullptr);
    BOOST_TEST(w.find(Role::text, "Amount to pay: 200.00 USD") != nullptr, w.dump());
}

BOOST_AUTO_TEST_CASE(partial_amount_field_shows_range_and_takes_focus) {
    HeadlessWidget w;
    to_partial_amount(w);
    BOOST_TEST(w.find(Role::radio, "Pay part now")->checked);
    const pwui::PlacedField* f = w.field("amount");
    BOOST_TEST_REQUIRE(f != nullptr, w.dump());
    BOOST_TEST(f->spec.label == "Amount to pay now");
    BOOST_TEST(f->spec.inputmode == "decimal");
    BOOST_TEST(w.focused("amount"));
    BOOST_TEST(w.find(Role::text, "Minimum 50.00 USD  \xC2\xB7  maximum 199.99 USD") != nullptr, w.dump());
    BOOST_TEST(!f->invalid, "no error before the payer typed anything");
}

BOOST_AUTO_TEST_CASE(partial_below_minimum_shows_the_minimum_and_does_not_continue) {
    HeadlessWidget w;
    to_partial_amount(w);
    w.type("amount", "49.99");
    BOOST_TEST(w.state().amount_error.code == "below_minimum");
    BOOST_TEST(w.field("amount")->invalid);
    BOOST_TEST(w.find(Role::text, "Enter an amount of at least 50.00 USD.") != nullptr, w.dump());
    BOOST_TEST(w.find_id("remaining-after") == nullptr);
    BOOST_TEST_REQUIRE(w.find(Role::button, "Continue") != nullptr);
    w.activate(Role::button, "Continue");
    BOOST_TEST(w.stage() == Stage::amount, "an invalid amount never reaches the method step");
    w.press_enter("amount");
    BOOST_TEST(w.stage() == Stage::amount);
}

BOOST_AUTO_TEST_CASE(partial_above_balance_shows_the_maximum) {
    HeadlessWidget w;
    to_partial_amount(w);
    w.type("amount", "250");
    BOOST_TEST(w.field("amount")->invalid);
    BOOST_TEST(w.find(Role::text, "Enter an amount of at most 200.00 USD.") != nullptr, w.dump());
    w.activate(Role::button, "Continue");
    BOOST_TEST(w.stage() == Stage::amount);
}

BOOST_AUTO_TEST_CASE(valid_partial_shows_what_remains_and_continues_with_that_amount) {
    HeadlessWidget w;
    to_partial_amount(w);
    w.type("amount", "60");
    BOOST_TEST(!w.field("amount")->invalid, w.dump());
    BOOST_TEST(w.find(Role::text, "Remaining balance: 140.00 USD") != nullptr, w.dump());
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::method, w.dump());
    BOOST_TEST(w.state().amount == 6000);
    BOOST_TEST(w.find(Role::text, "Amount to pay: 60.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Remaining balance after this payment: 140.00 USD") != nullptr, w.dump());
}

BOOST_AUTO_TEST_CASE(enter_in_the_amount_field_continues_once_valid) {
    HeadlessWidget w;
    to_partial_amount(w);
    w.type("amount", "75.50");
    w.press_enter("amount");
    BOOST_TEST(w.stage() == Stage::method, w.dump());
    BOOST_TEST(w.state().amount == 7550);
}

BOOST_AUTO_TEST_CASE(link_session_offers_new_card_and_accepted_bank_schemes_only) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false, {pw::BankScheme::pad})));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::method);
    BOOST_TEST(w.find(Role::heading, "How would you like to pay?") != nullptr);
    BOOST_TEST(w.find(Role::radio, "Credit or debit card") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::radio, "Canadian bank account (PAD)") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::radio, "US bank account (ACH)") == nullptr);
    BOOST_TEST(w.find(Role::radio, "SEPA Direct Debit") == nullptr);
    BOOST_TEST(!w.shows("Saved cards"));
    BOOST_TEST(!w.shows("Mastercard"));
}

BOOST_AUTO_TEST_CASE(portal_session_lists_the_saved_card_first) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false), pw::SessionKind::portal));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::method);
    BOOST_TEST(w.find(Role::text, "Saved cards") != nullptr, w.dump());
    const pwui::A11yItem* saved = w.find(Role::radio, "Mastercard \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 4444, Expires 12/30");
    BOOST_TEST_REQUIRE(saved != nullptr, w.dump());
    const pwui::A11yItem* card = w.find(Role::radio, "Credit or debit card");
    BOOST_TEST_REQUIRE(card != nullptr);
    BOOST_TEST(saved->rect.y < card->rect.y);
    // (Which row starts highlighted is screen_method.cpp's file-level UI
    // memory, shared by every test in this process: choose explicitly.)
    BOOST_TEST_REQUIRE(w.activate_id(saved->id));
    BOOST_TEST(w.find_id("method-saved-pm_1")->checked);
    BOOST_TEST(!w.find(Role::radio, "Credit or debit card")->checked);
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::details, w.dump());
    BOOST_TEST(w.find(Role::heading, "Pay with your saved card") != nullptr, w.dump());
    BOOST_TEST(w.placed().empty(), "no card fields for a saved card");
    BOOST_TEST(!submit_button(w)->disabled);
}

BOOST_AUTO_TEST_CASE(only_card_accepted_skips_the_method_step) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false, {})));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST(w.stage() == Stage::details, w.dump());
    BOOST_TEST(w.find(Role::heading, "Card details") != nullptr);
}

BOOST_AUTO_TEST_CASE(bank_debit_form_needs_the_mandate_before_submit) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false, {pw::BankScheme::ach})));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST_REQUIRE(w.activate(Role::radio, "US bank account (ACH)"));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::details, w.dump());
    BOOST_TEST(w.find(Role::heading, "US bank account (ACH)") != nullptr, w.dump());
    BOOST_TEST(w.field("account_holder") != nullptr);
    BOOST_TEST(w.field("routing_number") != nullptr);
    BOOST_TEST(w.field("account_number") != nullptr);
    // The server's text, drawn as it came (the sample view holds pw::mandate_text's).
    const std::string mandate = pw::mandate_text(pw::BankScheme::ach, "en", "Dr. Ada Lovelace").text;
    BOOST_TEST(mandate.find("I authorize Dr. Ada Lovelace to debit") == 0u, mandate);
    BOOST_TEST(w.find(Role::text, mandate) != nullptr, w.dump());
    w.type("account_holder", "Grace Hopper");
    w.type("routing_number", "021000021");
    w.type("account_number", "000123456789");
    w.blur("account_number");
    const pwui::A11yItem* consent = w.find(Role::checkbox, "I authorize this debit");
    BOOST_TEST_REQUIRE(consent != nullptr, w.dump());
    BOOST_TEST(!consent->checked);
    BOOST_TEST(submit_button(w)->disabled, "not without the debit authorization\n" + w.dump());
    BOOST_TEST_REQUIRE(w.activate(Role::checkbox, "I authorize this debit"));
    BOOST_TEST(w.find(Role::checkbox, "I authorize this debit")->checked);
    BOOST_TEST(!submit_button(w)->disabled, w.dump());
}

// The amount field reads the payer's language's separators (the core parses
// with them): "60,50" is 60.50 in French and Spanish, and the words around
// it are French.
BOOST_AUTO_TEST_CASE(french_amount_takes_a_decimal_comma_and_speaks_french) {
    WidgetOptions o;
    o.locale = "fr";
    HeadlessWidget w(o);
    to_partial_amount(w, o.locale);
    BOOST_TEST(w.find(Role::radio, "Payer une partie maintenant") != nullptr, w.dump());
    w.type("amount", "60,50");
    BOOST_TEST(!w.field("amount")->invalid, w.dump());
    BOOST_TEST(w.field("amount")->spec.label == "Montant \xC3\xA0 payer maintenant");
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continuer"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::method, w.dump());
    BOOST_TEST(w.state().amount == 6050);
    BOOST_TEST(w.find(Role::heading, "Comment souhaitez-vous payer\xE2\x80\xAF?") != nullptr, w.dump());
}

BOOST_AUTO_TEST_CASE(spanish_amount_groups_with_dots) {
    WidgetOptions o;
    o.locale = "es";
    HeadlessWidget w(o);
    to_partial_amount(w, o.locale);
    w.type("amount", "1.000,00");  // above the balance: refused by the plan, read as 1000.00
    BOOST_TEST(w.field("amount")->invalid);
    BOOST_TEST(w.state().amount_error.code == "above_balance", w.dump());
    w.type("amount", "75,25");
    BOOST_TEST(!w.field("amount")->invalid, w.dump());
    BOOST_TEST(w.state().amount == 7525);
}
