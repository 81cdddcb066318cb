#define BOOST_TEST_MODULE checkout
#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "paywidget/checkout.hpp"
#include "paywidget/messages.hpp"
#include "sample_link_view.hpp"
#include "paywidget/partial_plan.hpp"
#include "paywidget/payment_form.hpp"

namespace pw {
// So that BOOST_TEST(stage == Stage::x) prints the stage's name on failure.
inline std::ostream& operator<<(std::ostream& o, Stage s) { return o << stage_id(s); }
}  // namespace pw

namespace {

using pw::Checkout;
using pw::Stage;
namespace ev = pw::ev;
namespace fx = pw::effect;
using pwtest::card_token;
using pwtest::payment_response;
using pwtest::sample_invoice;
using pwtest::sample_view;

// Idempotency keys "key-1", "key-2", ...: predictable, so tests can tell
// whether a send reused a key or got a new one.
struct Keys {
    int issued = 0;
    pw::KeySource source() {
        return [this] { return "key-" + std::to_string(++issued); };
    }
};

template <class T>
std::vector<T> all_of(const std::vector<pw::Effect>& fx) {
    std::vector<T> out;
    for (const pw::Effect& e : fx)
        if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
    return out;
}

template <class T>
T only(const std::vector<pw::Effect>& fx) {
    std::vector<T> v = all_of<T>(fx);
    BOOST_TEST_REQUIRE(v.size() == 1u);
    return v.front();
}

std::string announced(const std::vector<pw::Effect>& fx) {
    std::string text;
    for (const auto& a : all_of<fx::Announce>(fx)) text += a.text;
    return text;
}

// A complete ACH debit with the mandate accepted.
pw::TokenRequest ach_debit() {
    pw::TokenRequest t;
    t.type = pw::MethodType::bank_debit;
    t.bank.account_holder = "Grace Hopper";
    t.bank.routing_number = "110000000";
    t.bank.account_number = "000123456789";
    t.bank.account_type = "checking";
    t.mandate.accepted = true;
    return t;
}

pw::TokenRequest card(const std::string& number) {
    pw::TokenRequest t;
    t.type = pw::MethodType::card;
    t.card = {number, "12/34", "123", "Grace Hopper", "94107"};
    return t;
}

// Drives a fresh checkout from start to a filled card form.
std::vector<pw::Effect> to_card_details(Checkout& c, const pw::LinkView& view, const std::string& number) {
    BOOST_TEST(all_of<fx::FetchView>(c.start()).size() == 1u);
    c.dispatch(ev::Loaded{view});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::review);
    c.dispatch(ev::Continue{});
    if (c.state().stage == Stage::amount) c.dispatch(ev::Continue{});  // pay in full
    if (c.state().stage == Stage::method)
        c.dispatch(ev::ChooseMethod{{pw::ChoiceKind::new_card, "", pw::BankScheme::ach}});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::details);
    return c.dispatch(ev::DetailsChanged{card(number)});
}

// Drives a fresh checkout on an ACH-only invoice to a complete bank form.
void to_ach_details(Checkout& c) {
    c.start();
    c.dispatch(ev::Loaded{sample_view(sample_invoice(false, {pw::BankScheme::ach}), pw::SessionKind::link)});
    c.dispatch(ev::Continue{});
    c.dispatch(ev::ChooseMethod{{pw::ChoiceKind::bank_debit, "", pw::BankScheme::ach}});
    c.dispatch(ev::DetailsChanged{ach_debit()});
}

// Submit + token: returns the SendPayment.
fx::SendPayment submit_card(Checkout& c, const std::string& token, const std::string& last4) {
    const std::vector<pw::Effect> a = c.dispatch(ev::Submit{});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::submitting);
    BOOST_TEST(all_of<fx::SendPayment>(a).empty());  // the token comes first
    only<fx::RequestToken>(a);
    return only<fx::SendPayment>(c.dispatch(ev::TokenCreated{card_token(token, "visa", last4)}));
}

}  // namespace

// --- journey: pay in full from an email link --------------------------------
BOOST_AUTO_TEST_CASE(pay_in_full_from_link) {
    Keys keys;
    Checkout c(keys.source());
    const pw::LinkView view = sample_view(sample_invoice(false), pw::SessionKind::link);
    BOOST_TEST(c.state().stage == Stage::loading);
    to_card_details(c, view, "4242 4242 4242 4242");
    BOOST_TEST(!c.partial_available());
    BOOST_TEST(c.state().amount == 20000);
    BOOST_TEST(c.can_submit());
    BOOST_TEST(!c.is_locked());

    const std::vector<pw::Effect> a = c.dispatch(ev::Submit{});
    const fx::RequestToken tok = only<fx::RequestToken>(a);
    BOOST_TEST(tok.request.card.number == "4242 4242 4242 4242");
    BOOST_TEST(c.is_locked());
    BOOST_TEST(!c.can_submit());
    const fx::SendPayment send =
        only<fx::SendPayment>(c.dispatch(ev::TokenCreated{card_token("tok_1", "visa", "4242")}));
    BOOST_TEST(send.key == "key-1");
    BOOST_TEST(send.invoice_id == "inv_1");
    BOOST_TEST(send.request.amount == 20000);
    BOOST_TEST(send.request.currency == "USD");
    BOOST_TEST(send.request.token == "tok_1");
    BOOST_TEST(send.request.payment_method_id.empty());
    BOOST_TEST(!send.request.save_method);

    const std::vector<pw::Effect> done =
        c.dispatch(ev::PaymentDone{payment_response(send, pw::PaymentStatus::succeeded, 0, 1)});
    BOOST_TEST(c.state().stage == Stage::succeeded);
    BOOST_TEST(announced(done) == "Payment of 200.00 USD succeeded.");
    const fx::NotifyHost host = only<fx::NotifyHost>(done);
    BOOST_TEST((host.kind == fx::HostEventKind::succeeded));
    BOOST_TEST(host.payment_id == "pay_key-1");
    BOOST_TEST(c.state().result->receipt_url == "/api/v1/receipts/pay_key-1");
    BOOST_TEST(!c.can_pay_remainder());
    BOOST_TEST(c.state().details.card.number.empty());  // no card data kept on the receipt screen
    BOOST_TEST(c.dispatch(ev::PayRemainder{}).empty());
    BOOST_TEST(keys.issued == 1);
}

