#define BOOST_TEST_MODULE currency
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <string_view>

#include "paywidget/money.hpp"

// The ISO 4217 table: shape, spot checks against the published List One, and
// the recent amendments that are easy to get wrong.

namespace {

const pw::CurrencyInfo& must_find(std::string_view code) {
    const pw::CurrencyInfo* info = pw::find_currency(code);
    BOOST_TEST_REQUIRE(info != nullptr, "missing " << code);
    return *info;
}

}  // namespace

BOOST_AUTO_TEST_CASE(table_has_no_duplicates_and_well_formed_codes) {
    const auto& table = pw::all_currencies();
    BOOST_TEST(table.size() >= 170u);  // List One has ~180 rows
    std::set<std::string_view> codes;
    std::set<int> numerics;
    for (const auto& row : table) {
        BOOST_TEST(row.code.size() == 3u, row.code);
        for (char c : row.code) BOOST_TEST((c >= 'A' && c <= 'Z'), row.code);
        BOOST_TEST(codes.insert(row.code).second, "duplicate code " << row.code);
        BOOST_TEST(numerics.insert(row.numeric).second, "duplicate numeric " << row.numeric);
        BOOST_TEST((row.numeric >= 1 && row.numeric <= 999), row.code);
        BOOST_TEST((row.exponent == 0 || row.exponent == 2 || row.exponent == 3 || row.exponent == 4), row.code);
        BOOST_TEST(!row.name.empty(), row.code);
    }
}

BOOST_AUTO_TEST_CASE(table_is_sorted_and_every_row_is_found) {
    const auto& table = pw::all_currencies();
    for (std::size_t i = 1; i < table.size(); ++i) BOOST_TEST(table[i - 1].code < table[i].code, table[i].code);
    for (const auto& row : table) BOOST_TEST(pw::find_currency(row.code) == &row, row.code);
}

BOOST_AUTO_TEST_CASE(exponent_spot_checks) {
    for (auto code : {"JPY", "KRW", "CLP", "ISK", "VND", "UGX", "PYG", "XAF", "XOF", "XPF", "RWF", "KMF", "GNF",
                      "DJF", "BIF", "VUV", "UYI"})
        BOOST_TEST(must_find(code).exponent == 0, code);
    for (auto code : {"BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"}) BOOST_TEST(must_find(code).exponent == 3, code);
    for (auto code : {"CLF", "UYW"}) BOOST_TEST(must_find(code).exponent == 4, code);
    for (auto code : {"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "INR", "CNY", "MXN", "BRL", "SLE", "VED", "VES",
                      "ZWG", "XCG", "MGA", "MRU"})
        BOOST_TEST(must_find(code).exponent == 2, code);
}

BOOST_AUTO_TEST_CASE(only_iso_listed_codes_have_exponents_other_than_two) {
    // ISO List One: 0 decimals for these, N.A. for the metals/units (stored
    // as 0), 3 and 4 for the few below; every other code has 2.
    const std::set<std::string_view> zero = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                             "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
    const std::set<std::string_view> na = {"XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR",
                                           "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"};
    const std::set<std::string_view> three = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
    const std::set<std::string_view> four = {"CLF", "UYW"};
    for (const auto& row : pw::all_currencies()) {
        int want = 2;
        if (zero.count(row.code) || na.count(row.code)) want = 0;
        if (three.count(row.code)) want = 3;
        if (four.count(row.code)) want = 4;
        BOOST_TEST(row.exponent == want, row.code);
    }
    for (auto set : {zero, na, three, four})
        for (auto code : set) BOOST_TEST(pw::find_currency(code) != nullptr, code);
}

