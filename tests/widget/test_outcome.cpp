// Submitting and what comes back: one payment for a double click, the
// live confirmation, a decline that keeps the inputs, and a lost response
// whose Retry reuses the Idempotency-Key.
#define BOOST_TEST_MODULE widget_outcome
#include <boost/test/unit_test.hpp>

#include "paywidget/bank_settlement.hpp"
#include "widget_steps.hpp"

using namespace pwtest;
using pw::Stage;
namespace fx = pw::effect;

namespace {
const char* const kBullets = "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2";

void to_filled_card(HeadlessWidget& w, const std::string& number = "4242 4242 4242 4242", bool partial = false) {
    w.load(sample_view(sample_invoice(partial, {})));
    go_to_card_form(w);
    fill_card(w, number);
    BOOST_TEST_REQUIRE(!submit_button(w)->disabled, w.dump());
}
}  // namespace

BOOST_AUTO_TEST_CASE(submitting_locks_the_inputs_and_shows_progress) {
    HeadlessWidget w;
    to_filled_card(w);
    BOOST_TEST_REQUIRE(w.activate_id("submit"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::submitting);
    const auto tokens = w.effects_of<fx::RequestToken>();
    BOOST_TEST_REQUIRE(tokens.size() == 1u);
    BOOST_TEST(tokens.front().request.card.number == "4242 4242 4242 4242");
    for (const pwui::PlacedField& f : w.placed()) BOOST_TEST(f.disabled, f.spec.id + " is locked");
    const pwui::A11yItem* busy = submit_button(w);
    BOOST_TEST_REQUIRE(busy != nullptr);
    BOOST_TEST(busy->name == "Processing\xE2\x80\xA6");
    BOOST_TEST(busy->disabled);
    BOOST_TEST(w.find_id("back") == nullptr, "no way back while in flight");
    BOOST_TEST(w.find(Role::text, "Please keep this page open.") != nullptr);
    // Typing into a locked input changes nothing the checkout holds.
    w.type("number", "4000 0000 0000 0002");
    BOOST_TEST(w.state().details.card.number == "4242 4242 4242 4242");
}

BOOST_AUTO_TEST_CASE(double_activation_sends_one_payment) {
    HeadlessWidget w;
    to_filled_card(w);
    // Two clicks on the DOM button before the next frame.
    pwui::a11y_mirror().on_activate("submit");
    pwui::a11y_mirror().on_activate("submit");
    w.settle();
    // And Enter pressed twice in a field.
    w.press_enter("postal_code");
    w.press_enter("postal_code");
    BOOST_TEST_REQUIRE(w.stage() == Stage::submitting);
    BOOST_TEST(w.effects_of<fx::RequestToken>().size() == 1u);
    w.respond(pw::ev::TokenCreated{card_token("tok_1", "visa", "4242")});
    const auto sends = w.effects_of<fx::SendPayment>();
    BOOST_TEST_REQUIRE(sends.size() == 1u);
    BOOST_TEST(sends.front().key == "test-key-1");
    BOOST_TEST(sends.front().request.amount == 20000);
    BOOST_TEST(w.keys_issued() == 1);
}

BOOST_AUTO_TEST_CASE(double_mouse_click_sends_one_payment) {
    HeadlessWidget w;
    to_filled_card(w);
    BOOST_TEST_REQUIRE(w.click(Role::button, "Pay 200.00 USD"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::submitting, w.dump());
    w.click(Role::button, "Processing\xE2\x80\xA6");
    BOOST_TEST(w.effects_of<fx::RequestToken>().size() == 1u);
    w.respond(pw::ev::TokenCreated{card_token("tok_1", "visa", "4242")});
    BOOST_TEST(w.effects_of<fx::SendPayment>().size() == 1u);
}

BOOST_AUTO_TEST_CASE(success_shows_amount_method_balance_and_receipt) {
    HeadlessWidget w;
    to_filled_card(w);
    const fx::SendPayment sent = submit_and_tokenize(w);
    w.respond(pw::ev::PaymentDone{payment_response(sent, pw::PaymentStatus::succeeded, 0, 1)});
    BOOST_TEST_REQUIRE(w.stage() == Stage::succeeded);
    const pwui::A11yItem* title = w.find(Role::heading, "Payment successful");
    BOOST_TEST_REQUIRE(title != nullptr, w.dump());
    BOOST_TEST(title->level == 1);
    BOOST_TEST(w.find(Role::text, "Amount paid: 200.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, std::string("Paid with: Visa ") + kBullets + " 4242") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Invoice: INV-0042") != nullptr);
    BOOST_TEST(w.find(Role::text, "Remaining balance: 0.00 USD") != nullptr);
    const pwui::A11yItem* receipt = w.find(Role::link, "View receipt");
    BOOST_TEST_REQUIRE(receipt != nullptr, w.dump());
    BOOST_TEST(receipt->extra == "/pay/lnk_test/receipts/pay_test-key-1");
    BOOST_TEST(w.find_id("paid-in-full") != nullptr);
    BOOST_TEST(w.find_id("pay-remainder") == nullptr);
    // No card data left behind in the (hidden) DOM inputs.
    for (const char* id : {"number", "exp", "cvc", "name", "postal_code"}) BOOST_TEST(w.value(id).empty(), id);
    BOOST_TEST(w.placed().empty());
    const auto said = w.announcements();
    BOOST_TEST_REQUIRE(!said.empty());
    BOOST_TEST(said.back().find("succeeded") != std::string::npos, said.back());
}

// A bank debit that is processing is submitted, not paid: no "Amount
// paid", the core's sentence (days to settle, reserved, returns).
BOOST_AUTO_TEST_CASE(a_processing_bank_debit_is_submitted_not_paid) {
    HeadlessWidget w;
    to_filled_card(w);
    const fx::SendPayment sent = submit_and_tokenize(w);
    pw::PaymentResponse r = payment_response(sent, pw::PaymentStatus::processing, 0, 1);
    r.payment.method = {pw::MethodType::bank_debit, "ach", "6789"};
    w.respond(pw::ev::PaymentDone{r});
    BOOST_TEST_REQUIRE(w.stage() == Stage::succeeded);
    BOOST_TEST(w.find(Role::heading, "Bank debit submitted") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::heading, "Payment successful") == nullptr);
    BOOST_TEST(w.find(Role::text, "Amount submitted: 200.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Status: Processing") != nullptr, w.dump());
    BOOST_TEST(w.find_prefix(Role::text, "Amount paid") == nullptr, w.dump());
    const pwui::A11yItem* said = w.find_id("result-text");
    BOOST_TEST_REQUIRE(said != nullptr, w.dump());
    BOOST_TEST(said->name == pw::processing_text("200.00 USD", 4), said->name);
    BOOST_TEST(w.find_id("paid-in-full") == nullptr);
    BOOST_TEST(w.announcements().back().find("within 4 business days") != std::string::npos);
}

// A card pays the remainder while an earlier bank debit is still
// processing: nothing is due, but the invoice is not paid in full yet
// (issue 13 item 2), so the screen does not say so.
BOOST_AUTO_TEST_CASE(a_remainder_beside_a_processing_debit_is_not_paid_in_full) {
    HeadlessWidget w;
    to_filled_card(w);
    const fx::SendPayment sent = submit_and_tokenize(w);
    pw::PaymentResponse r = payment_response(sent, pw::PaymentStatus::succeeded, 0, 0);
    r.invoice.status = pw::InvoiceStatus::processing;
    w.respond(pw::ev::PaymentDone{r});
    BOOST_TEST_REQUIRE(w.stage() == Stage::succeeded);
    BOOST_TEST(w.find_id("paid-in-full") == nullptr, w.dump());
    const pwui::A11yItem* rest = w.find_id("processing-rest");
    BOOST_TEST_REQUIRE(rest != nullptr, w.dump());
    BOOST_TEST(rest->name.find("has not settled yet") != std::string::npos, rest->name);
}

BOOST_AUTO_TEST_CASE(partial_success_says_how_to_pay_the_rest) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(true, {})));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST_REQUIRE(w.activate_id("pay-part"));
    w.type("amount", "60");
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::details, w.dump());
    fill_card(w, "4242 4242 4242 4242");
    const fx::SendPayment sent = submit_and_tokenize(w);
    BOOST_TEST(sent.request.amount == 6000);
    w.respond(pw::ev::PaymentDone{payment_response(sent, pw::PaymentStatus::succeeded, 14000, 1)});
    BOOST_TEST_REQUIRE(w.stage() == Stage::succeeded);
    BOOST_TEST(w.find(Role::text, "Amount paid: 60.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Remaining balance: 140.00 USD") != nullptr);
    const pwui::A11yItem* rest = w.find_id("pay-rest");
    BOOST_TEST_REQUIRE(rest != nullptr);
    BOOST_TEST(rest->name.find("140.00 USD") != std::string::npos, rest->name);
    BOOST_TEST(rest->name.find("No interest or late fees") != std::string::npos, rest->name);
    BOOST_TEST(rest->name.find("2025-02-10") != std::string::npos, rest->name);
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay the remaining 140.00 USD now"), w.dump());
    BOOST_TEST(w.stage() != Stage::succeeded);
}