// --- journey: partial payment, then the remainder with another card ----------
BOOST_AUTO_TEST_CASE(partial_then_remainder) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    c.dispatch(ev::Loaded{sample_view(sample_invoice(true), pw::SessionKind::link)});
    c.dispatch(ev::Continue{});  // "Pay Now"
    BOOST_TEST_REQUIRE(c.state().stage == Stage::amount);
    BOOST_TEST(c.partial_available());
    BOOST_TEST(c.state().view->options.minimum == 5000);  // 25% of 200.00

    c.dispatch(ev::ChoosePartial{"49.99", {}});
    BOOST_TEST(c.state().amount_error.code == "below_minimum");
    std::vector<pw::Effect> blocked = c.dispatch(ev::Continue{});
    BOOST_TEST(c.state().stage == Stage::amount);
    BOOST_TEST(only<fx::Focus>(blocked).field == "amount");
    BOOST_TEST(!announced(blocked).empty());

    c.dispatch(ev::ChoosePartial{"12,50", {}});  // "," is grouping: not 12.50
    BOOST_TEST(c.state().amount_error.code == "invalid_amount");
    c.dispatch(ev::ChoosePartial{"200.01", {}});
    BOOST_TEST(c.state().amount_error.code == "above_balance");
    c.dispatch(ev::ChoosePartial{"60,00", {",", "."}});  // a comma-decimal locale
    BOOST_TEST(c.state().amount_error.ok());
    BOOST_TEST(c.state().amount == 6000);
    c.dispatch(ev::ChoosePartial{"", {}});
    c.dispatch(ev::Continue{});
    BOOST_TEST(c.state().stage == Stage::amount);  // empty partial amount
    c.dispatch(ev::ChoosePartial{"60.00", {}});
    c.dispatch(ev::Continue{});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::method);
    c.dispatch(ev::ChooseMethod{{pw::ChoiceKind::new_card, "", pw::BankScheme::ach}});
    c.dispatch(ev::DetailsChanged{card("4242424242424242")});
    const fx::SendPayment first = submit_card(c, "tok_1", "4242");
    BOOST_TEST(first.request.amount == 6000);
    c.dispatch(ev::PaymentDone{payment_response(first, pw::PaymentStatus::succeeded, 14000, 1)});
    BOOST_TEST(c.state().stage == Stage::succeeded);
    BOOST_TEST(c.can_pay_remainder());

    // The same link pays the rest: the server's fresh view, one payment left.
    const std::vector<pw::Effect> again = c.dispatch(ev::PayRemainder{});
    BOOST_TEST(all_of<fx::FetchView>(again).size() == 1u);
    BOOST_TEST(c.state().stage == Stage::loading);
    c.dispatch(
        ev::Loaded{sample_view(sample_invoice(true, {pw::BankScheme::ach}, {6000}), pw::SessionKind::link)});
    BOOST_TEST(c.state().view->options.payments_left == 1);
    BOOST_TEST(!c.partial_available());  // the last payment must clear the balance
    c.dispatch(ev::Continue{});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::method);  // amount skipped
    BOOST_TEST(c.state().amount == 14000);
    c.dispatch(ev::ChooseMethod{{pw::ChoiceKind::new_card, "", pw::BankScheme::ach}});
    c.dispatch(ev::DetailsChanged{card("5555 5555 5555 4444")});
    const fx::SendPayment second = submit_card(c, "tok_2", "4444");
    BOOST_TEST(second.key == "key-2");
    BOOST_TEST(second.request.amount == 14000);
    BOOST_TEST(second.request.token == "tok_2");
    c.dispatch(ev::PaymentDone{payment_response(second, pw::PaymentStatus::succeeded, 0, 0)});
    BOOST_TEST(!c.can_pay_remainder());
}

