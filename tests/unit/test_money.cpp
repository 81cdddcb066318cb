#define BOOST_TEST_MODULE money
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "paywidget/money.hpp"

// Parsing what payers type, canonical and grouped formatting, and checked
// arithmetic at the int64 limits.

namespace {

using pw::AmountSeparators;
using pw::kMaxAmountMinor;

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

const AmountSeparators kEn{".", ","};
const AmountSeparators kDe{",", "."};
const AmountSeparators kFr{",", "\xE2\x80\xAF"};   // U+202F
const AmountSeparators kNbsp{",", "\xC2\xA0"};     // U+00A0
const AmountSeparators kSpace{",", " "};
const AmountSeparators kDeCh{".", "\xE2\x80\x99"};  // U+2019

std::int64_t ok(std::string_view text, std::string_view currency = "USD", const AmountSeparators& seps = kEn) {
    auto r = pw::parse_amount(text, currency, seps);
    BOOST_TEST(r.ok(), "\"" << text << "\" " << currency << ": " << r.error.code << " " << r.error.message);
    return r.value;
}

std::string err(std::string_view text, std::string_view currency = "USD", const AmountSeparators& seps = kEn) {
    auto r = pw::parse_amount(text, currency, seps);
    BOOST_TEST(!r.ok(), "\"" << text << "\" parsed as " << r.value);
    if (!r.ok()) {
        BOOST_TEST(!r.error.message.empty());
        BOOST_TEST(!r.error.field.empty());
    }
    return r.error.code;
}

}  // namespace

BOOST_AUTO_TEST_CASE(plain_amounts) {
    BOOST_TEST(ok("12") == 1200);
    BOOST_TEST(ok("1234.5") == 123450);
    BOOST_TEST(ok("1234.50") == 123450);
    BOOST_TEST(ok("1,234.50") == 123450);
    BOOST_TEST(ok("12,345,678.90") == 1234567890);
    BOOST_TEST(ok("0") == 0);
    BOOST_TEST(ok("0.00") == 0);
    BOOST_TEST(ok("0.01") == 1);
    BOOST_TEST(ok(".5") == 50);
    BOOST_TEST(ok("12.") == 1200);
    BOOST_TEST(ok("007.50") == 750);
    BOOST_TEST(ok("000") == 0);
    BOOST_TEST(ok("  12.30 \t\r\n") == 1230);
    BOOST_TEST(ok("1,234") == 123400);
    BOOST_TEST(ok("123,456") == 12345600);
}

BOOST_AUTO_TEST_CASE(exponents_change_the_scale) {
    BOOST_TEST(ok("1000", "JPY") == 1000);
    BOOST_TEST(ok("1,000", "JPY") == 1000);
    BOOST_TEST(ok("5.", "JPY") == 5);
    BOOST_TEST(ok("1.5", "BHD") == 1500);
    BOOST_TEST(ok("0.001", "BHD") == 1);
    BOOST_TEST(ok("1,234.567", "KWD") == 1234567);
    BOOST_TEST(ok("1.2345", "CLF") == 12345);
    BOOST_TEST(ok("1", "UYW") == 10000);
    BOOST_TEST(ok("3", "XAU") == 3);
}

BOOST_AUTO_TEST_CASE(empty_and_blank) {
    BOOST_TEST(err("") == "empty_amount");
    BOOST_TEST(err("   ") == "empty_amount");
    BOOST_TEST(err("\t\r\n\v\f") == "empty_amount");
}

BOOST_AUTO_TEST_CASE(garbage_is_invalid) {
    for (std::string_view s : {"abc", "1e5", "1E5", "1.2.3", "12a", "a12", "$12", "12$", "12 USD", "0x10", "+12",
                               "++12", "--12", ".", "-", "-.", "1-2", "12-", "1.5.", "1.-5", "１２", "١٢",
                               "12\xC2\xA0" "00", "\xC2\xA0" "12", "\xFF\xFE", "NaN", "inf", "1/2", "12.5%"}) {
        BOOST_TEST(err(s) == "invalid_amount", s);
    }
    BOOST_TEST(err(std::string_view("12\0", 3)) == "invalid_amount");
    BOOST_TEST(err(std::string_view("\0" "12", 3)) == "invalid_amount");
    BOOST_TEST(err(std::string_view("1\0" "2", 3)) == "invalid_amount");
    BOOST_TEST(err("12 34") == "invalid_amount");     // space is not the grouping here
    BOOST_TEST(err("1 234.50") == "invalid_amount");
    BOOST_TEST(err("1.234,50") == "invalid_amount");  // the other locale's convention
}

