// A bank debit that is still processing is not "paid" (issue 13 item 2),
// against the real server binary with debits that settle only when the test
// says so (POST /api/v1/test/settle): the API's invoice fields
// (amount_paid, amount_processing, status), the reservation a second payer
// cannot pay again, the /pay page's status pill and totals, and the move to
// paid on settlement or back to open on a return.
#define BOOST_TEST_MODULE api_bank_processing
#include <boost/test/unit_test.hpp>

#include "api_steps.hpp"
#include "raw_reply.hpp"
#include "suite_server.hpp"

using namespace pws_test;

namespace {

// Debits stay processing for an hour unless a test settles them.
SuiteServer& env_slow_settling() {
    static SuiteServer e{3600};
    return e;
}

// The /pay page's status pill: the first badge, beside the invoice's
// heading (the summary above the widget, or the receipt shown instead).
std::string pay_page_badge(pwhttp::Client& c, const std::string& token) {
    const RawReply page = to_raw_reply(c.Get(("/pay/" + token).c_str()));
    BOOST_REQUIRE(page.status == 200);
    const std::size_t badge = page.body.find("<span class=\"badge ");
    BOOST_REQUIRE(badge != std::string::npos);
    return page.body.substr(badge, page.body.find("</span>", badge) + 7 - badge);
}

std::string pay_page(pwhttp::Client& c, const std::string& token) {
    return to_raw_reply(c.Get(("/pay/" + token).c_str())).body;
}

Reply pay_by_ach(pwhttp::Client& c, const SeededLink& link, const std::string& inv, std::int64_t amount,
                 const std::string& account = "000123456789") {
    Reply tok = post_token(c, link.token, ach_body(account));
    BOOST_REQUIRE(tok.status == 201);
    return post_payment(c, link.token, inv, pay_body(amount, tok.body["token"].get<std::string>()), new_key());
}

Reply settle(pwhttp::Client& c) { return to_reply(c.Post("/api/v1/test/settle", "", "application/json")); }

}  // namespace

BOOST_AUTO_TEST_CASE(a_processing_debit_reads_processing_not_paid_until_it_settles) {
    auto [inv, link] = env_slow_settling().invoice_with_link(InvoiceSpec{}.with_total(20000).bank(pw::BankScheme::ach));
    auto c = env_slow_settling().server.client();
    Reply r = pay_by_ach(*c, link, inv, 20000);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["payment"]["status"] == "processing");
    BOOST_TEST(r.body["invoice"]["balance"] == 0);
    BOOST_TEST(r.body["invoice"]["status"] == "processing");  // was "paid"

    Reply view = get_link(*c, link.token);
    BOOST_REQUIRE(view.status == 200);
    const json& i = view.body["invoice"];
    BOOST_TEST(i["amount_paid"] == 0);  // nothing settled yet
    BOOST_TEST(i["amount_processing"] == 20000);
    BOOST_TEST(i["balance"] == 0);  // reserved: nothing more due now
    BOOST_TEST(i["status"] == "processing");
    BOOST_TEST(i["payments"][0]["processing"] == true);
    BOOST_TEST(view.body["payable"] == false);

    // The reservation holds: a second payer (another card) cannot pay it again.
    Reply again = pay_by_card(*c, link.token, inv, 20000);
    BOOST_TEST(again.status == 409);
    BOOST_TEST(again.error_code() == "invoice_not_payable");

    // The page's pill and totals say the same.
    BOOST_TEST(pay_page_badge(*c, link.token) == "<span class=\"badge badge-processing\">Processing</span>");
    const std::string page = pay_page(*c, link.token);
    BOOST_TEST(page.find("Your bank debit of $200.00 is processing.") != std::string::npos);
    BOOST_TEST(page.find("This invoice is paid.") == std::string::npos);

    // The receipt's invoice and page.
    const std::string receipt = r.body["receipt_url"].get<std::string>();
    Reply rec = to_reply(c->Get(receipt.c_str(), link_auth(link.token)));
    BOOST_REQUIRE(rec.status == 200);
    BOOST_TEST(rec.body["invoice"]["status"] == "processing");
    BOOST_TEST(rec.body["invoice"]["amount_paid"] == 0);
    BOOST_TEST(rec.body["invoice"]["amount_processing"] == 20000);

    // Settled: paid, on the API and on the page.
    BOOST_REQUIRE(settle(*c).status == 200);
    view = get_link(*c, link.token);
    BOOST_TEST(view.body["invoice"]["status"] == "paid");
    BOOST_TEST(view.body["invoice"]["amount_paid"] == 20000);
    BOOST_TEST(view.body["invoice"]["amount_processing"] == 0);
    BOOST_TEST(view.body["invoice"]["payments"][0]["processing"] == false);
    BOOST_TEST(pay_page_badge(*c, link.token) == "<span class=\"badge badge-paid\">Paid</span>");
    BOOST_TEST(pay_page(*c, link.token).find("is processing") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_returned_debit_makes_the_amount_due_again) {
    auto [inv, link] = env_slow_settling().invoice_with_link(InvoiceSpec{}.with_total(20000).bank_only(pw::BankScheme::ach));
    auto c = env_slow_settling().server.client();
    Reply r = pay_by_ach(*c, link, inv, 20000, "000222222227");  // returned: insufficient funds
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["invoice"]["status"] == "processing");
    BOOST_TEST(pay_page_badge(*c, link.token) == "<span class=\"badge badge-processing\">Processing</span>");

    BOOST_REQUIRE(settle(*c).status == 200);
    Reply view = get_link(*c, link.token);
    BOOST_TEST(view.body["invoice"]["status"] == "open");
    BOOST_TEST(view.body["invoice"]["balance"] == 20000);
    BOOST_TEST(view.body["invoice"]["amount_processing"] == 0);
    BOOST_TEST(view.body["invoice"]["amount_paid"] == 0);
    BOOST_TEST(view.body["payable"] == true);
    BOOST_TEST(pay_page_badge(*c, link.token) == "<span class=\"badge badge-open\">Open</span>");
}