// --- journey: decline, then retry with another card (new key) ----------------
BOOST_AUTO_TEST_CASE(decline_then_retry_with_new_key) {
    Keys keys;
    Checkout c(keys.source());
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4000 0000 0000 9995");
    const fx::SendPayment first = submit_card(c, "tok_1", "9995");
    const std::vector<pw::Effect> d = c.dispatch(ev::PaymentDone{payment_response(
        first, pw::PaymentStatus::declined, 20000, 2, "visa", "4242", "insufficient_funds")});
    BOOST_TEST(c.state().stage == Stage::declined);
    BOOST_TEST(c.state().decline.code == "insufficient_funds");
    BOOST_TEST(announced(d).find("insufficient funds") != std::string::npos);
    const fx::NotifyHost host = only<fx::NotifyHost>(d);
    BOOST_TEST((host.kind == fx::HostEventKind::declined));
    BOOST_TEST(host.code == "insufficient_funds");
    // Inputs are kept, unlocked, and the payer can submit again.
    BOOST_TEST(c.state().details.card.number == "4000 0000 0000 9995");
    BOOST_TEST(c.state().details.card.name == "Grace Hopper");
    BOOST_TEST(!c.is_locked());
    BOOST_TEST(c.can_submit());

    c.dispatch(ev::DetailsChanged{card("4242 4242 4242 4242")});
    const fx::SendPayment second = submit_card(c, "tok_2", "4242");
    BOOST_TEST(second.key == "key-2");
    BOOST_TEST(second.key != first.key);
    BOOST_TEST(second.request.token == "tok_2");

    // A decline that concerns a field focuses it.
    const std::vector<pw::Effect> cvc = c.dispatch(ev::PaymentDone{
        payment_response(second, pw::PaymentStatus::declined, 20000, 2, "visa", "4242", "incorrect_cvc")});
    BOOST_TEST(only<fx::Focus>(cvc).field == "cvc");
    // "Try again" goes back to the filled form.
    c.dispatch(ev::Retry{});
    BOOST_TEST(c.state().stage == Stage::details);
    BOOST_TEST(c.state().details.card.number == "4242 4242 4242 4242");
    // Lost/stolen declines reach the payer as a generic decline.
    const fx::SendPayment third = submit_card(c, "tok_3", "4242");
    BOOST_TEST(third.key == "key-3");
    pw::PaymentResponse stolen = payment_response(third, pw::PaymentStatus::declined, 20000, 2);
    stolen.payment.decline = pw::Decline{"stolen_card", ""};
    c.dispatch(ev::PaymentDone{stolen});
    BOOST_TEST(c.state().decline.code == "generic_decline");
    BOOST_TEST(c.state().decline.message.find("HSA or FSA") != std::string::npos);
}

// --- journey: no response, retry reuses the key and the body -----------------
BOOST_AUTO_TEST_CASE(network_failure_retry_reuses_key) {
    Keys keys;
    Checkout c(keys.source());
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4242 4242 4242 4242");
    const fx::SendPayment first = submit_card(c, "tok_1", "4242");
    const std::vector<pw::Effect> lost = c.dispatch(ev::NoResponse{});
    BOOST_TEST(c.state().stage == Stage::failed);
    BOOST_TEST((c.state().failure == pw::FailureKind::no_response));
    BOOST_TEST(!announced(lost).empty());
    // Outcome unknown: the body must not change under the key.
    BOOST_TEST(c.is_locked());
    BOOST_TEST(c.can_retry());
    BOOST_TEST(!c.can_go_back());
    BOOST_TEST(!c.can_submit());
    BOOST_TEST(c.dispatch(ev::Back{}).empty());
    BOOST_TEST(c.dispatch(ev::Submit{}).empty());
    BOOST_TEST(c.dispatch(ev::DetailsChanged{card("5555555555554444")}).empty());
    BOOST_TEST(c.dispatch(ev::ChooseMethod{{pw::ChoiceKind::bank_debit, "", pw::BankScheme::ach}}).empty());

    const fx::SendPayment retry = only<fx::SendPayment>(c.dispatch(ev::Retry{}));
    BOOST_TEST(retry.key == first.key);
    BOOST_TEST(pw::canonical_body(retry.request) == pw::canonical_body(first.request));
    BOOST_TEST(c.state().attempt.sends == 2);
    BOOST_TEST(keys.issued == 1);

    // The server still works on the first request: same key once more.
    pw::ApiError busy = pw::to_api_error(pw::make_error("in_progress", "", ""));
    c.dispatch(ev::PaymentFailed{busy});
    BOOST_TEST((c.state().failure == pw::FailureKind::not_processed));
    BOOST_TEST(c.is_locked());
    BOOST_TEST(only<fx::SendPayment>(c.dispatch(ev::Retry{})).key == "key-1");
    // The replayed stored response finishes the attempt; the next is new.
    c.dispatch(ev::PaymentDone{
        payment_response(first, pw::PaymentStatus::declined, 20000, 2, "visa", "4242", "generic_decline")});
    BOOST_TEST(c.state().stage == Stage::declined);
    const fx::SendPayment next = submit_card(c, "tok_2", "4242");
    BOOST_TEST(next.key == "key-2");
}

BOOST_AUTO_TEST_CASE(late_answer_after_timeout_is_accepted) {
    Keys keys;
    Checkout c(keys.source());
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4242 4242 4242 4242");
    const fx::SendPayment first = submit_card(c, "tok_1", "4242");
    c.dispatch(ev::NoResponse{});
    c.dispatch(ev::PaymentDone{payment_response(first, pw::PaymentStatus::succeeded, 0, 1)});
    BOOST_TEST(c.state().stage == Stage::succeeded);
    BOOST_TEST(c.dispatch(ev::Retry{}).empty());  // nothing left to retry
}

