#define BOOST_TEST_MODULE host_events
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "paywidget/host_events.hpp"
#include "sample_link_view.hpp"

namespace {

std::set<std::string> keys(const nlohmann::json& j) {
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
    return out;
}

pw::CheckoutState loaded(const pw::Invoice& inv) {
    pw::CheckoutState s;
    s.stage = pw::Stage::review;
    s.view = pwtest::sample_view(inv);
    return s;
}

pw::PaymentResponse paid(std::string currency, std::int64_t amount, std::int64_t balance) {
    pw::PaymentResponse r;
    r.payment.id = "pay_1";
    r.payment.invoice_id = "inv_1";
    r.payment.amount = amount;
    r.payment.currency = std::move(currency);
    r.payment.method = {pw::MethodType::card, "visa", "4242"};
    r.invoice = {"inv_1", balance, balance == 0 ? pw::InvoiceStatus::paid : pw::InvoiceStatus::partially_paid, 0};
    r.receipt_url = "/api/v1/receipts/pay_1";
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ready_names_the_exponent_status_and_latest_receipt) {
    pw::CheckoutState s = loaded(pwtest::sample_invoice(true, {}, {5000}));
    s.view->receipt_url = "/api/v1/receipts/pay_0";
    const nlohmann::json e = pw::ready_event(s, "/pay/tok/receipts/");
    BOOST_TEST(e["stage"] == "review");
    BOOST_TEST(e["balance"] == 15000);
    BOOST_TEST(e["currency"] == "USD");
    BOOST_TEST(e["exponent"] == 2);
    BOOST_TEST(e["invoice_status"] == "partially_paid");
    BOOST_TEST(e["receipt_url"] == "/pay/tok/receipts/pay_0");
}

BOOST_AUTO_TEST_CASE(ready_without_a_payment_has_no_receipt_and_without_a_view_only_the_stage) {
    BOOST_TEST(!pw::ready_event(loaded(pwtest::sample_invoice()), "/portal/receipts/").contains("receipt_url"));
    pw::CheckoutState failed;
    failed.stage = pw::Stage::link_expired;
    BOOST_TEST((keys(pw::ready_event(failed, "/x/")) == std::set<std::string>{"stage"}));
}

// IQD: ISO 4217 says 3 digits where CLDR (a browser's Intl) says 0; a page
// that trusted Intl showed 1,000x the amount.
BOOST_AUTO_TEST_CASE(the_exponent_is_iso_4217s_not_cldrs) {
    BOOST_TEST(pw::succeeded_event(paid("IQD", 250000, 0), "/r/")["exponent"] == 3);
    BOOST_TEST(pw::succeeded_event(paid("JPY", 2500, 0), "/r/")["exponent"] == 0);
    BOOST_TEST(pw::succeeded_event(paid("USD", 2500, 0), "/r/")["exponent"] == 2);
}

BOOST_AUTO_TEST_CASE(succeeded_has_the_documented_fields_and_no_card_digits) {
    const nlohmann::json e = pw::succeeded_event(paid("USD", 5000, 15000), "/pay/tok/receipts/");
    BOOST_TEST((keys(e) == std::set<std::string>{"payment_id", "invoice_id", "amount", "currency", "exponent", "status",
                                                 "balance", "invoice_status", "method", "receipt_url"}));
    BOOST_TEST(e["status"] == "succeeded");
    BOOST_TEST(e["invoice_status"] == "partially_paid");
    BOOST_TEST(e["method"] == "Visa");
    BOOST_TEST(e["receipt_url"] == "/pay/tok/receipts/pay_1");
    BOOST_TEST(e.dump().find("4242") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_remainder_paid_in_full_says_paid) {
    BOOST_TEST(pw::succeeded_event(paid("USD", 15000, 0), "/r/")["invoice_status"] == "paid");
}

BOOST_AUTO_TEST_CASE(receipt_payment_id_reads_only_receipt_paths) {
    BOOST_TEST(pw::receipt_payment_id("/api/v1/receipts/pay_9") == "pay_9");
    BOOST_TEST(pw::receipt_payment_id("/api/v1/receipts/").empty());
    BOOST_TEST(pw::receipt_payment_id("").empty());
    BOOST_TEST(pw::receipt_payment_id("/pay/x/receipts/pay_9").empty());
}

BOOST_AUTO_TEST_CASE(a_processing_bank_debit_says_when_it_usually_settles) {
    pw::PaymentResponse r = paid("USD", 57000, 0);
    r.payment.status = pw::PaymentStatus::processing;
    r.payment.method = {pw::MethodType::bank_debit, "ach", "6789"};
    const nlohmann::json e = pw::succeeded_event(r, "/r/");
    BOOST_TEST(e["status"] == "processing");
    BOOST_TEST(e["method"] == "US bank account");
    BOOST_TEST(e["settles_within_business_days"] == 4);
    BOOST_TEST(!pw::succeeded_event(paid("USD", 100, 0), "/r/").contains("settles_within_business_days"));
}

// After a reload, a page learns the invoice's state from `ready`: a balance
// covered by a bank debit that has not settled is "processing", not "paid"
// (issue 13 item 2), so the page does not say "paid" too early.
BOOST_AUTO_TEST_CASE(ready_says_processing_while_a_debit_covers_the_balance) {
    pw::Invoice inv = pwtest::sample_invoice(false, {pw::BankScheme::ach}, {20000});
    inv.payments[0].processing = true;
    pw::Result<pw::Invoice> live = pw::recompute_totals(inv);
    BOOST_TEST_REQUIRE(live.ok(), live.error.message);
    const nlohmann::json e = pw::ready_event(loaded(live.value), "/r/");
    BOOST_TEST(e["balance"] == 0);
    BOOST_TEST(e["invoice_status"] == "processing");
    inv.payments[0].processing = false;  // settled
    BOOST_TEST(pw::ready_event(loaded(pw::recompute_totals(inv).value), "/r/")["invoice_status"] == "paid");
}