BOOST_AUTO_TEST_CASE(decline_shows_the_reason_and_keeps_the_inputs) {
    HeadlessWidget w;
    to_filled_card(w, "4000 0000 0000 9995");
    const fx::SendPayment sent = submit_and_tokenize(w, "9995");
    w.respond(pw::ev::PaymentDone{
        payment_response(sent, pw::PaymentStatus::declined, 20000, 2, "visa", "9995", "insufficient_funds")});
    BOOST_TEST_REQUIRE(w.stage() == Stage::declined);
    const std::string advice = pw::advise_decline("insufficient_funds", pw::MethodType::card).message;
    const pwui::A11yItem* notice = w.find_id("decline");
    BOOST_TEST_REQUIRE(notice != nullptr, w.dump());
    BOOST_TEST(notice->name == "Your payment was declined " + advice);
    BOOST_TEST(w.find_id("hsa-hint") != nullptr, "the HSA/FSA hint for cards");
    BOOST_TEST(w.value("number") == "4000 0000 0000 9995");
    BOOST_TEST(w.value("name") == "Grace Hopper");
    for (const pwui::PlacedField& f : w.placed()) BOOST_TEST(!f.disabled, f.spec.id + " editable again");
    const pwui::A11yItem* again = submit_button(w);
    BOOST_TEST_REQUIRE(again != nullptr);
    BOOST_TEST(again->name == "Try again: Pay 200.00 USD");
    BOOST_TEST(!again->disabled);
    BOOST_TEST(w.announcements().back() == advice);
    // Another card: a new attempt with a new key.
    w.type("number", "4242 4242 4242 4242");
    const fx::SendPayment second = submit_and_tokenize(w);
    BOOST_TEST(second.key == "test-key-2");
    BOOST_TEST(second.key != sent.key);
}