BOOST_AUTO_TEST_CASE(no_response_to_the_token_request_retokenizes) {
    Keys keys;
    Checkout c(keys.source());
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4242 4242 4242 4242");
    only<fx::RequestToken>(c.dispatch(ev::Submit{}));
    c.dispatch(ev::NoResponse{});
    BOOST_TEST(c.state().stage == Stage::failed);
    const std::vector<pw::Effect> again = c.dispatch(ev::Retry{});
    BOOST_TEST(all_of<fx::RequestToken>(again).size() == 1u);
    BOOST_TEST(all_of<fx::SendPayment>(again).empty());
    const fx::SendPayment send =
        only<fx::SendPayment>(c.dispatch(ev::TokenCreated{card_token("tok_2", "visa", "4242")}));
    BOOST_TEST(send.key == "key-1");  // that key was never used
    BOOST_TEST(send.request.token == "tok_2");
}

BOOST_AUTO_TEST_CASE(processing_error_and_server_errors) {
    Keys keys;
    Checkout c(keys.source());
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4000 0000 0000 0119");
    const fx::SendPayment first = submit_card(c, "tok_1", "0119");
    // A processing error is a response: retry is a new attempt with a new key and token.
    c.dispatch(ev::PaymentDone{
        payment_response(first, pw::PaymentStatus::failed, 20000, 2, "visa", "4242", "processing_error")});
    BOOST_TEST(c.state().stage == Stage::failed);
    BOOST_TEST((c.state().failure == pw::FailureKind::processing_error));
    BOOST_TEST(!c.is_locked());
    BOOST_TEST(c.can_retry());
    const std::vector<pw::Effect> retry = c.dispatch(ev::Retry{});
    only<fx::RequestToken>(retry);
    const fx::SendPayment second =
        only<fx::SendPayment>(c.dispatch(ev::TokenCreated{card_token("tok_2", "visa", "0119")}));
    BOOST_TEST(second.key == "key-2");
    // A 500 says nothing about the charge: keep the key.
    c.dispatch(ev::PaymentFailed{pw::to_api_error(pw::make_error("internal_error", "", ""))});
    BOOST_TEST(c.is_locked());
    BOOST_TEST(only<fx::SendPayment>(c.dispatch(ev::Retry{})).key == "key-2");
    // A 422 on the amount (someone paid meanwhile): back to the amount, new attempt later.
    c.dispatch(ev::PaymentFailed{pw::to_api_error(pw::make_error("above_balance", "amount", "Enter at most 50.00 USD."))});
    BOOST_TEST(c.state().stage == Stage::amount);
    BOOST_TEST(c.state().amount_error.code == "above_balance");
    BOOST_TEST(!c.state().attempt.request_ready);
}

BOOST_AUTO_TEST_CASE(token_rejected_by_server_points_at_field) {
    Keys keys;
    Checkout c(keys.source());
    // A number the core accepts and the server (knowing more) refuses.
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4000 0566 5566 5556");
    c.dispatch(ev::Submit{});
    const std::vector<pw::Effect> out = c.dispatch(ev::TokenFailed{pw::to_api_error(
        pw::make_error("invalid_card_number", "number", "Your card number is invalid. Check it and try again."))});
    BOOST_TEST(c.state().stage == Stage::details);
    BOOST_TEST(only<fx::Focus>(out).field == "number");
    BOOST_TEST(!c.can_submit());
    BOOST_TEST(c.state().details.card.number == "4000 0566 5566 5556");
    // Rate limited tokenization: retry re-tokenizes later.
    c.dispatch(ev::DetailsChanged{card("4242 4242 4242 4242")});
    c.dispatch(ev::Submit{});
    pw::ApiError limited = pw::to_api_error(pw::make_error("rate_limited", "", ""));
    c.dispatch(ev::TokenFailed{limited});
    BOOST_TEST(c.state().stage == Stage::failed);
    only<fx::RequestToken>(c.dispatch(ev::Retry{}));
}

// --- journey: double click / Enter twice sends one payment -------------------
BOOST_AUTO_TEST_CASE(double_submit_sends_once) {
    Keys keys;
    Checkout c(keys.source());
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4242 4242 4242 4242");
    std::vector<pw::Effect> all;
    auto run = [&](const pw::Event& e) {
        auto out = c.dispatch(e);
        all.insert(all.end(), out.begin(), out.end());
    };
    run(ev::Submit{});
    run(ev::Submit{});  // double click
    run(ev::TokenCreated{card_token("tok_1", "visa", "4242")});
    run(ev::Submit{});  // Enter while paying
    run(ev::TokenCreated{card_token("tok_1", "visa", "4242")});  // a duplicated callback
    run(ev::Retry{});
    BOOST_TEST(all_of<fx::RequestToken>(all).size() == 1u);
    BOOST_TEST(all_of<fx::SendPayment>(all).size() == 1u);
    BOOST_TEST(keys.issued == 1);
    // Saved card in a portal: no token step, still exactly one send.
    Keys keys2;
    Checkout p(keys2.source());
    p.start();
    p.dispatch(ev::Loaded{sample_view(sample_invoice(false), pw::SessionKind::portal)});
    p.dispatch(ev::Continue{});
    p.dispatch(ev::ChooseMethod{{pw::ChoiceKind::saved_card, "pm_1", pw::BankScheme::ach}});
    std::size_t sends = all_of<fx::SendPayment>(p.dispatch(ev::Submit{})).size();
    sends += all_of<fx::SendPayment>(p.dispatch(ev::Submit{})).size();
    BOOST_TEST(sends == 1u);
}

