// A bank debit that is processing: the days per scheme and the sentence the
// widget and the pages show (issue 13: the widget said "Amount paid" with a
// green check, the page "Open" beside "Balance due $0.00").
#define BOOST_TEST_MODULE bank_settlement
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/bank_settlement.hpp"

BOOST_AUTO_TEST_CASE(each_scheme_has_its_settlement_days) {
    BOOST_TEST(pw::settlement_business_days(pw::BankScheme::ach) == 4);
    BOOST_TEST(pw::settlement_business_days(pw::BankScheme::pad) == 5);
    BOOST_TEST(pw::settlement_business_days(pw::BankScheme::sepa) == 3);
}

BOOST_AUTO_TEST_CASE(an_invoice_says_the_longest_of_its_schemes) {
    pw::AcceptedMethods m;
    BOOST_TEST(pw::settlement_business_days(m) == 0);
    m.bank_debit = {pw::BankScheme::sepa, pw::BankScheme::ach};
    BOOST_TEST(pw::settlement_business_days(m) == 4);
}

BOOST_AUTO_TEST_CASE(the_sentence_says_processing_reserved_days_and_returns) {
    const std::string s = pw::processing_text("$570.00", 4);
    BOOST_TEST(s.rfind("Your bank debit of $570.00 is processing.", 0) == 0u, s);
    BOOST_TEST(s.find("within 4 business days") != std::string::npos, s);
    BOOST_TEST(s.find("reserved") != std::string::npos, s);
    BOOST_TEST(s.find("If your bank returns the debit, the amount is due again") != std::string::npos, s);
    BOOST_TEST(s.find("paid") == std::string::npos, s);  // not "paid" until it settles
    BOOST_TEST(pw::processing_text("", 1).rfind("Your bank debit is processing. It usually settles within 1 business day;", 0) == 0u);
}

// The totals row every rendering lists under "Amount paid" for
// Invoice::amount_processing: says what it is, never "paid".
BOOST_AUTO_TEST_CASE(the_processing_total_is_labelled_as_not_settled) {
    const std::string label(pw::processing_total_label());
    BOOST_TEST(label == "Processing (bank debit, not yet settled)");
    BOOST_TEST(label.find("aid") == std::string::npos);
}
