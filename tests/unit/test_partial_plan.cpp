#define BOOST_TEST_MODULE partial_plan
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "paywidget/invoice.hpp"
#include "paywidget/partial_plan.hpp"

namespace {

pw::Invoice make_invoice(const std::string& currency, std::int64_t total,
                         const std::vector<std::int64_t>& paid = {}) {
    pw::Invoice inv;
    inv.id = "inv_t";
    inv.number = "T-1";
    inv.currency = currency;
    inv.items.push_back({"Session", 1, total, 0});
    for (std::size_t i = 0; i < paid.size(); ++i) {
        inv.payments.push_back({"pay_" + std::to_string(i), paid[i], pw::Date{2024, 1, 2}, "card"});
    }
    inv.partial.enabled = true;
    inv.partial.minimum_kind = pw::MinimumKind::percent;
    inv.partial.minimum_bps = 2500;
    auto r = pw::recompute_totals(inv);
    BOOST_TEST_REQUIRE(r.ok(), r.error.message);
    return r.value;
}

pw::Invoice with_fixed_minimum(pw::Invoice inv, std::int64_t minimum) {
    inv.partial.minimum_kind = pw::MinimumKind::fixed;
    inv.partial.minimum_amount = minimum;
    inv.partial.minimum_bps = 0;
    return inv;
}

std::string code_of(const pw::Invoice& inv, std::int64_t amount) {
    return pw::plan_payment(inv, amount).error.code;
}

}  // namespace

BOOST_AUTO_TEST_CASE(percent_minimum_rounds_up) {
    const pw::Invoice inv = make_invoice("USD", 10001);
    BOOST_TEST(pw::minimum_partial(inv.partial, 10001) == 2501);  // 2500.25 -> 2501
    BOOST_TEST(pw::minimum_partial(inv.partial, 10000) == 2500);  // exact stays
    BOOST_TEST(pw::minimum_partial(inv.partial, 1) == 1);         // 0.25 -> 1
    pw::PartialPaymentPolicy third = inv.partial;
    third.minimum_bps = 3333;
    BOOST_TEST(pw::minimum_partial(third, 3) == 1);     // 0.9999 -> 1
    BOOST_TEST(pw::minimum_partial(third, 10000) == 3333);
    BOOST_TEST(pw::minimum_partial(third, 10001) == 3334);  // 3333.3333 -> 3334
    // No overflow at the top of int64.
    third.minimum_bps = 10000;
    BOOST_TEST(pw::minimum_partial(third, INT64_MAX) == INT64_MAX);
}

BOOST_AUTO_TEST_CASE(exact_minimum_and_one_below) {
    const pw::Invoice inv = make_invoice("USD", 10001);
    auto at = pw::plan_payment(inv, 2501);
    BOOST_TEST_REQUIRE(at.ok(), at.error.message);
    BOOST_TEST((at.value.kind == pw::PlanKind::partial));
    BOOST_TEST(at.value.amount == 2501);
    BOOST_TEST(at.value.remaining_after == 7500);
    auto below = pw::plan_payment(inv, 2500);
    BOOST_TEST(below.error.code == "below_minimum");
    BOOST_TEST(below.error.field == "amount");
    BOOST_TEST(below.error.message == "Enter an amount of at least 25.01 USD.");
}

BOOST_AUTO_TEST_CASE(full_balance_and_overpay_by_one) {
    const pw::Invoice inv = make_invoice("USD", 10001);
    auto full = pw::plan_payment(inv, 10001);
    BOOST_TEST_REQUIRE(full.ok());
    BOOST_TEST((full.value.kind == pw::PlanKind::full));
    BOOST_TEST(full.value.remaining_after == 0);
    auto over = pw::plan_payment(inv, 10002);
    BOOST_TEST(over.error.code == "above_balance");
    BOOST_TEST(over.error.message.find("100.01 USD") != std::string::npos, over.error.message);
    BOOST_TEST(code_of(inv, INT64_MAX) == "above_balance");
    // The largest partial leaves exactly one minor unit.
    auto largest = pw::plan_payment(inv, 10000);
    BOOST_TEST_REQUIRE(largest.ok());
    BOOST_TEST((largest.value.kind == pw::PlanKind::partial));
    BOOST_TEST(largest.value.remaining_after == 1);
}

BOOST_AUTO_TEST_CASE(non_positive_amounts) {
    const pw::Invoice inv = make_invoice("USD", 10001);
    BOOST_TEST(code_of(inv, 0) == "invalid_amount");
    BOOST_TEST(code_of(inv, -1) == "invalid_amount");
    BOOST_TEST(code_of(inv, INT64_MIN) == "invalid_amount");
}