// --- journey: expired, revoked, unknown link; load failures -----------------
BOOST_AUTO_TEST_CASE(expired_revoked_unknown_links) {
    for (const char* code : {"link_expired", "link_revoked", "link_unknown"}) {
        Keys keys;
        Checkout c(keys.source());
        c.start();
        pw::ApiError e = pw::to_api_error(pw::make_error(code, "", ""));
        e.practitioner = pw::Contact{"Dr. Ada Lovelace", "ada@practice.example", "+1 555 0100"};
        const std::vector<pw::Effect> out = c.dispatch(ev::LoadFailed{e});
        BOOST_TEST(pw::stage_id(c.state().stage) == code);
        BOOST_TEST(c.state().load_error.practitioner->email == "ada@practice.example");
        BOOST_TEST(announced(out).find("practitioner") != std::string::npos);
        // Nothing leads out of it into a payment.
        BOOST_TEST(c.dispatch(ev::Continue{}).empty());
        BOOST_TEST(c.dispatch(ev::Submit{}).empty());
        BOOST_TEST(c.dispatch(ev::Loaded{sample_view(sample_invoice(false), pw::SessionKind::link)}).empty());
        BOOST_TEST(!c.can_retry());
    }
}

BOOST_AUTO_TEST_CASE(load_failure_can_be_retried) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    c.dispatch(ev::NoResponse{});
    BOOST_TEST(c.state().stage == Stage::load_failed);
    BOOST_TEST(c.state().load_error.code == "network_error");
    BOOST_TEST(c.can_retry());
    BOOST_TEST(all_of<fx::FetchView>(c.dispatch(ev::Retry{})).size() == 1u);
    c.dispatch(ev::LoadFailed{pw::to_api_error(pw::make_error("internal_error", "", ""))});
    BOOST_TEST(c.state().stage == Stage::load_failed);
    c.dispatch(ev::Reload{});
    c.dispatch(ev::Loaded{sample_view(sample_invoice(false), pw::SessionKind::link)});
    BOOST_TEST(c.state().stage == Stage::review);
}

// --- journey: activated portal account -> login required ---------------------
BOOST_AUTO_TEST_CASE(login_required) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    pw::ApiError e = pw::to_api_error(pw::make_error("login_required", "", ""));
    e.login_url = "/portal/login?next=%2Fportal%2Finvoices%2Finv_1";
    c.dispatch(ev::LoadFailed{e});
    BOOST_TEST(c.state().stage == Stage::login_required);
    BOOST_TEST(c.state().load_error.login_url == e.login_url);
    BOOST_TEST(c.method_options().empty());
    BOOST_TEST(c.dispatch(ev::Submit{}).empty());
}

// --- journey: bank debit (ACH) with the mandate --------------------------------
BOOST_AUTO_TEST_CASE(bank_debit_with_mandate) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    c.dispatch(ev::Loaded{sample_view(sample_invoice(false, {pw::BankScheme::ach, pw::BankScheme::sepa}),
                                      pw::SessionKind::link)});
    c.dispatch(ev::Continue{});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::method);
    BOOST_TEST(c.method_options().size() == 3u);  // new card, ach, sepa
    c.dispatch(ev::ChooseMethod{{pw::ChoiceKind::bank_debit, "", pw::BankScheme::ach}});
    BOOST_TEST(c.state().stage == Stage::details);
    BOOST_TEST_REQUIRE(c.mandate() != nullptr);
    const std::string ach_version = pw::mandate_text(pw::BankScheme::ach, "en", "").version;
    BOOST_TEST(c.mandate()->version == ach_version);

    pw::TokenRequest bank = ach_debit();
    bank.bank.scheme = pw::BankScheme::sepa;  // the UI's value is overridden by the choice
    bank.mandate = {false, "bogus"};
    c.dispatch(ev::DetailsChanged{bank});
    BOOST_TEST(!c.can_submit());
    BOOST_TEST(c.state().details_error.code == "mandate_not_accepted");
    const std::vector<pw::Effect> refused = c.dispatch(ev::Submit{});
    BOOST_TEST(only<fx::Focus>(refused).field == "mandate.accepted");
    bank.mandate.accepted = true;
    c.dispatch(ev::DetailsChanged{bank});
    BOOST_TEST(c.can_submit());

    const fx::RequestToken tok = only<fx::RequestToken>(c.dispatch(ev::Submit{}));
    BOOST_TEST((tok.request.type == pw::MethodType::bank_debit));
    BOOST_TEST((tok.request.bank.scheme == pw::BankScheme::ach));
    BOOST_TEST(tok.request.mandate.accepted);
    BOOST_TEST(tok.request.mandate.text_version == ach_version);
    pw::TokenResponse t{"tok_b", {pw::MethodType::bank_debit, "ach", "6789"}, 0, 0};
    const fx::SendPayment send = only<fx::SendPayment>(c.dispatch(ev::TokenCreated{t}));
    BOOST_TEST(send.request.token == "tok_b");
    const std::vector<pw::Effect> done =
        c.dispatch(ev::PaymentDone{payment_response(send, pw::PaymentStatus::processing, 0, 1)});
    BOOST_TEST(c.state().stage == Stage::succeeded);
    BOOST_TEST(announced(done).find("processing") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bank_debit_return_gets_bank_wording) {
    Keys keys;
    Checkout c(keys.source());
    to_ach_details(c);
    c.dispatch(ev::Submit{});
    const fx::SendPayment send = only<fx::SendPayment>(
        c.dispatch(ev::TokenCreated{{"tok_b", {pw::MethodType::bank_debit, "ach", "0000"}, 0, 0}}));
    pw::PaymentResponse r = payment_response(send, pw::PaymentStatus::failed, 20000, 2);
    r.payment.decline = pw::Decline{"account_closed", ""};
    c.dispatch(ev::PaymentDone{r});
    BOOST_TEST(c.state().stage == Stage::declined);  // not retryable: choose another way to pay
    BOOST_TEST(c.state().decline.code == "account_closed");
    BOOST_TEST(c.state().decline.message.find("account is closed") != std::string::npos);
}

