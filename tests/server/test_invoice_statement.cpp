// The invoice's rows as the payment pages and the invoice email render them
// (pw::statement_rows): line amounts before tax, tax and discount as their
// own totals, in both. No server process: the renderers are called directly.
#define BOOST_TEST_MODULE invoice_statement
#include <boost/test/unit_test.hpp>

#include <string>

#include "pages/fragments.hpp"
#include "services/invoice_email.hpp"

namespace {

// Supplements 2 × $25.00 with $4.00 tax, a $10.00 discount: $44.00.
pw::Invoice taxed_invoice() {
    pw::Invoice inv;
    inv.currency = "USD";
    inv.items = {{"Supplements", 2, 2500, 400}};
    inv.subtotal = 5000;
    inv.tax = 400;
    inv.discount = 1000;
    inv.total = inv.balance = 4400;
    return inv;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(email_shows_line_amounts_before_tax_and_the_totals) {
    const pws::RenderedEmail mail = pws::render_invoice_email(taxed_invoice(), "https://pay.example/pay/t");
    BOOST_TEST(has(mail.text, "Supplements  x2  $50.00"), mail.text);  // not $54.00: tax is its own row
    BOOST_TEST(!has(mail.text, "$54.00"), mail.text);
    BOOST_TEST(has(mail.text, "Subtotal: $50.00"), mail.text);
    BOOST_TEST(has(mail.text, "Tax: $4.00"), mail.text);
    BOOST_TEST(has(mail.text, "Discount: -$10.00"), mail.text);
    BOOST_TEST(has(mail.text, "Total: $44.00"), mail.text);
    BOOST_TEST(has(mail.html, "$50.00"));
    BOOST_TEST(!has(mail.html, "$54.00"));
    BOOST_TEST(has(mail.html, "Tax</td>"), mail.html);
    BOOST_TEST(has(mail.html, "-$10.00"), mail.html);
}

BOOST_AUTO_TEST_CASE(page_table_shows_the_same_rows) {
    const std::string page = pws::pages::invoice_summary_html(taxed_invoice());
    BOOST_TEST(has(page, ">$50.00</td></tr>"), page);
    BOOST_TEST(has(page, ">Tax</th>"), page);
    BOOST_TEST(has(page, ">Discount</th>"), page);
    BOOST_TEST(has(page, "-$10.00"), page);
    BOOST_TEST(has(page, ">$44.00</td>"), page);

    pw::Invoice plain = taxed_invoice();
    plain.items[0].tax = 0;
    plain.tax = 0;
    plain.discount = 0;
    plain.total = plain.balance = 5000;
    const std::string untaxed = pws::pages::invoice_summary_html(plain);
    BOOST_TEST(!has(untaxed, ">Tax</th>"));
    BOOST_TEST(!has(untaxed, ">Discount</th>"));
}

// A bank debit still processing is reserved, not paid (issue 13 item 2):
// the email's "Already paid" leaves it out and the core's processing row
// lists it; the page's summary does the same.
BOOST_AUTO_TEST_CASE(email_and_summary_tell_a_processing_debit_from_a_payment) {
    pw::Invoice inv = taxed_invoice();
    inv.payments = {{"pay_1", 1000, pw::Date{2025, 1, 12}, "Visa •••• 4242"},
                    {"pay_2", 3400, pw::Date{2025, 1, 13}, "US bank account •••• 6789", true}};
    pw::Result<pw::Invoice> live = pw::recompute_totals(inv);
    BOOST_TEST_REQUIRE(live.ok(), live.error.message);
    const pws::RenderedEmail mail = pws::render_invoice_email(live.value, "https://pay.example/pay/t");
    BOOST_TEST(has(mail.text, "Already paid: $10.00"), mail.text);
    BOOST_TEST(has(mail.text, "Processing (bank debit, not yet settled): $34.00"), mail.text);
    BOOST_TEST(!has(mail.text, "Already paid: $44.00"), mail.text);
    BOOST_TEST(has(mail.html, "Processing (bank debit, not yet settled)</td><td align=\"right\">$34.00"), mail.html);
    const std::string summary = pws::pages::invoice_summary_html(live.value);
    BOOST_TEST(has(summary, "badge-processing\">Processing</span>"), summary);
    BOOST_TEST(has(summary, "<dt>Paid so far</dt><dd class=\"num\">$10.00</dd>"), summary);
    BOOST_TEST(has(summary, "<dt>Processing (bank debit, not yet settled)</dt><dd class=\"num\">$34.00</dd>"), summary);
}