BOOST_AUTO_TEST_CASE(second_payment_must_clear_the_balance) {
    const pw::Invoice inv = make_invoice("USD", 10001, {4001});
    BOOST_TEST(inv.balance == 6000);
    auto p = pw::plan_payment(inv, 3000);
    BOOST_TEST(p.error.code == "must_pay_balance");
    BOOST_TEST(p.error.message.find("60.00 USD") != std::string::npos, p.error.message);
    auto full = pw::plan_payment(inv, 6000);
    BOOST_TEST_REQUIRE(full.ok());
    BOOST_TEST((full.value.kind == pw::PlanKind::full));
    BOOST_TEST(code_of(inv, 6001) == "above_balance");
    const pw::PlanOptions o = pw::plan_options(inv);
    BOOST_TEST(o.payments_left == 1);
    BOOST_TEST(o.full_only);
    BOOST_TEST(o.full_only_reason == "must_pay_balance");
    BOOST_TEST(o.minimum == 6000);
    BOOST_TEST(!o.partial_allowed);
}

BOOST_AUTO_TEST_CASE(payments_used_up_can_still_clear) {
    // Legacy data with more payments than the policy allows: still payable in full.
    const pw::Invoice inv = make_invoice("USD", 10000, {1000, 1000, 1000});
    const pw::PlanOptions o = pw::plan_options(inv);
    BOOST_TEST(o.payments_left == 0);
    BOOST_TEST(o.payable);
    BOOST_TEST(o.full_only_reason == "must_pay_balance");
    BOOST_TEST(pw::plan_payment(inv, 7000).ok());
    BOOST_TEST(code_of(inv, 6999) == "must_pay_balance");
}

BOOST_AUTO_TEST_CASE(balance_below_minimum_is_full_only) {
    // Fixed minimum 50.00 on a balance of 30.00.
    const pw::Invoice inv = with_fixed_minimum(make_invoice("USD", 3000), 5000);
    const pw::PlanOptions o = pw::plan_options(inv);
    BOOST_TEST(o.full_only);
    BOOST_TEST(o.full_only_reason == "balance_below_minimum");
    BOOST_TEST(o.minimum == 3000);
    BOOST_TEST(o.maximum_partial == 0);
    BOOST_TEST(code_of(inv, 1000) == "balance_below_minimum");
    BOOST_TEST(pw::plan_payment(inv, 3000).ok());
    // Minimum equal to the balance: no partial could leave anything.
    const pw::Invoice equal = with_fixed_minimum(make_invoice("USD", 5000), 5000);
    BOOST_TEST(pw::plan_options(equal).full_only_reason == "balance_below_minimum");
    // One unit above: exactly one partial amount exists.
    const pw::Invoice one_above = with_fixed_minimum(make_invoice("USD", 5001), 5000);
    const pw::PlanOptions oa = pw::plan_options(one_above);
    BOOST_TEST(oa.partial_allowed);
    BOOST_TEST(oa.minimum == 5000);
    BOOST_TEST(oa.maximum_partial == 5000);
    auto p = pw::plan_payment(one_above, 5000);
    BOOST_TEST_REQUIRE(p.ok());
    BOOST_TEST(p.value.remaining_after == 1);
    // A 100% minimum never allows a partial; a balance of one unit cannot be split.
    pw::Invoice all = make_invoice("USD", 10000);
    all.partial.minimum_bps = 10000;
    BOOST_TEST(pw::plan_options(all).full_only_reason == "balance_below_minimum");
    BOOST_TEST(pw::plan_options(make_invoice("USD", 1)).full_only_reason == "balance_below_minimum");
}

BOOST_AUTO_TEST_CASE(fixed_minimum) {
    const pw::Invoice inv = with_fixed_minimum(make_invoice("USD", 20000), 2500);
    BOOST_TEST(pw::plan_payment(inv, 2500).ok());
    auto below = pw::plan_payment(inv, 2499);
    BOOST_TEST(below.error.code == "below_minimum");
    BOOST_TEST(below.error.message == "Enter an amount of at least 25.00 USD.");
    const pw::PlanOptions o = pw::plan_options(inv);
    BOOST_TEST(o.minimum == 2500);
    BOOST_TEST(o.maximum_partial == 19999);
    BOOST_TEST(o.payments_left == 2);
}