BOOST_AUTO_TEST_CASE(misplaced_grouping_is_invalid) {
    for (std::string_view s : {"12,50", "1,23", "1,,234", ",123", "123,", "1,2345", "1234,567", "12,34,567",
                               "1,234,56", "1,234,5678", ",", ",.5", "1,234,.50", "1,23.50", "1,234.5,0",
                               "1.234,567"}) {
        auto r = pw::parse_amount(s, "USD", kEn);
        BOOST_TEST(r.error.code == "invalid_amount", s);
        BOOST_TEST(r.error.field == "amount", s);
    }
    // The message for grouping errors tells the payer about groups of three.
    auto r = pw::parse_amount("12,50", "USD", kEn);
    BOOST_TEST(r.error.message.find("three") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(negative_amounts) {
    BOOST_TEST(err("-12") == "negative_amount");
    BOOST_TEST(err("-0.01") == "negative_amount");
    BOOST_TEST(err(" -1,234.50 ") == "negative_amount");
    BOOST_TEST(err("\xE2\x88\x92" "5") == "negative_amount");  // U+2212 minus sign
    BOOST_TEST(err("-abc") == "invalid_amount");
    BOOST_TEST(err("- 12") == "invalid_amount");
    auto r = pw::parse_amount("-5", "USD", kEn);
    BOOST_TEST(r.error.field == "amount");
}

BOOST_AUTO_TEST_CASE(too_many_decimals_names_the_limit) {
    auto usd = pw::parse_amount("12.345", "USD", kEn);
    BOOST_TEST(usd.error.code == "too_many_decimals");
    BOOST_TEST(usd.error.field == "amount");
    BOOST_TEST(usd.error.message.find("2 decimals") != std::string::npos, usd.error.message);
    BOOST_TEST(err("12.500") == "too_many_decimals");  // even trailing zeros

    auto jpy = pw::parse_amount("12.5", "JPY", kEn);
    BOOST_TEST(jpy.error.code == "too_many_decimals");
    BOOST_TEST(jpy.error.message.find("can't have decimals") != std::string::npos, jpy.error.message);
    BOOST_TEST(err("1,000.0", "JPY") == "too_many_decimals");
    BOOST_TEST(err("1.000", "JPY") == "too_many_decimals");  // "." is the decimal separator

    auto bhd = pw::parse_amount("1.2345", "BHD", kEn);
    BOOST_TEST(bhd.error.code == "too_many_decimals");
    BOOST_TEST(bhd.error.message.find("3 decimals") != std::string::npos, bhd.error.message);
    auto clf = pw::parse_amount("1.23456", "CLF", kEn);
    BOOST_TEST(clf.error.message.find("4 decimals") != std::string::npos, clf.error.message);
    // A 1 MB fraction is still just too many decimals.
    BOOST_TEST(err("1." + std::string(1 << 20, '0')) == "too_many_decimals");
}

BOOST_AUTO_TEST_CASE(maximum_amount) {
    // kMaxAmountMinor = 10^15 minor units.
    BOOST_TEST(ok("10000000000000.00") == kMaxAmountMinor);
    BOOST_TEST(ok("10,000,000,000,000") == kMaxAmountMinor);
    BOOST_TEST(ok("9999999999999.99") == kMaxAmountMinor - 1);
    BOOST_TEST(err("10000000000000.01") == "amount_too_large");
    BOOST_TEST(ok("1000000000000000", "JPY") == kMaxAmountMinor);
    BOOST_TEST(err("1000000000000001", "JPY") == "amount_too_large");
    BOOST_TEST(ok("1000000000000.000", "BHD") == kMaxAmountMinor);
    BOOST_TEST(err("1000000000000.001", "BHD") == "amount_too_large");
    BOOST_TEST(ok("100000000000.0000", "CLF") == kMaxAmountMinor);
    BOOST_TEST(err("100000000000.0001", "CLF") == "amount_too_large");
    // Whole parts that would overflow int64 once scaled by 10^4.
    BOOST_TEST(err("1000000000000000", "CLF") == "amount_too_large");
    BOOST_TEST(err("922337203685477", "CLF") == "amount_too_large");
    // 19 and 20 digit numbers, int64 max and beyond.
    BOOST_TEST(err("9223372036854775807") == "amount_too_large");
    BOOST_TEST(err("9223372036854775808") == "amount_too_large");
    BOOST_TEST(err("18446744073709551616") == "amount_too_large");
    BOOST_TEST(err("99999999999999999999") == "amount_too_large");
    BOOST_TEST(err("9223372036854775807", "JPY") == "amount_too_large");
    auto r = pw::parse_amount("10000000000000.01", "USD", kEn);
    BOOST_TEST(r.error.message.find("10000000000000.00") != std::string::npos, r.error.message);
    BOOST_TEST(r.error.field == "amount");
    // Leading zeros do not count towards the size.
    BOOST_TEST(ok(std::string(1000, '0') + "12.34") == 1234);
}

BOOST_AUTO_TEST_CASE(huge_inputs_do_not_hang_or_crash) {
    const std::string digits(1 << 20, '9');
    BOOST_TEST(err(digits) == "amount_too_large");
    BOOST_TEST(err(std::string(1 << 20, 'x')) == "invalid_amount");
    BOOST_TEST(err(std::string(1 << 20, ' ')) == "empty_amount");
    BOOST_TEST(err(std::string(1 << 20, ',')) == "invalid_amount");
    std::string grouped = "1";
    for (int i = 0; i < 100000; ++i) grouped += ",000";
    BOOST_TEST(err(grouped) == "amount_too_large");
    BOOST_TEST(err(digits + "x") == "invalid_amount");  // syntax still checked after saturation
}

BOOST_AUTO_TEST_CASE(locale_separators) {
    BOOST_TEST(ok("1.234,50", "EUR", kDe) == 123450);
    BOOST_TEST(ok("1234,5", "EUR", kDe) == 123450);
    BOOST_TEST(ok("12", "EUR", kDe) == 1200);
    BOOST_TEST(ok(",5", "EUR", kDe) == 50);
    BOOST_TEST(err("1,234.50", "EUR", kDe) == "invalid_amount");
    BOOST_TEST(err("12.50", "EUR", kDe) == "invalid_amount");
    BOOST_TEST(err("1,234", "EUR", kDe) == "too_many_decimals");
    BOOST_TEST(err("1.234.5", "EUR", kDe) == "invalid_amount");

    // French: U+202F grouping; NBSP and a plain space work as well.
    BOOST_TEST(ok("1\xE2\x80\xAF" "234,50", "EUR", kFr) == 123450);
    BOOST_TEST(ok("1\xC2\xA0" "234,50", "EUR", kFr) == 123450);
    BOOST_TEST(ok("1 234,50", "EUR", kFr) == 123450);
    BOOST_TEST(ok("1 234 567,89", "EUR", kNbsp) == 123456789);
    BOOST_TEST(ok("1\xC2\xA0" "234 567,89", "EUR", kNbsp) == 123456789);
    BOOST_TEST(ok("1\xC2\xA0" "234,50", "EUR", kSpace) == 123450);
    BOOST_TEST(err("12 50", "EUR", kFr) == "invalid_amount");
    BOOST_TEST(err("1  234,50", "EUR", kFr) == "invalid_amount");
    BOOST_TEST(err("1\xE2\x80" "234,50", "EUR", kFr) == "invalid_amount");  // truncated UTF-8
    BOOST_TEST(ok(" 1 234,50 ", "EUR", kFr) == 123450);                        // outer spaces trimmed

    // de-CH: U+2019 grouping, and the ASCII apostrophe people type.
    BOOST_TEST(ok("1\xE2\x80\x99" "234.50", "CHF", kDeCh) == 123450);
    BOOST_TEST(ok("1'234.50", "CHF", kDeCh) == 123450);
    BOOST_TEST(ok("1'234'567.05", "CHF", AmountSeparators{".", "'"}) == 123456705);
    BOOST_TEST(ok("1\xE2\x80\x99" "234.50", "CHF", AmountSeparators{".", "'"}) == 123450);
    BOOST_TEST(err("1,234.50", "CHF", kDeCh) == "invalid_amount");

    // A multi-byte decimal separator (Arabic decimal separator U+066B).
    BOOST_TEST(ok("1,234\xD9\xAB" "567", "KWD", AmountSeparators{"\xD9\xAB", ","}) == 1234567);
}

BOOST_AUTO_TEST_CASE(bad_separators) {
    for (const AmountSeparators& seps :
         {AmountSeparators{"", ","}, AmountSeparators{".", ""}, AmountSeparators{".", "."},
          AmountSeparators{"1", ","}, AmountSeparators{".", "0"}, AmountSeparators{"-", ","},
          AmountSeparators{".", "+"}, AmountSeparators{"..", "."}, AmountSeparators{".", ".x"},
          AmountSeparators{"\xFF", ","}, AmountSeparators{".", "\xC2"}, AmountSeparators{".", std::string(9, '_')}}) {
        auto r = pw::parse_amount("12", "USD", seps);
        BOOST_TEST(r.error.code == "invalid_separators", seps.decimal << " / " << seps.grouping);
        BOOST_TEST(r.error.field == "separators");
    }
    // A look-alike that collides with the decimal separator is not a grouping.
    BOOST_TEST(ok("1 23", "EUR", AmountSeparators{" ", "\xC2\xA0"}) == 123);
}

BOOST_AUTO_TEST_CASE(unknown_currency) {
    for (std::string_view code : {"", "usd", "US", "USDD", "HRK", "XYZ", " USD", "\xFF\xFF\xFF"}) {
        auto r = pw::parse_amount("12", code, kEn);
        BOOST_TEST(r.error.code == "unknown_currency", code);
        BOOST_TEST(r.error.field == "currency");
    }
    auto m = pw::parse_money("12", "ZZZ");
    BOOST_TEST(m.error.code == "unknown_currency");
}

BOOST_AUTO_TEST_CASE(parse_money_carries_the_currency) {
    auto m = pw::parse_money("1,234.5", "USD");
    BOOST_TEST_REQUIRE(m.ok());
    BOOST_TEST(m.value.minor == 123450);
    BOOST_TEST(m.value.currency == "USD");
    BOOST_TEST((m.value == pw::Money{123450, "USD"}));
    auto bad = pw::parse_money("12.345", "USD");
    BOOST_TEST(bad.error.code == "too_many_decimals");
}

BOOST_AUTO_TEST_CASE(canonical_format) {
    BOOST_TEST(pw::format_minor(123450, 2) == "1234.50");
    BOOST_TEST(pw::format_minor(1000, 0) == "1000");
    BOOST_TEST(pw::format_minor(1, 3) == "0.001");
    BOOST_TEST(pw::format_minor(0, 2) == "0.00");
    BOOST_TEST(pw::format_minor(0, 0) == "0");
    BOOST_TEST(pw::format_minor(5, 2) == "0.05");
    BOOST_TEST(pw::format_minor(-5, 2) == "-0.05");
    BOOST_TEST(pw::format_minor(-123450, 2) == "-1234.50");
    BOOST_TEST(pw::format_minor(12345, 4) == "1.2345");
    BOOST_TEST(pw::format_minor(kInt64Max, 2) == "92233720368547758.07");
    BOOST_TEST(pw::format_minor(kInt64Min, 2) == "-92233720368547758.08");
    BOOST_TEST(pw::format_minor(kInt64Min, 0) == "-9223372036854775808");
    BOOST_TEST(pw::format_minor(1, 20) == "0.00000000000000000001");
    BOOST_TEST(pw::format_minor(7, -3) == "7");              // clamped to 0
    BOOST_TEST(pw::format_minor(7, 1000000).size() == 32u);  // clamped to 30
    BOOST_TEST(pw::format_money(pw::Money{123450, "USD"}) == "1234.50");
    BOOST_TEST(pw::format_money(pw::Money{1000, "JPY"}) == "1000");
    BOOST_TEST(pw::format_money(pw::Money{1, "BHD"}) == "0.001");
    BOOST_TEST(pw::format_money(pw::Money{12345, "ZZZ"}) == "12345");  // unknown: exponent 0
}

BOOST_AUTO_TEST_CASE(grouped_format) {
    BOOST_TEST(pw::format_minor_grouped(123456789, 2, kDe) == "1.234.567,89");
    BOOST_TEST(pw::format_minor_grouped(123456789, 2, kEn) == "1,234,567.89");
    BOOST_TEST(pw::format_minor_grouped(12345, 2, kEn) == "123.45");
    BOOST_TEST(pw::format_minor_grouped(100000, 2, kEn) == "1,000.00");
    BOOST_TEST(pw::format_minor_grouped(1000000, 0, kFr) == "1\xE2\x80\xAF" "000\xE2\x80\xAF" "000");
    BOOST_TEST(pw::format_minor_grouped(-1234567, 3, kEn) == "-1,234.567");
    BOOST_TEST(pw::format_minor_grouped(0, 2, kDe) == "0,00");
}

BOOST_AUTO_TEST_CASE(every_currency_round_trips) {
    const std::vector<std::int64_t> values = {0,       1,           5,           9,           10,
                                              99,      100,         101,         999,         1000,
                                              1001,    12345,       123456,      1000000,     987654321,
                                              1234567, 10000000000, 123456789012, kMaxAmountMinor - 1, kMaxAmountMinor};
    const std::vector<AmountSeparators> locales = {kEn, kDe, kFr, kNbsp, kSpace, kDeCh};
    std::size_t checked = 0;
    for (const auto& row : pw::all_currencies()) {
        for (std::int64_t v : values) {
            const std::string canonical = pw::format_minor(v, row.exponent);
            auto back = pw::parse_amount(canonical, row.code);
            BOOST_TEST(back.ok(), row.code << " " << canonical << ": " << back.error.message);
            BOOST_TEST(back.value == v, row.code << " " << canonical);
            BOOST_TEST(pw::format_money(pw::Money{v, std::string(row.code)}) == canonical);
            for (const auto& seps : locales) {
                const std::string shown = pw::format_minor_grouped(v, row.exponent, seps);
                auto again = pw::parse_amount(shown, row.code, seps);
                BOOST_TEST(again.ok(), row.code << " " << shown << ": " << again.error.message);
                BOOST_TEST(again.value == v, row.code << " " << shown);
                ++checked;
            }
        }
        // One minor unit past the maximum is refused for every currency.
        const std::string over = pw::format_minor(kMaxAmountMinor + 1, row.exponent);
        BOOST_TEST(pw::parse_amount(over, row.code).error.code == "amount_too_large", row.code);
    }
    BOOST_TEST(checked == pw::all_currencies().size() * values.size() * locales.size());
}

BOOST_AUTO_TEST_CASE(checked_arithmetic_at_the_limits) {
    BOOST_TEST(pw::checked_add(2, 3).value == 5);
    BOOST_TEST(pw::checked_add(kInt64Max, 0).value == kInt64Max);
    BOOST_TEST(pw::checked_add(kInt64Max, 1).error.code == "amount_overflow");
    BOOST_TEST(pw::checked_add(kInt64Min, -1).error.code == "amount_overflow");
    BOOST_TEST(pw::checked_add(kInt64Min, kInt64Max).value == -1);
    BOOST_TEST(pw::checked_add(kInt64Max, kInt64Max).error.code == "amount_overflow");

    BOOST_TEST(pw::checked_sub(5, 7).value == -2);
    BOOST_TEST(pw::checked_sub(kInt64Min, 1).error.code == "amount_overflow");
    BOOST_TEST(pw::checked_sub(0, kInt64Min).error.code == "amount_overflow");
    BOOST_TEST(pw::checked_sub(-1, kInt64Min).value == kInt64Max);
    BOOST_TEST(pw::checked_sub(kInt64Max, -1).error.code == "amount_overflow");

    BOOST_TEST(pw::checked_mul(6, 7).value == 42);
    BOOST_TEST(pw::checked_mul(kInt64Max, 1).value == kInt64Max);
    BOOST_TEST(pw::checked_mul(kInt64Max, 2).error.code == "amount_overflow");
    BOOST_TEST(pw::checked_mul(kInt64Min, -1).error.code == "amount_overflow");
    BOOST_TEST(pw::checked_mul(kInt64Min, 1).value == kInt64Min);
    BOOST_TEST(pw::checked_mul(-1, kInt64Max).value == -kInt64Max);
    BOOST_TEST(pw::checked_mul(3037000500, 3037000500).error.code == "amount_overflow");  // just over sqrt
    BOOST_TEST(pw::checked_mul(3037000499, 3037000499).value == 9223372030926249001);
    BOOST_TEST(pw::checked_mul(kMaxAmountMinor, 10000).error.code == "amount_overflow");
    BOOST_TEST(pw::checked_mul(kMaxAmountMinor, 9000).value == 9000000000000000000);
    auto e = pw::checked_add(kInt64Max, 1);
    BOOST_TEST(!e.error.message.empty());
    BOOST_TEST(e.value == 0);
}

BOOST_AUTO_TEST_CASE(percentage_rounds_up_to_a_minor_unit) {
    BOOST_TEST(pw::percent_of_round_up(1001, 1000).value == 101);  // 10% of 10.01 = 1.001 -> 1.01
    BOOST_TEST(pw::percent_of_round_up(1000, 1000).value == 100);
    BOOST_TEST(pw::percent_of_round_up(1, 1).value == 1);  // any fraction rounds up
    BOOST_TEST(pw::percent_of_round_up(0, 5000).value == 0);
    BOOST_TEST(pw::percent_of_round_up(12345, 0).value == 0);
    BOOST_TEST(pw::percent_of_round_up(12345, 10000).value == 12345);
    BOOST_TEST(pw::percent_of_round_up(3, 3333).value == 1);
    BOOST_TEST(pw::percent_of_round_up(kMaxAmountMinor, 10000).value == kMaxAmountMinor);
    BOOST_TEST(pw::percent_of_round_up(kMaxAmountMinor - 1, 2500).value == 250000000000000);
    BOOST_TEST(pw::percent_of_round_up(kInt64Max, 10000).value == kInt64Max);
    BOOST_TEST(pw::percent_of_round_up(kInt64Max, 5000).value == kInt64Max / 2 + 1);
    BOOST_TEST(pw::percent_of_round_up(kInt64Max, 20000).error.code == "amount_overflow");
    BOOST_TEST(pw::percent_of_round_up(kInt64Max, kInt64Max).error.code == "amount_overflow");
    BOOST_TEST(pw::percent_of_round_up(-1, 100).error.code == "negative_amount");
    BOOST_TEST(pw::percent_of_round_up(100, -1).error.code == "negative_amount");
}

BOOST_AUTO_TEST_CASE(amount_with_its_code) {
    BOOST_TEST(pw::format_money_code(123450, "USD") == "1234.50 USD");
    BOOST_TEST(pw::format_money_code(1000, "JPY") == "1000 JPY");
    BOOST_TEST(pw::format_money_code(1000500, "IQD") == "1000.500 IQD");  // ISO 3 digits
    BOOST_TEST(pw::format_money_code(-5, "USD") == "-0.05 USD");
    BOOST_TEST(pw::format_money_code(42, "XYZ") == "42 XYZ");  // unknown code: exponent 0
}