// --- journey: saved cards only in a portal session ---------------------------
BOOST_AUTO_TEST_CASE(saved_card_only_in_portal_session) {
    // A link view that (wrongly) carries a wallet: the widget still hides it.
    pw::LinkView hostile = sample_view(sample_invoice(false, {}), pw::SessionKind::portal);
    hostile.session = pw::SessionKind::link;
    Keys keys;
    Checkout link(keys.source());
    link.start();
    link.dispatch(ev::Loaded{hostile});
    BOOST_TEST(link.state().view->saved_methods.empty());
    link.dispatch(ev::Continue{});
    // Card only, no wallet: one option, so the method step is skipped.
    BOOST_TEST(link.method_options().size() == 1u);
    BOOST_TEST(link.state().stage == Stage::details);
    BOOST_TEST(link.dispatch(ev::ChooseMethod{{pw::ChoiceKind::saved_card, "pm_1", pw::BankScheme::ach}}).empty());
    BOOST_TEST((link.state().method->kind == pw::ChoiceKind::new_card));
    link.dispatch(ev::SetSaveMethod{true});
    BOOST_TEST(!link.state().save_method);  // a family member's card never lands in the wallet
    link.dispatch(ev::Back{});
    BOOST_TEST(link.state().stage == Stage::review);  // back past the skipped step

    Keys pkeys;
    Checkout portal(pkeys.source());
    portal.start();
    portal.dispatch(ev::Loaded{sample_view(sample_invoice(false, {}), pw::SessionKind::portal)});
    portal.dispatch(ev::Continue{});
    const std::vector<pw::MethodChoice> options = portal.method_options();
    BOOST_TEST_REQUIRE(options.size() == 2u);
    BOOST_TEST((options[0].kind == pw::ChoiceKind::saved_card));
    BOOST_TEST(options[0].saved_id == "pm_1");
    BOOST_TEST(portal.dispatch(ev::ChooseMethod{{pw::ChoiceKind::saved_card, "pm_other", pw::BankScheme::ach}}).empty());
    portal.dispatch(ev::ChooseMethod{options[0]});
    BOOST_TEST(portal.can_submit());  // nothing to type for a saved card
    const std::vector<pw::Effect> out = portal.dispatch(ev::Submit{});
    BOOST_TEST(all_of<fx::RequestToken>(out).empty());
    const fx::SendPayment send = only<fx::SendPayment>(out);
    BOOST_TEST(send.request.payment_method_id == "pm_1");
    BOOST_TEST(send.request.token.empty());
    BOOST_TEST(!send.request.save_method);
    // A declined saved card: pick a new card and save it this time.
    portal.dispatch(ev::PaymentDone{
        payment_response(send, pw::PaymentStatus::declined, 20000, 2, "visa", "4242", "expired_card")});
    BOOST_TEST(portal.state().decline.field == "exp");
    portal.dispatch(ev::ChooseMethod{options[1]});
    BOOST_TEST(portal.state().stage == Stage::details);
    portal.dispatch(ev::SetSaveMethod{true});
    BOOST_TEST(portal.state().save_method);
    portal.dispatch(ev::DetailsChanged{card("4242 4242 4242 4242")});
    const fx::SendPayment saved = submit_card(portal, "tok_9", "4242");
    BOOST_TEST(saved.request.save_method);
    BOOST_TEST(saved.key == "key-2");
}

// --- the rest of the flow ----------------------------------------------------
BOOST_AUTO_TEST_CASE(nothing_due_shows_receipt) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    pw::LinkView v = sample_view(sample_invoice(false, {}, {20000}), pw::SessionKind::link);
    v.receipt_url = "/api/v1/receipts/pay_0";
    c.dispatch(ev::Loaded{v});
    BOOST_TEST(c.state().stage == Stage::nothing_due);
    BOOST_TEST(c.state().view->receipt_url == "/api/v1/receipts/pay_0");
    BOOST_TEST(c.dispatch(ev::Continue{}).empty());
}