BOOST_AUTO_TEST_CASE(zero_and_three_decimal_currencies) {
    const pw::Invoice jpy = with_fixed_minimum(make_invoice("JPY", 12000), 5000);
    BOOST_TEST(pw::plan_payment(jpy, 5000).value.remaining_after == 7000);
    BOOST_TEST(pw::plan_payment(jpy, 4999).error.message == "Enter an amount of at least 5000 JPY.");
    // KWD has 3 decimals: 10.001 KWD at 25% -> 2.50025 -> 2.501.
    const pw::Invoice kwd = make_invoice("KWD", 10001);
    BOOST_TEST(pw::plan_options(kwd).minimum == 2501);
    BOOST_TEST(pw::plan_payment(kwd, 2500).error.message ==
               "Enter an amount of at least 2.501 KWD.");
    BOOST_TEST(pw::plan_payment(kwd, 10002).error.message.find("10.001 KWD") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(partial_payments_off) {
    pw::Invoice inv = make_invoice("EUR", 10710);
    inv.partial.enabled = false;
    BOOST_TEST(code_of(inv, 5000) == "partial_not_allowed");
    BOOST_TEST(pw::plan_payment(inv, 10710).ok());
    const pw::PlanOptions o = pw::plan_options(inv);
    BOOST_TEST(o.full_only);
    BOOST_TEST(o.full_only_reason == "partial_not_allowed");
    BOOST_TEST(o.minimum == 10710);
}

BOOST_AUTO_TEST_CASE(paid_and_void_invoices) {
    const pw::Invoice paid = make_invoice("USD", 5000, {2000, 3000});
    BOOST_TEST((paid.status == pw::InvoiceStatus::paid));
    BOOST_TEST(code_of(paid, 1) == "invoice_paid");
    BOOST_TEST(code_of(paid, 0) == "invoice_paid");
    pw::PlanOptions o = pw::plan_options(paid);
    BOOST_TEST(!o.payable);
    BOOST_TEST(o.not_payable_reason == "invoice_paid");
    BOOST_TEST(!o.full_only);
    BOOST_TEST(!o.partial_allowed);

    pw::Invoice cancelled = make_invoice("USD", 5000);
    cancelled.status = pw::InvoiceStatus::void_;
    BOOST_TEST(code_of(cancelled, 5000) == "invoice_void");
    o = pw::plan_options(cancelled);
    BOOST_TEST(!o.payable);
    BOOST_TEST(o.not_payable_reason == "invoice_void");
}

BOOST_AUTO_TEST_CASE(open_invoice_options) {
    const pw::PlanOptions o = pw::plan_options(make_invoice("USD", 10001));
    BOOST_TEST(o.currency == "USD");
    BOOST_TEST(o.balance == 10001);
    BOOST_TEST(o.payable);
    BOOST_TEST(o.partial_allowed);
    BOOST_TEST(!o.full_only);
    BOOST_TEST(o.full_only_reason.empty());
    BOOST_TEST(o.minimum == 2501);
    BOOST_TEST(o.maximum_partial == 10000);
    BOOST_TEST(o.payments_left == 2);
}

BOOST_AUTO_TEST_CASE(reservations_count_against_the_invoice) {
    const pw::Invoice inv = make_invoice("USD", 10000);
    // Another payer has 3000 reserved: 7000 left and one payment used.
    const std::vector<std::int64_t> pending = {3000};
    auto st = pw::with_reservations(pw::payment_progress(inv), pending);
    BOOST_TEST_REQUIRE(st.ok());
    BOOST_TEST(st.value.balance == 7000);
    BOOST_TEST(st.value.payments_made == 1);
    BOOST_TEST(pw::plan_payment(inv, st.value, 5000).error.code == "must_pay_balance");
    BOOST_TEST(pw::plan_payment(inv, st.value, 10000).error.code == "above_balance");
    auto rest = pw::plan_payment(inv, st.value, 7000);
    BOOST_TEST_REQUIRE(rest.ok());
    BOOST_TEST((rest.value.kind == pw::PlanKind::full));
    // Reservations that clear the balance leave nothing to pay.
    const std::vector<std::int64_t> all = {10000};
    auto cleared = pw::with_reservations(pw::payment_progress(inv), all);
    BOOST_TEST_REQUIRE(cleared.ok());
    BOOST_TEST(pw::plan_payment(inv, cleared.value, 1).error.code == "invoice_paid");
    const std::vector<std::int64_t> too_much = {6000, 4001};
    BOOST_TEST(pw::with_reservations(pw::payment_progress(inv), too_much).error.code == "above_balance");
    const std::vector<std::int64_t> zero = {0};
    BOOST_TEST(pw::with_reservations(pw::payment_progress(inv), zero).error.code == "invalid_amount");
    // Percent minimum follows the state's balance, not the stored one.
    const std::vector<std::int64_t> small = {2000};
    auto st2 = pw::with_reservations(pw::payment_progress(make_invoice("USD", 20000)), small);
    BOOST_TEST_REQUIRE(st2.ok());
    pw::Invoice three = make_invoice("USD", 20000);
    three.partial.max_payments = 2;
    BOOST_TEST(pw::plan_options(three, st2.value).full_only_reason == "must_pay_balance");
    BOOST_TEST(pw::plan_options(three, pw::PaymentProgress{18000, 0}).minimum == 4500);
}

BOOST_AUTO_TEST_CASE(kind_ids) {
    BOOST_TEST(pw::plan_kind_id(pw::PlanKind::full) == "full");
    BOOST_TEST(pw::plan_kind_id(pw::PlanKind::partial) == "partial");
}