BOOST_AUTO_TEST_CASE(lost_response_retry_reuses_the_idempotency_key) {
    HeadlessWidget w;
    to_filled_card(w);
    const fx::SendPayment sent = submit_and_tokenize(w);
    w.respond(pw::ev::NoResponse{});
    BOOST_TEST_REQUIRE(w.stage() == Stage::failed);
    const pwui::A11yItem* failure = w.find_id("failure");
    BOOST_TEST_REQUIRE(failure != nullptr, w.dump());
    BOOST_TEST(failure->name.find("We couldn\xE2\x80\x99t confirm your payment") == 0u, failure->name);
    BOOST_TEST(w.find_id("retry-safe") != nullptr);
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Retry"), w.dump());
    const auto sends = w.effects_of<fx::SendPayment>();
    BOOST_TEST_REQUIRE(sends.size() == 2u);
    BOOST_TEST(sends.back().key == sent.key);
    BOOST_TEST(pw::canonical_body(sends.back().request) == pw::canonical_body(sent.request));
    BOOST_TEST(w.effects_of<fx::RequestToken>().size() == 1u, "no new token for the same attempt");
    BOOST_TEST(w.keys_issued() == 1);
    w.respond(pw::ev::PaymentDone{payment_response(sends.back(), pw::PaymentStatus::succeeded, 0, 1)});
    BOOST_TEST(w.stage() == Stage::succeeded);
}
