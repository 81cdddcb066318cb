#define BOOST_TEST_MODULE ach
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "paywidget/bank_debit.hpp"

namespace {

// Real routing numbers as banks and the Federal Reserve publish them.
const std::vector<std::string> kRealRouting = {
    "011000015",  // Federal Reserve Bank of Boston
    "021000021",  // JPMorgan Chase, New York
    "121000358",  // Bank of America, California
    "026009593",  // Bank of America, wires
    "011000028",  // State Street
    "322271627",  // Chase, California
    "021000089",  // Citibank, New York
    "121000248",  // Wells Fargo, California
    "091000019",  // Wells Fargo, Minnesota
    "071000013",  // Chase, Illinois
    "111000025",  // Bank of America, Texas
    "051000017",  // Bank of America, Virginia
    "044000037",  // Chase, Ohio
    "061000104",  // Truist
    "031176110",  // Capital One
    "256074974",  // Navy Federal Credit Union
};

std::string routing_code(std::string_view s) { return pw::validate_routing_number(s).error.code; }

// The 9th digit that makes the ABA checksum of the first 8 come out right,
// computed here independently of the library.
char aba_check_digit(const std::string& first8) {
    const int w[8] = {3, 7, 1, 3, 7, 1, 3, 7};
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += w[i] * (first8[static_cast<std::size_t>(i)] - '0');
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

pw::AchDetails good() { return {"Jane Q. Public", "021000021", "123456789", "checking"}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(routing)

BOOST_AUTO_TEST_CASE(real_routing_numbers_are_valid) {
    for (const auto& r : kRealRouting) {
        BOOST_TEST(pw::aba_checksum_ok(r), r);
        BOOST_TEST(pw::aba_prefix_ok(r), r);
        const auto v = pw::validate_routing_number(r);
        BOOST_TEST(v.ok(), r);
        BOOST_TEST(v.value == r);
    }
}

BOOST_AUTO_TEST_CASE(every_single_digit_change_fails_the_checksum) {
    // Weights 3, 7 and 1 are all coprime with 10, so no one-digit typo
    // keeps the sum a multiple of 10.
    for (const auto& r : kRealRouting) {
        for (std::size_t i = 0; i < 9; ++i) {
            for (char d = '0'; d <= '9'; ++d) {
                if (d == r[i]) continue;
                std::string m = r;
                m[i] = d;
                BOOST_TEST(!pw::aba_checksum_ok(m), m);
                BOOST_TEST(routing_code(m) == "invalid_routing_number", m);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(checksum_message) {
    const auto e = pw::validate_routing_number("021000022").error;
    BOOST_TEST(e.code == "invalid_routing_number");
    BOOST_TEST(e.field == "routing_number");
    BOOST_TEST(e.message == "This routing number has a typo; compare it with the one at the bottom left of a check.");
}

BOOST_AUTO_TEST_CASE(prefix_must_be_a_federal_reserve_range) {
    // For every two-digit prefix, build a number whose checksum is right:
    // only the Federal Reserve ranges may pass.
    for (int p = 0; p <= 99; ++p) {
        const std::string first8 = (p < 10 ? "0" : "") + std::to_string(p) + "100001";
        const std::string number = first8 + aba_check_digit(first8);
        BOOST_TEST_REQUIRE(pw::aba_checksum_ok(number), number);
        const bool allowed = p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80;
        BOOST_TEST(pw::aba_prefix_ok(number) == allowed, number);
        BOOST_TEST(pw::validate_routing_number(number).ok() == allowed, number);
    }
    const std::string thirteen = std::string("13100001") + aba_check_digit("13100001");
    const auto e = pw::validate_routing_number(thirteen).error;
    BOOST_TEST(e.code == "invalid_routing_number");
    BOOST_TEST(e.message == "This is not a US bank routing number; yours is printed at the bottom left of a check.");
}

BOOST_AUTO_TEST_CASE(all_zeros_is_never_valid) {
    BOOST_TEST(pw::aba_checksum_ok("000000000"));  // the sum is 0 ...
    BOOST_TEST(routing_code("000000000") == "invalid_routing_number");  // ... but no bank has it
    BOOST_TEST(routing_code("000-000-000") == "invalid_routing_number");
}

BOOST_AUTO_TEST_CASE(as_typed) {
    BOOST_TEST(pw::validate_routing_number(" 0110-0001 5 ").value == "011000015");
    BOOST_TEST(pw::validate_routing_number("021 000 021").ok());
    BOOST_TEST(pw::validate_routing_number("").error.message == "Enter your bank's 9-digit routing number.");
    BOOST_TEST(pw::validate_routing_number("   ").error.code == "invalid_routing_number");
    BOOST_TEST(pw::validate_routing_number("02100002").error.message == "A routing number has 9 digits.");
    BOOST_TEST(routing_code("0210000210") == "invalid_routing_number");
    BOOST_TEST(pw::validate_routing_number("02100002l").error.message == "A routing number has only digits.");
    BOOST_TEST(routing_code("021.000.021") == "invalid_routing_number");
    BOOST_TEST(!pw::aba_checksum_ok("02100002"));
    BOOST_TEST(!pw::aba_checksum_ok("02100002a"));
    BOOST_TEST(!pw::aba_prefix_ok("1"));
    BOOST_TEST(!pw::aba_prefix_ok("a1"));
}

BOOST_AUTO_TEST_CASE(hostile_input) {
    BOOST_TEST(routing_code(std::string(1 << 20, '0')) == "invalid_routing_number");
    BOOST_TEST(routing_code(std::string(1 << 20, '-')) == "invalid_routing_number");
    BOOST_TEST(routing_code(std::string("021000021\0", 10)) == "invalid_routing_number");
    BOOST_TEST(routing_code(std::string("\0" "21000021", 9)) == "invalid_routing_number");
    BOOST_TEST(routing_code("\xD9\xA0\xD9\xA2\xD9\xA1" "000021") == "invalid_routing_number");  // Arabic-Indic digits
    BOOST_TEST(routing_code("\xEF\xBC\x90" "21000021") == "invalid_routing_number");  // fullwidth zero
    BOOST_TEST(routing_code("\xFF\xFE") == "invalid_routing_number");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(account)

BOOST_AUTO_TEST_CASE(four_to_seventeen_digits) {
    BOOST_TEST(pw::validate_ach_account_number("1234").value == "1234");
    BOOST_TEST(pw::validate_ach_account_number("12345678901234567").ok());
    BOOST_TEST(pw::validate_ach_account_number("0000 1234-5678").value == "000012345678");
    auto e = pw::validate_ach_account_number("123").error;
    BOOST_TEST(e.code == "invalid_account_number");
    BOOST_TEST(e.field == "account_number");
    BOOST_TEST(e.message == "A US bank account number has 4 to 17 digits.");
    BOOST_TEST(pw::validate_ach_account_number("123456789012345678").error.code == "invalid_account_number");
    BOOST_TEST(pw::validate_ach_account_number("").error.message == "Enter your account number.");
    BOOST_TEST(pw::validate_ach_account_number("12345a").error.message == "An account number has only digits.");
    BOOST_TEST(pw::validate_ach_account_number(std::string(1 << 20, '1')).error.code == "invalid_account_number");
    BOOST_TEST(pw::validate_ach_account_number(std::string("1234\0", 5)).error.code == "invalid_account_number");
}

BOOST_AUTO_TEST_CASE(account_type) {
    BOOST_TEST((pw::parse_ach_account_type("checking").value == pw::AchAccountType::checking));
    BOOST_TEST((pw::parse_ach_account_type("Savings").value == pw::AchAccountType::savings));
    BOOST_TEST((pw::parse_ach_account_type("  CHECKING ").value == pw::AchAccountType::checking));
    for (const std::string& bad : {std::string(""), std::string("check"), std::string("checkings"),
                                   std::string("money market"), std::string("saving"), std::string("savings\n"),
                                   std::string("ch\0ecking", 9), std::string("checking\0", 9)}) {
        const auto r = pw::parse_ach_account_type(bad);
        BOOST_TEST(r.error.code == "invalid_account_type", bad);
        BOOST_TEST(r.error.field == "account_type");
    }
    BOOST_TEST(pw::parse_ach_account_type(std::string(1 << 20, 'c')).error.code == "invalid_account_type");
    BOOST_TEST(pw::to_string(pw::AchAccountType::checking) == "checking");
    BOOST_TEST(pw::to_string(pw::AchAccountType::savings) == "savings");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(holder)

BOOST_AUTO_TEST_CASE(required_and_trimmed) {
    BOOST_TEST(pw::validate_account_holder("  Jane Doe \t").value == "Jane Doe");
    auto e = pw::validate_account_holder("").error;
    BOOST_TEST(e.code == "missing_account_holder");
    BOOST_TEST(e.field == "account_holder");
    BOOST_TEST(e.message == "Enter the name of the account holder.");
    BOOST_TEST(pw::validate_account_holder(" \t\r\n ").error.code == "missing_account_holder");
}

BOOST_AUTO_TEST_CASE(at_most_200_characters_counted_as_code_points) {
    BOOST_TEST(pw::validate_account_holder(std::string(200, 'a')).ok());
    const auto e = pw::validate_account_holder(std::string(201, 'a')).error;
    BOOST_TEST(e.code == "account_holder_too_long");
    BOOST_TEST(e.message == "The account holder's name can be at most 200 characters.");
    std::string accents;
    for (int i = 0; i < 200; ++i) accents += "\xC3\xA9";  // é: 400 bytes, 200 characters
    BOOST_TEST(pw::validate_account_holder(accents).ok());
    BOOST_TEST(pw::validate_account_holder(accents + "e").error.code == "account_holder_too_long");
    BOOST_TEST(pw::validate_account_holder(std::string(1 << 20, 'x')).error.code == "account_holder_too_long");
}

BOOST_AUTO_TEST_CASE(unicode_names_are_welcome) {
    for (const char* name : {"Zoë Saldaña", "Łukasz Żółć", "山田 太郎", "Ørsted A/S", "O'Brien-Smith & Co.",
                             "محمد علي", "Emoji \xF0\x9F\x98\x80 Person"}) {
        BOOST_TEST(pw::validate_account_holder(name).ok(), name);
    }
}

BOOST_AUTO_TEST_CASE(control_characters_and_broken_utf8_are_rejected) {
    for (const std::string& bad : {std::string("Jane\0Doe", 8), std::string("Jane\tDoe"), std::string("Jane\nDoe"),
                                  std::string("Jane\x7F"), std::string("Jane \xC2\x85"),  // NEL (C1)
                                  std::string("Jane\xE2\x80\xA8" "Doe"),                  // line separator
                                  std::string("\xFF\xFE"), std::string("Jane \xC3"),      // truncated
                                  std::string("\xC0\xAF"),                                // overlong '/'
                                  std::string("\xED\xA0\x80"),                            // surrogate
                                  std::string("\xF4\x90\x80\x80")}) {                     // > U+10FFFF
        const auto e = pw::validate_account_holder(bad).error;
        BOOST_TEST(e.code == "invalid_account_holder", bad);
        BOOST_TEST(e.field == "account_holder");
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(validate_ach)

BOOST_AUTO_TEST_CASE(valid_details) {
    BOOST_TEST(pw::validate_ach(good()).ok());
    auto d = good();
    d.account_type = "Savings";
    d.routing_number = "0110-0001-5";
    BOOST_TEST(pw::validate_ach(d).ok());
}

BOOST_AUTO_TEST_CASE(first_error_in_form_order) {
    pw::AchDetails all_bad{"", "123", "1", "cash"};
    BOOST_TEST(pw::validate_ach(all_bad).field == "account_holder");
    all_bad.account_holder = "Jane";
    BOOST_TEST(pw::validate_ach(all_bad).field == "routing_number");
    all_bad.routing_number = "121000358";
    BOOST_TEST(pw::validate_ach(all_bad).field == "account_number");
    all_bad.account_number = "000123456789";
    const auto e = pw::validate_ach(all_bad);
    BOOST_TEST(e.code == "invalid_account_type");
    BOOST_TEST(e.field == "account_type");
    all_bad.account_type = "checking";
    BOOST_TEST(pw::validate_ach(all_bad).ok());
}

BOOST_AUTO_TEST_CASE(each_field_alone) {
    auto d = good();
    d.routing_number = "131000001";
    BOOST_TEST(pw::validate_ach(d).code == "invalid_routing_number");
    d = good();
    d.account_number = "12 34 56 78 90 12 34 56 78";
    BOOST_TEST(pw::validate_ach(d).code == "invalid_account_number");
    d = good();
    d.account_holder = std::string(201, 'J');
    BOOST_TEST(pw::validate_ach(d).code == "account_holder_too_long");
}

BOOST_AUTO_TEST_SUITE_END()