// Part by card, the rest by a debit: the settled part is paid, the debit's
// is processing, and the invoice is not paid until the debit settles.
BOOST_AUTO_TEST_CASE(a_card_part_and_a_processing_debit_are_told_apart) {
    auto [inv, link] = env_slow_settling().invoice_with_link(
        InvoiceSpec{}.with_total(20000).fixed_min(2500).bank(pw::BankScheme::ach));
    auto c = env_slow_settling().server.client();
    Reply first = pay_by_card(*c, link.token, inv, 5000);
    BOOST_REQUIRE(first.status == 200);
    BOOST_TEST(first.body["invoice"]["status"] == "partially_paid");
    Reply rest = pay_by_ach(*c, link, inv, 15000);
    BOOST_REQUIRE(rest.status == 200);
    BOOST_TEST(rest.body["invoice"]["status"] == "processing");
    Reply view = get_link(*c, link.token);
    BOOST_TEST(view.body["invoice"]["amount_paid"] == 5000);
    BOOST_TEST(view.body["invoice"]["amount_processing"] == 15000);
    const std::string page = pay_page(*c, link.token);
    BOOST_TEST(page.find("<dt>Processing (bank debit, not yet settled)</dt><dd class=\"num\">$150.00</dd>") !=
               std::string::npos);
    BOOST_REQUIRE(settle(*c).status == 200);
    BOOST_TEST(get_link(*c, link.token).body["invoice"]["status"] == "paid");
}

// A debit for part of the balance: the rest is still due, so the page keeps
// the widget, and the sentence above it is the processing one (reserved,
// days, returns), not "You have already paid part of this invoice".
BOOST_AUTO_TEST_CASE(a_partial_debit_leaves_the_rest_due_and_says_it_is_processing) {
    auto [inv, link] = env_slow_settling().invoice_with_link(
        InvoiceSpec{}.with_total(20000).fixed_min(2500).bank_only(pw::BankScheme::ach));
    auto c = env_slow_settling().server.client();
    Reply r = pay_by_ach(*c, link, inv, 5000);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["invoice"]["status"] == "partially_paid");
    BOOST_TEST(r.body["invoice"]["balance"] == 15000);
    Reply view = get_link(*c, link.token);
    BOOST_TEST(view.body["invoice"]["amount_paid"] == 0);
    BOOST_TEST(view.body["invoice"]["amount_processing"] == 5000);
    BOOST_TEST(view.body["payable"] == true);
    const std::string page = pay_page(*c, link.token);
    BOOST_TEST(page.find("<p class=\"aside\" data-note=\"processing\">Your bank debit is processing.") !=
               std::string::npos);
    BOOST_TEST(page.find("<p class=\"aside\" data-note=\"partially_paid\" hidden>") != std::string::npos);
    BOOST_TEST(page.find("<dt>Paid so far</dt><dd class=\"num\">$0.00</dd>") != std::string::npos);
}
