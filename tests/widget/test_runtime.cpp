// The runtime itself (wasm/runtime/widget_runtime.hpp), with the fake host:
// real effects through the real API client (requests answered as the
// server would, status and body), the page events it sends, and the step
// screens' memory, which starts afresh with every new attempt.
#define BOOST_TEST_MODULE widget_runtime
#include <boost/test/unit_test.hpp>

#include "paywidget/api.hpp"
#include "paywidget/messages.hpp"
#include "widget_steps.hpp"

using namespace pwtest;
using pw::Stage;
namespace fx = pw::effect;

namespace {
template <class T>
std::string body_of(const T& value) {
    return pw::dump_body(pw::encode(value));
}

const FakeHttp::Sent& last_request(const HeadlessWidget& w) {
    BOOST_TEST_REQUIRE(!w.requests().empty());
    return w.requests().back();
}

const pwui::A11yItem& checked_radio(const HeadlessWidget& w, const std::string& group) {
    for (const pwui::A11yItem& i : w.items())
        if (i.role == Role::radio && i.extra == group && i.checked) return i;
    BOOST_FAIL("no " + group + " radio is checked\n" + w.dump());
    return w.items().front();
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_view_is_fetched_over_http_and_shown) {
    HeadlessWidget w;
    w.start();
    BOOST_TEST_REQUIRE(w.requests().size() == 1u);
    const pwui::HttpRequest& get = w.requests().front().request;
    BOOST_TEST(get.method == "GET");
    BOOST_TEST(get.path == "/api/v1/links/lnk_test");
    BOOST_TEST(get.authorization == "Link lnk_test");
    BOOST_TEST(w.stage() == Stage::loading);
    BOOST_TEST(w.page().notices.empty(), "nothing to tell the page while loading");

    BOOST_TEST_REQUIRE(w.answer(200, body_of(sample_view(sample_invoice()))));
    BOOST_TEST_REQUIRE(w.stage() == Stage::review, w.dump());
    BOOST_TEST(w.find(Role::button, "Pay Now") != nullptr, w.dump());
    // The page learns the widget is ready, once, with the language it speaks.
    BOOST_TEST_REQUIRE(w.page().notices.size() == 1u);
    BOOST_TEST(w.page().notices.front().type == "ready");
    BOOST_TEST(w.page().lang == "en");
    BOOST_TEST(w.page().marks == std::vector<std::string>{"loaded"});
}

BOOST_AUTO_TEST_CASE(a_portal_session_loads_by_invoice_with_the_cookie) {
    WidgetOptions o;
    o.link_token = "";
    o.invoice_id = "inv 42";
    HeadlessWidget w(o);
    w.start();
    BOOST_TEST_REQUIRE(w.requests().size() == 1u);
    BOOST_TEST(w.requests().front().request.path == "/api/v1/me/invoices/inv%2042");
    BOOST_TEST(w.requests().front().request.authorization.empty());
}

BOOST_AUTO_TEST_CASE(an_unreadable_view_and_a_lost_answer_are_load_failures) {
    HeadlessWidget w;
    w.start();
    BOOST_TEST_REQUIRE(w.answer(200, "{\"not\": \"a view\"}"));
    BOOST_TEST(w.stage() == Stage::load_failed);
    BOOST_TEST_REQUIRE(w.page().notices.size() == 2u);
    BOOST_TEST(w.page().notices[1].type == "error");
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Try again"), w.dump());
    BOOST_TEST_REQUIRE(w.requests().size() == 2u, "Try again fetches again");
    BOOST_TEST_REQUIRE(w.answer(0));
    BOOST_TEST(w.stage() == Stage::load_failed);
}

// A 5xx means the payment was not processed: Retry sends the same request
// with the same Idempotency-Key (no new token, no new key), and the success
// that follows reaches the page without card data.
BOOST_AUTO_TEST_CASE(a_payment_answered_5xx_is_retried_with_the_same_key) {
    HeadlessWidget w;
    w.start();
    BOOST_TEST_REQUIRE(w.answer(200, body_of(sample_view(sample_invoice()))));
    go_to_card_form(w);
    fill_card(w, "4242 4242 4242 4242");
    BOOST_TEST_REQUIRE(w.activate_id("submit"), w.dump());
    BOOST_TEST(last_request(w).request.path == "/api/v1/tokens");
    BOOST_TEST_REQUIRE(w.answer(201, body_of(card_token("tok_1", "visa", "4242"))));

    const pwui::HttpRequest first = last_request(w).request;
    BOOST_TEST(first.method == "POST");
    BOOST_TEST(first.path == "/api/v1/invoices/" + sample_invoice().id + "/payments");
    BOOST_TEST(first.idempotency_key == "test-key-1");
    BOOST_TEST(first.authorization == "Link lnk_test");
    BOOST_TEST(first.body.find("4242 4242") == std::string::npos, "the payment carries the token, not the card");

    pw::ApiError unavailable;
    unavailable.code = "processor_unavailable";
    unavailable.message = pw::text("en", "error.processor_unavailable");
    BOOST_TEST_REQUIRE(w.answer(503, body_of(unavailable)));
    BOOST_TEST_REQUIRE(w.stage() == Stage::failed, w.dump());
    BOOST_TEST_REQUIRE(w.activate(Role::button, pw::text("en", "widget.retry")), w.dump());

    const std::size_t tokens = [&] {
        std::size_t n = 0;
        for (const FakeHttp::Sent& s : w.requests()) n += s.request.path == "/api/v1/tokens";
        return n;
    }();
    BOOST_TEST(tokens == 1u);
    const pwui::HttpRequest again = last_request(w).request;
    BOOST_TEST(again.path == first.path);
    BOOST_TEST(again.idempotency_key == first.idempotency_key);
    BOOST_TEST(again.body == first.body);
    BOOST_TEST(w.keys_issued() == 1);

    const fx::SendPayment sent = w.effects_of<fx::SendPayment>().back();
    BOOST_TEST_REQUIRE(w.answer(200, body_of(payment_response(sent, pw::PaymentStatus::succeeded, 0, 1))));
    BOOST_TEST_REQUIRE(w.stage() == Stage::succeeded, w.dump());
    const FakePage::Notice& done = w.page().notices.back();
    BOOST_TEST(done.type == "succeeded");
    BOOST_TEST(done.json.find("pay_test-key-1") != std::string::npos, done.json);
    BOOST_TEST(done.json.find("4242 4242") == std::string::npos, done.json);
}

// "Pay the remaining balance" starts a new attempt: the amount step does not
// show an error for a field the payer has not touched yet (Continue was
// pressed in the last attempt, not this one), and the method step
// highlights its first row again rather than the last attempt's choice.
BOOST_AUTO_TEST_CASE(pay_the_remainder_starts_the_steps_fresh) {
    // Up to three payments, so the second attempt may be partial too.
    auto invoice = [](std::vector<std::int64_t> paid) {
        pw::Invoice inv = sample_invoice(true, {}, std::move(paid));
        inv.partial.max_payments = 3;
        return inv;
    };
    HeadlessWidget w;
    w.load(sample_view(invoice({}), pw::SessionKind::portal));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST_REQUIRE(w.activate_id("pay-part"));
    BOOST_TEST_REQUIRE(w.type("amount", "50"));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::method, w.dump());
    BOOST_TEST(checked_radio(w, "method").id == "method-saved-pm_1", "the saved card comes first");
    BOOST_TEST_REQUIRE(w.activate(Role::radio, "Credit or debit card"));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    fill_card(w, "4242 4242 4242 4242");
    const fx::SendPayment sent = submit_and_tokenize(w);
    w.respond(pw::ev::PaymentDone{payment_response(sent, pw::PaymentStatus::succeeded, 15000, 1)});
    BOOST_TEST_REQUIRE(w.stage() == Stage::succeeded, w.dump());