BOOST_AUTO_TEST_CASE(back_walks_the_steps) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    c.dispatch(ev::Loaded{sample_view(sample_invoice(true), pw::SessionKind::link)});
    c.dispatch(ev::Continue{});
    c.dispatch(ev::Continue{});
    c.dispatch(ev::ChooseMethod{{pw::ChoiceKind::new_card, "", pw::BankScheme::ach}});
    BOOST_TEST(c.state().stage == Stage::details);
    c.dispatch(ev::Back{});
    BOOST_TEST(c.state().stage == Stage::method);
    c.dispatch(ev::Back{});
    BOOST_TEST(c.state().stage == Stage::amount);
    c.dispatch(ev::Back{});
    BOOST_TEST(c.state().stage == Stage::review);
    BOOST_TEST(!c.can_go_back());
    BOOST_TEST(c.dispatch(ev::Back{}).empty());
}

BOOST_AUTO_TEST_CASE(stale_and_out_of_place_events_change_nothing) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    pw::PaymentResponse stray;
    stray.payment.status = pw::PaymentStatus::succeeded;
    BOOST_TEST(c.dispatch(ev::PaymentDone{stray}).empty());
    BOOST_TEST(c.dispatch(ev::TokenCreated{card_token("tok", "visa", "4242")}).empty());
    BOOST_TEST(c.dispatch(ev::ChoosePartial{"10", {}}).empty());
    BOOST_TEST(c.state().stage == Stage::loading);
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4242 4242 4242 4242");
    c.dispatch(ev::Submit{});
    BOOST_TEST(c.dispatch(ev::Loaded{sample_view(sample_invoice(false), pw::SessionKind::link)}).empty());
    BOOST_TEST(c.dispatch(ev::Reload{}).empty());  // never abandon a request in flight
    BOOST_TEST(c.state().stage == Stage::submitting);
}

BOOST_AUTO_TEST_CASE(a_broken_key_source_never_sends) {
    Checkout c([] { return std::string("not a valid key!"); });
    to_card_details(c, sample_view(sample_invoice(false), pw::SessionKind::link), "4242 4242 4242 4242");
    const std::vector<pw::Effect> out = c.dispatch(ev::Submit{});
    BOOST_TEST(all_of<fx::RequestToken>(out).empty());
    BOOST_TEST(all_of<fx::SendPayment>(out).empty());
    BOOST_TEST(c.state().stage == Stage::failed);
    Checkout empty{pw::KeySource{}};
    to_card_details(empty, sample_view(sample_invoice(false), pw::SessionKind::link), "4242 4242 4242 4242");
    BOOST_TEST(all_of<fx::SendPayment>(empty.dispatch(ev::Submit{})).empty());
}

// --- which methods are offered: accepts() and can_save() ----------------------
BOOST_AUTO_TEST_CASE(methods_offered_follow_accepts_and_can_save) {
    // A portal client with a saved card, paying an invoice that takes only
    // ACH: neither the saved card nor a new card is offered.
    pw::Invoice bank_only = sample_invoice(false, {pw::BankScheme::ach});
    bank_only.accepted.card = false;
    Keys keys;
    Checkout c(keys.source());
    c.start();
    c.dispatch(ev::Loaded{sample_view(bank_only, pw::SessionKind::portal)});
    c.dispatch(ev::Continue{});
    const std::vector<pw::MethodChoice> options = c.method_options();
    BOOST_TEST_REQUIRE(options.size() == 1u);
    BOOST_TEST((options[0].kind == pw::ChoiceKind::bank_debit));
    BOOST_TEST((pw::method_type(options[0]) == pw::MethodType::bank_debit));
    BOOST_TEST(c.state().stage == Stage::details);  // the one option was chosen
    BOOST_TEST(!c.offers_save_method());            // a bank account is never kept
    c.dispatch(ev::SetSaveMethod{true});
    BOOST_TEST(!c.state().save_method);

    // An invoice whose accepted schemes have no mandate text: not offered.
    pw::LinkView no_text = sample_view(sample_invoice(false, {pw::BankScheme::sepa}), pw::SessionKind::portal);
    no_text.mandates.clear();
    Checkout d(keys.source());
    d.start();
    d.dispatch(ev::Loaded{no_text});
    d.dispatch(ev::Continue{});
    const std::vector<pw::MethodChoice> card_only = d.method_options();
    BOOST_TEST_REQUIRE(card_only.size() == 2u);  // the saved card, a new card
    d.dispatch(ev::ChooseMethod{card_only[0]});
    BOOST_TEST(!d.offers_save_method());  // already saved
    d.dispatch(ev::ChooseMethod{card_only[1]});
    BOOST_TEST(d.offers_save_method());
}

// --- after a bank decline, "Try again" focuses the bank form --------------------
BOOST_AUTO_TEST_CASE(bank_decline_retry_focuses_the_bank_form) {
    Keys keys;
    Checkout c(keys.source());
    to_ach_details(c);
    BOOST_TEST_REQUIRE(c.can_submit());
    c.dispatch(ev::Submit{});
    const fx::SendPayment send = only<fx::SendPayment>(
        c.dispatch(ev::TokenCreated{{"tok_b", {pw::MethodType::bank_debit, "ach", "6789"}, 0, 0}}));
    pw::PaymentResponse r = payment_response(send, pw::PaymentStatus::declined, 20000, 2);
    r.payment.decline = pw::Decline{"account_closed", ""};  // names no field
    const std::vector<pw::Effect> declined = c.dispatch(ev::PaymentDone{r});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::declined);
    for (const fx::Focus& f : all_of<fx::Focus>(declined)) BOOST_TEST(f.field != "number");
    const fx::Focus focus = only<fx::Focus>(c.dispatch(ev::Retry{}));
    BOOST_TEST(focus.field == "account_holder");  // the bank form has no "number"
    BOOST_TEST(c.state().stage == Stage::details);
}

