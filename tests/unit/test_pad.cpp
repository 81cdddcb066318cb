#define BOOST_TEST_MODULE pad
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/bank_debit.hpp"

namespace {

// Real institution numbers (RBC 003, TD 004, BMO 001, Scotiabank 002, CIBC
// 010, Desjardins 815) with plausible transit and account numbers.
pw::PadDetails good() { return {"Jean Tremblay", "00011", "003", "1234567"}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(fields)

BOOST_AUTO_TEST_CASE(transit_number_has_five_digits) {
    BOOST_TEST(pw::validate_transit_number("00011").value == "00011");
    BOOST_TEST(pw::validate_transit_number(" 12 345 ").value == "12345");
    BOOST_TEST(pw::validate_transit_number("12-345").value == "12345");
    for (const char* bad : {"1234", "123456", "1234a", "12.345", "", "     "}) {
        const auto e = pw::validate_transit_number(bad).error;
        BOOST_TEST(e.code == "invalid_transit_number", bad);
        BOOST_TEST(e.field == "transit_number");
    }
    BOOST_TEST(pw::validate_transit_number("1234").error.message == "A transit number has 5 digits.");
    BOOST_TEST(pw::validate_transit_number("").error.message == "Enter your branch's 5-digit transit number.");
}

BOOST_AUTO_TEST_CASE(institution_number_has_three_digits) {
    for (const char* ok : {"001", "002", "003", "004", "010", "815", "0 0 3"}) {
        BOOST_TEST(pw::validate_institution_number(ok).ok(), ok);
    }
    BOOST_TEST(pw::validate_institution_number("0 0 3").value == "003");
    for (const char* bad : {"03", "0003", "abc", "", "3"}) {
        const auto e = pw::validate_institution_number(bad).error;
        BOOST_TEST(e.code == "invalid_institution_number", bad);
        BOOST_TEST(e.field == "institution_number");
    }
    BOOST_TEST(pw::validate_institution_number("0003").error.message == "An institution number has 3 digits.");
    BOOST_TEST(pw::validate_institution_number("").error.message == "Enter your bank's 3-digit institution number.");
}

BOOST_AUTO_TEST_CASE(account_number_has_seven_to_twelve_digits) {
    BOOST_TEST(pw::validate_pad_account_number("1234567").ok());
    BOOST_TEST(pw::validate_pad_account_number("123456789012").ok());
    BOOST_TEST(pw::validate_pad_account_number("12-345 67").value == "1234567");
    for (const char* bad : {"123456", "1234567890123", "12345a7", ""}) {
        const auto e = pw::validate_pad_account_number(bad).error;
        BOOST_TEST(e.code == "invalid_account_number", bad);
        BOOST_TEST(e.field == "account_number");
    }
    BOOST_TEST(pw::validate_pad_account_number("123456").error.message ==
               "A Canadian bank account number has 7 to 12 digits.");
    BOOST_TEST(pw::validate_pad_account_number("").error.message == "Enter your account number.");
}

BOOST_AUTO_TEST_CASE(hostile_input) {
    const std::string mb(1 << 20, '1');
    BOOST_TEST(pw::validate_transit_number(mb).error.code == "invalid_transit_number");
    BOOST_TEST(pw::validate_institution_number(mb).error.code == "invalid_institution_number");
    BOOST_TEST(pw::validate_pad_account_number(mb).error.code == "invalid_account_number");
    BOOST_TEST(pw::validate_transit_number(std::string("0001\0" "1", 6)).error.code == "invalid_transit_number");
    BOOST_TEST(pw::validate_institution_number("\xD9\xA0\xD9\xA0\xD9\xA3").error.code == "invalid_institution_number");
    BOOST_TEST(pw::validate_pad_account_number("\xEF\xBC\x91" "234567").error.code == "invalid_account_number");
    BOOST_TEST(pw::validate_pad_account_number("\xFF\xFF\xFF\xFF\xFF\xFF\xFF").error.code == "invalid_account_number");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(validate_pad)

BOOST_AUTO_TEST_CASE(valid_details) {
    BOOST_TEST(pw::validate_pad(good()).ok());
    BOOST_TEST(pw::validate_pad({"Desjardins Client", "30000", "815", "123456789012"}).ok());
}

BOOST_AUTO_TEST_CASE(first_error_in_form_order) {
    pw::PadDetails d{"", "1", "1", "1"};
    auto e = pw::validate_pad(d);
    BOOST_TEST(e.code == "missing_account_holder");
    BOOST_TEST(e.field == "account_holder");
    d.account_holder = "Jean";
    BOOST_TEST(pw::validate_pad(d).field == "transit_number");
    d.transit_number = "00011";
    BOOST_TEST(pw::validate_pad(d).field == "institution_number");
    d.institution_number = "003";
    e = pw::validate_pad(d);
    BOOST_TEST(e.code == "invalid_account_number");
    BOOST_TEST(e.field == "account_number");
    d.account_number = "7654321";
    BOOST_TEST(pw::validate_pad(d).ok());
}

BOOST_AUTO_TEST_CASE(holder_rules_apply) {
    auto d = good();
    d.account_holder = std::string(201, 'x');
    BOOST_TEST(pw::validate_pad(d).code == "account_holder_too_long");
    d.account_holder = std::string("Jean\0", 5);
    BOOST_TEST(pw::validate_pad(d).code == "invalid_account_holder");
    d.account_holder = "   ";
    BOOST_TEST(pw::validate_pad(d).code == "missing_account_holder");
}

BOOST_AUTO_TEST_SUITE_END()
