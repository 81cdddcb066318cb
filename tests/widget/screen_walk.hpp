// Every screen the widget has, reached the way a payer reaches it, with a
// check run on each: the suites that hold all screens to one rule (layout,
// target sizes, readability, label-in-name) share this one walk, so a new
// screen added here is checked by all of them. Header-only; include after
// <boost/test/unit_test.hpp>.
#pragma once

#include <functional>
#include <string>

#include "paywidget/messages.hpp"
#include "widget_steps.hpp"

namespace pwtest {

// A control's name in the walk's language (WidgetOptions::locale).
inline std::string tr(const WidgetOptions& o, std::string_view id) { return pw::text(o.locale, id); }

// `screen`: a short description for failure messages ("card form, Amex").
using ScreenCheck = std::function<void(const HeadlessWidget& w, const std::string& screen)>;

inline void walk_every_screen(const WidgetOptions& o, const ScreenCheck& check) {
    namespace fx = pw::effect;
    {
        HeadlessWidget w(o);
        w.start();
        check(w, "loading");
        w.respond(pw::ev::Loaded{sample_view(sample_invoice(true, {pw::BankScheme::ach, pw::BankScheme::pad}))});
        BOOST_TEST(w.settle());
        check(w, "review");
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.pay_now")));
        check(w, "amount");
        BOOST_TEST_REQUIRE(w.activate_id("pay-part"));
        w.type("amount", "1");
        w.blur("amount");
        BOOST_TEST(w.field("amount")->invalid);
        check(w, "amount with error");
        w.type("amount", "60");
        check(w, "amount valid partial");
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.continue")));
        check(w, "method");
        BOOST_TEST_REQUIRE(w.activate(Role::radio, tr(o, "widget.scheme_ach")));
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.continue")));
        w.type("routing_number", "123");
        w.blur("routing_number");
        check(w, "ACH form");
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.back")));
        BOOST_TEST_REQUIRE(w.activate(Role::radio, tr(o, "widget.scheme_pad")));
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.continue")));
        BOOST_TEST(w.field("transit_number") != nullptr, w.dump());
        check(w, "PAD form");
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.back")));
        BOOST_TEST_REQUIRE(w.activate(Role::radio, tr(o, "widget.new_card")));
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.continue")));
        w.type("number", "4242 4242 4242 4241");
        w.type("exp", "01/20");
        w.type("cvc", "1");
        w.blur("cvc");
        check(w, "card form with errors");
        fill_card(w, "3782 822463 10005", "12/34", "1234");
        check(w, "card form, Amex");
        BOOST_TEST_REQUIRE(w.activate_id("submit"));
        check(w, "submitting");
        w.respond(pw::ev::TokenCreated{card_token("tok_1", "amex", "0005")});
        const fx::SendPayment sent = w.effects_of<fx::SendPayment>().back();
        w.respond(pw::ev::PaymentDone{
            payment_response(sent, pw::PaymentStatus::declined, 20000, 2, "amex", "0005", "incorrect_cvc")});
        check(w, "declined");
        const fx::SendPayment again = submit_and_tokenize(w, "0005");
        w.respond(pw::ev::NoResponse{});
        check(w, "failed, no response");
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.retry")));
        w.respond(pw::ev::PaymentDone{payment_response(again, pw::PaymentStatus::succeeded, 14000, 1, "amex", "0005")});
        BOOST_TEST(w.settle());
        check(w, "succeeded, partial");
    }
    {
        // A portal client: saved card, the save-card checkbox, SEPA.
        HeadlessWidget w(o);
        w.load(sample_view(sample_invoice(false, {pw::BankScheme::sepa}), pw::SessionKind::portal));
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.pay_now")));
        check(w, "method with a saved card");
        BOOST_TEST_REQUIRE(w.activate(Role::radio, tr(o, "widget.scheme_sepa")));
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.continue")));
        check(w, "SEPA form");
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.back")));
        BOOST_TEST_REQUIRE(w.activate(Role::radio, tr(o, "widget.new_card")));
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.continue")));
        check(w, "card form with save checkbox");
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.back")));
        BOOST_TEST_REQUIRE(w.activate_id("method-saved-pm_1"));
        BOOST_TEST_REQUIRE(w.activate(Role::button, tr(o, "widget.continue")));
        check(w, "saved card");
    }
    {
        HeadlessWidget w(o);
        w.load(sample_view(sample_invoice(false, {}, {20000})));
        check(w, "nothing due");
    }
    {
        HeadlessWidget w(o);
        w.start();
        w.respond(pw::ev::NoResponse{});
        check(w, "load failed");
    }
    {
        HeadlessWidget w(o);
        w.start();
        w.respond(pw::ev::LoadFailed{link_expired_error()});
        check(w, "link expired");
    }
    {
        HeadlessWidget w(o);
        w.start();
        w.respond(pw::ev::LoadFailed{login_required_error()});
        check(w, "login required");
    }
}

}  // namespace pwtest