// --- the form-field list ---------------------------------------------------------
BOOST_AUTO_TEST_CASE(form_fields_per_method) {
    BOOST_TEST(pw::first_form_field(pw::MethodType::card) == "number");
    for (pw::BankScheme s : {pw::BankScheme::ach, pw::BankScheme::pad, pw::BankScheme::sepa}) {
        const auto fields = pw::form_fields(pw::MethodType::bank_debit, s);
        BOOST_TEST(fields.front() == "account_holder");
        BOOST_TEST(fields.back() == "mandate.accepted");
        for (std::string_view f : fields) BOOST_TEST(pw::is_form_field(f), f);
    }
    BOOST_TEST(pw::form_fields(pw::MethodType::bank_debit, pw::BankScheme::sepa).size() == 3u);
    BOOST_TEST(!pw::is_form_field("token"));
    BOOST_TEST(pw::is_details_field("token"));
    BOOST_TEST(!pw::is_details_field("amount"));
}

// --- the checkout judges the details and the plan itself ---------------------------
BOOST_AUTO_TEST_CASE(checkout_derives_details_valid_from_the_core_validators) {
    Keys keys;
    Checkout c(keys.source());
    to_card_details(c, sample_view(sample_invoice(false, {}), pw::SessionKind::link), "4242 4242 4242 4241");
    // A failing Luhn check: whatever a screen thinks, the form is not complete.
    BOOST_TEST(!c.can_submit());
    BOOST_TEST(c.state().details_error.field == "number");
    const std::vector<pw::Effect> refused = c.dispatch(ev::Submit{});
    BOOST_TEST(all_of<fx::RequestToken>(refused).empty());
    BOOST_TEST(only<fx::Focus>(refused).field == "number");
    c.dispatch(ev::DetailsChanged{card("4242 4242 4242 4242")});
    BOOST_TEST(c.can_submit());
    BOOST_TEST(!c.state().details_error);
}

BOOST_AUTO_TEST_CASE(card_expiry_is_judged_by_the_views_today) {
    pw::TokenRequest jan25 = card("4242 4242 4242 4242");
    jan25.card.exp = "01/25";
    pw::LinkView view = sample_view(sample_invoice(false, {}), pw::SessionKind::link);
    Keys keys;
    Checkout in_january(keys.source());
    to_card_details(in_january, view, "4242 4242 4242 4242");
    in_january.dispatch(ev::DetailsChanged{jan25});
    BOOST_TEST(in_january.can_submit());  // today is 2025-01-15: valid through January

    view.today = {2025, 2, 1};
    Checkout in_february(keys.source());
    to_card_details(in_february, view, "4242 4242 4242 4242");
    in_february.dispatch(ev::DetailsChanged{jan25});
    BOOST_TEST(!in_february.can_submit());
    BOOST_TEST(in_february.state().details_error.field == "exp");
}

BOOST_AUTO_TEST_CASE(checkout_plans_the_remaining_balance) {
    Keys keys;
    Checkout c(keys.source());
    c.start();
    c.dispatch(ev::Loaded{sample_view(sample_invoice(true), pw::SessionKind::link)});
    BOOST_TEST(c.state().remaining_after == 0);  // the full balance by default
    c.dispatch(ev::Continue{});
    BOOST_TEST_REQUIRE(c.state().stage == Stage::amount);
    c.dispatch(ev::ChoosePartial{"60.00", {}});
    BOOST_TEST(c.state().amount == 6000);
    BOOST_TEST(c.state().remaining_after == 14000);
    c.dispatch(ev::ChoosePartial{"1.00", {}});  // below the minimum: no plan
    BOOST_TEST(c.state().remaining_after == 0);
    c.dispatch(ev::ChoosePartial{"150.00", {}});
    BOOST_TEST(c.state().remaining_after == 5000);
    c.dispatch(ev::ChooseFull{});
    BOOST_TEST(c.state().remaining_after == 0);
}

// What the checkout says aloud (aria-live) is in the payer's language.
BOOST_AUTO_TEST_CASE(announcements_speak_the_payers_language) {
    pw::Checkout c([] { return std::string("key-0123456789abcdef"); });
    c.set_locale("fr");
    c.start();
    pw::ApiError expired;
    expired.code = "link_expired";
    expired.message = std::string(pw::error_message_for("link_expired"));
    const std::vector<pw::Effect> out = c.dispatch(pw::ev::LoadFailed{expired});
    BOOST_TEST_REQUIRE(out.size() == 1u);
    const auto* said = std::get_if<pw::effect::Announce>(&out.front());
    BOOST_TEST_REQUIRE(said != nullptr);
    BOOST_TEST(said->text == pw::text("fr", "error.link_expired"));
    BOOST_TEST(said->text != expired.message);
}