BOOST_AUTO_TEST_CASE(payable_flags) {
    BOOST_TEST(must_find("USD").payable);
    BOOST_TEST(must_find("EUR").payable);
    BOOST_TEST(must_find("JPY").payable);
    BOOST_TEST(must_find("BHD").payable);
    BOOST_TEST(must_find("XAF").payable);  // a real currency despite the X
    BOOST_TEST(must_find("XCD").payable);
    BOOST_TEST(must_find("XCG").payable);
    for (auto code : {"XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA", "XTS", "XXX"}) {
        BOOST_TEST(!must_find(code).payable, code);
        BOOST_TEST(must_find(code).exponent == 0, code);
    }
    for (auto code : {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAD"})
        BOOST_TEST(!must_find(code).payable, code);
}

BOOST_AUTO_TEST_CASE(numeric_and_name_spot_checks) {
    BOOST_TEST(must_find("USD").numeric == 840);
    BOOST_TEST(must_find("EUR").numeric == 978);
    BOOST_TEST(must_find("JPY").numeric == 392);
    BOOST_TEST(must_find("ALL").numeric == 8);
    BOOST_TEST(must_find("CLF").numeric == 990);
    BOOST_TEST(must_find("XXX").numeric == 999);
    BOOST_TEST(must_find("USD").name == "US Dollar");
    BOOST_TEST(must_find("GBP").name == "Pound Sterling");
}

BOOST_AUTO_TEST_CASE(recent_amendments) {
    // Added: SLE (171), VED (170), ZWG (177), XCG (176), XAD (179).
    BOOST_TEST(must_find("SLE").numeric == 925);
    BOOST_TEST(must_find("VED").numeric == 926);
    BOOST_TEST(must_find("ZWG").numeric == 924);
    BOOST_TEST(must_find("XCG").numeric == 532);
    BOOST_TEST(must_find("XAD").numeric == 396);
    BOOST_TEST(must_find("XAD").exponent == 2);
    // Withdrawn: moved to List Three (historic), or long gone.
    for (auto code : {"HRK", "SLL", "ZWL", "CUC", "ANG", "BGN", "VEF", "MRO", "STD", "BYR", "LTL", "LVL", "EEK",
                      "DEM", "FRF", "ZWD", "XFU", "XFO"})
        BOOST_TEST(pw::find_currency(code) == nullptr, code);
}

BOOST_AUTO_TEST_CASE(find_currency_is_exact) {
    BOOST_TEST(pw::find_currency("usd") == nullptr);
    BOOST_TEST(pw::find_currency(" USD") == nullptr);
    BOOST_TEST(pw::find_currency("USDX") == nullptr);
    BOOST_TEST(pw::find_currency("US") == nullptr);
    BOOST_TEST(pw::find_currency("") == nullptr);
    BOOST_TEST(pw::find_currency(std::string_view("US\0", 3)) == nullptr);
    BOOST_TEST(pw::find_currency("AAA") == nullptr);
    BOOST_TEST(pw::find_currency("ZZZ") == nullptr);
    BOOST_TEST(pw::find_currency(std::string(1 << 20, 'U')) == nullptr);
}

BOOST_AUTO_TEST_CASE(find_currency_typed_accepts_case_and_whitespace) {
    BOOST_TEST(pw::find_currency_typed("usd") == pw::find_currency("USD"));
    BOOST_TEST(pw::find_currency_typed(" Eur\t") == pw::find_currency("EUR"));
    BOOST_TEST(pw::find_currency_typed("\r\njpY \n") == pw::find_currency("JPY"));
    BOOST_TEST(pw::find_currency_typed("U SD") == nullptr);
    BOOST_TEST(pw::find_currency_typed("") == nullptr);
    BOOST_TEST(pw::find_currency_typed("   ") == nullptr);
    BOOST_TEST(pw::find_currency_typed("hrk") == nullptr);
    BOOST_TEST(pw::find_currency_typed("\xC2\xA0USD") == nullptr);  // NBSP is not ASCII whitespace
    BOOST_TEST(pw::find_currency_typed("\xFF\xFE\xFD") == nullptr);
    BOOST_TEST(pw::find_currency_typed(std::string_view("usd\0", 4)) == nullptr);
    for (const auto& row : pw::all_currencies()) {
        std::string lower(row.code);
        for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
        BOOST_TEST(pw::find_currency_typed(lower) == &row, row.code);
    }
}