    BOOST_TEST_REQUIRE(w.activate_id("pay-remainder"), w.dump());
    BOOST_TEST_REQUIRE(w.stage() == Stage::loading);
    w.respond(pw::ev::Loaded{sample_view(invoice({5000}), pw::SessionKind::portal)});
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"), w.dump());
    BOOST_TEST_REQUIRE(w.stage() == Stage::amount, w.dump());
    BOOST_TEST_REQUIRE(w.activate_id("pay-part"));
    BOOST_TEST(w.value("amount").empty(), "the success screen cleared the field");
    BOOST_TEST_REQUIRE(w.field("amount") != nullptr);
    BOOST_TEST(!w.field("amount")->invalid, "an untouched field shows no error before Continue\n" + w.dump());
    BOOST_TEST(w.focused("amount"));

    BOOST_TEST_REQUIRE(w.activate_id("pay-full"));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    BOOST_TEST_REQUIRE(w.stage() == Stage::method, w.dump());
    BOOST_TEST(checked_radio(w, "method").id == "method-saved-pm_1", w.dump());
}

// Each widget starts from nothing: what one payer highlighted is not the
// next one's (file-scope statics carried it from widget to widget).
BOOST_AUTO_TEST_CASE(a_new_widget_does_not_inherit_a_choice) {
    {
        HeadlessWidget first;
        first.load(sample_view(sample_invoice(false, {}), pw::SessionKind::portal));
        BOOST_TEST_REQUIRE(first.activate(Role::button, "Pay Now"));
        BOOST_TEST_REQUIRE(first.activate(Role::radio, "Credit or debit card"));
        BOOST_TEST(checked_radio(first, "method").id == "method-card");
    }
    HeadlessWidget second;
    second.load(sample_view(sample_invoice(false, {}), pw::SessionKind::portal));
    BOOST_TEST_REQUIRE(second.activate(Role::button, "Pay Now"));
    BOOST_TEST(checked_radio(second, "method").id == "method-saved-pm_1", second.dump());
}
