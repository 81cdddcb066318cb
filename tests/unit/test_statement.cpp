#define BOOST_TEST_MODULE statement
#include <boost/test/unit_test.hpp>

#include "paywidget/statement.hpp"

namespace {

// 2 × 25.00 with 4.00 tax, 1 × 150.00, a 10.00 discount: 196.00.
pw::Invoice invoice(std::int64_t tax, std::int64_t discount) {
    pw::Invoice inv;
    inv.currency = "USD";
    inv.items.push_back({"Supplements", 2, 2500, tax});
    inv.items.push_back({"Initial consultation", 1, 15000, 0});
    inv.subtotal = 20000;
    inv.tax = tax;
    inv.discount = discount;
    inv.total = 20000 + tax - discount;
    return inv;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lines_are_before_tax_and_totals_carry_tax_and_discount) {
    const pw::Statement s = pw::statement_rows(invoice(400, 1000));
    BOOST_TEST_REQUIRE(s.lines.size() == 2u);
    BOOST_TEST(s.lines[0].description == "Supplements");
    BOOST_TEST(s.lines[0].amount == 5000);  // 2 × 25.00, tax not folded in
    BOOST_TEST(s.lines[0].tax == 400);
    BOOST_TEST(s.lines[1].amount == 15000);
    BOOST_TEST_REQUIRE(s.totals.size() == 4u);
    BOOST_TEST(s.totals[0].id == "subtotal");
    BOOST_TEST(s.totals[0].amount == 20000);
    BOOST_TEST(s.totals[1].id == "tax");
    BOOST_TEST(s.totals[1].amount == 400);
    BOOST_TEST(s.totals[2].id == "discount");
    BOOST_TEST(s.totals[2].amount == -1000);  // it reduces the total
    BOOST_TEST(s.totals[3].id == "total");
    BOOST_TEST(s.totals[3].label == "Total");
    BOOST_TEST(s.totals[3].amount == 19400);
}

BOOST_AUTO_TEST_CASE(no_tax_and_no_discount_rows_when_there_are_none) {
    const pw::Statement s = pw::statement_rows(invoice(0, 0));
    BOOST_TEST_REQUIRE(s.totals.size() == 2u);
    BOOST_TEST(s.totals[0].id == "subtotal");
    BOOST_TEST(s.totals[1].id == "total");
}
