#define BOOST_TEST_MODULE fx
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/fx.hpp"
#include "paywidget/money.hpp"

namespace {

pw::FxRate rate(const char* text) {
    auto r = pw::parse_fx_rate(text);
    BOOST_TEST_REQUIRE(r.ok(), text << ": " << r.error.message);
    return r.value;
}

std::int64_t convert(std::int64_t amount, const char* from, const char* to, const char* r) {
    auto c = pw::convert_amount(amount, from, to, rate(r));
    BOOST_TEST_REQUIRE(c.ok(), c.error.message);
    return c.value;
}

}  // namespace

BOOST_AUTO_TEST_CASE(parse_and_format_rates) {
    BOOST_TEST(rate("0.7321").rate_nano == 732'100'000);
    BOOST_TEST(rate("1").rate_nano == 1'000'000'000);
    BOOST_TEST(rate("0.000000001").rate_nano == 1);
    BOOST_TEST(rate("151.27").rate_nano == 151'270'000'000);
    BOOST_TEST(rate("999999999.999999999").rate_nano == pw::kMaxFxRateNano);
    for (const char* text : {"0.7321", "1", "0.000000001", "151.27", "999999999.999999999", "10"}) {
        BOOST_TEST(pw::format_fx_rate(rate(text)) == text);
    }
    BOOST_TEST(pw::format_fx_rate(rate("1.50000")) == "1.5");  // trailing zeros are not kept
}

BOOST_AUTO_TEST_CASE(bad_rates) {
    for (const char* text : {"", ".", "1.", ".5", "01.5", "00", "1e3", "+1", "-1", " 1", "1 ",
                             "1,5", "1.2.3", "0", "0.0", "0.0000000001", "1000000000", "٣",
                             "1.0000000000"}) {
        auto r = pw::parse_fx_rate(text, "rate");
        BOOST_TEST(r.error.code == "invalid_fx_rate", "'" << text << "'");
        BOOST_TEST(r.error.field == "rate");
    }
}

BOOST_AUTO_TEST_CASE(same_exponent_conversion) {
    BOOST_TEST(convert(10000, "USD", "CAD", "0.7321") == 7321);   // 100.00 -> 73.21
    BOOST_TEST(convert(10001, "USD", "CAD", "1.3512") == 13513);  // 135.133512 -> 135.13
    BOOST_TEST(convert(123, "EUR", "USD", "1") == 123);
    BOOST_TEST(convert(0, "EUR", "USD", "1.08") == 0);
}

BOOST_AUTO_TEST_CASE(rounds_half_up) {
    BOOST_TEST(convert(1, "USD", "CAD", "0.5") == 1);            // 0.5 -> 1
    BOOST_TEST(convert(3, "USD", "CAD", "0.5") == 2);            // 1.5 -> 2
    BOOST_TEST(convert(1, "USD", "CAD", "0.499999999") == 0);    // just below half
    BOOST_TEST(convert(1, "USD", "CAD", "1.499999999") == 1);
    BOOST_TEST(convert(1, "USD", "CAD", "1.5") == 2);
    BOOST_TEST(convert(5, "USD", "CAD", "0.1") == 1);            // 0.5 -> 1
    BOOST_TEST(convert(4, "USD", "CAD", "0.1") == 0);            // 0.4 -> 0
}

BOOST_AUTO_TEST_CASE(different_exponents) {
    BOOST_TEST(convert(1000, "JPY", "USD", "0.006543") == 654);   // 6.543 USD -> 654.3 cents
    BOOST_TEST(convert(1, "JPY", "USD", "0.005") == 1);           // 0.5 cent -> 1
    BOOST_TEST(convert(12345, "USD", "JPY", "151.27") == 18674);  // 18674.2815 yen
    BOOST_TEST(convert(1000, "KWD", "USD", "3.2554") == 326);     // 325.54 cents
    BOOST_TEST(convert(100, "USD", "KWD", "0.30715") == 307);     // 307.15 fils
    BOOST_TEST(convert(1, "USD", "KWD", "0.05") == 1);            // 0.5 fils -> 1
    BOOST_TEST(convert(100, "USD", "CLF", "0.0258") == 258);      // 4 decimals
}

BOOST_AUTO_TEST_CASE(limits_never_overflow_silently) {
    const pw::FxRate max_rate{pw::kMaxFxRateNano};
    auto big = pw::convert_minor(pw::kMaxAmountMinor, 0, 4, max_rate);
    BOOST_TEST(big.error.code == "amount_overflow");
    auto fits = pw::convert_minor(pw::kMaxAmountMinor, 2, 2, pw::FxRate{1'000'000'000});
    BOOST_TEST_REQUIRE(fits.ok());
    BOOST_TEST(fits.value == pw::kMaxAmountMinor);
    // Same exponents, the largest rate: about 10^24 minor units, beyond int64.
    BOOST_TEST(pw::convert_minor(pw::kMaxAmountMinor, 4, 4, max_rate).error.code ==
               "amount_overflow");
    BOOST_TEST(pw::convert_minor(-1, 2, 2, pw::FxRate{1}).error.code == "invalid_amount");
    BOOST_TEST(pw::convert_minor(pw::kMaxAmountMinor + 1, 2, 2, pw::FxRate{1}).error.code ==
               "invalid_amount");
    BOOST_TEST(pw::convert_minor(1, 2, 2, pw::FxRate{0}).error.code == "invalid_fx_rate");
    BOOST_TEST(pw::convert_minor(1, 2, 5, pw::FxRate{1}).error.code == "invalid_fx_rate");
    BOOST_TEST(pw::convert_amount(1, "USD", "ZZZ", pw::FxRate{1}).error.code == "unknown_currency");
}

BOOST_AUTO_TEST_CASE(display_note) {
    pw::Invoice inv;
    inv.currency = "USD";
    inv.settlement_currency = "CAD";
    inv.fx_rate = rate("1.3512");
    auto d = pw::fx_display(inv, 10001);
    BOOST_TEST_REQUIRE(d.ok(), d.error.message);
    BOOST_TEST(d.value.minor == 13513);
    BOOST_TEST(d.value.canonical == "135.13");
    BOOST_TEST(d.value.currency == "CAD");
    BOOST_TEST(d.value.rate == "1.3512");
    BOOST_TEST(d.value.note == "\u2248 135.13 CAD at 1.3512");
    inv.settlement_currency = "USD";
    BOOST_TEST(pw::fx_display(inv, 100).error.code == "no_fx");
    inv.settlement_currency = "CAD";
    inv.fx_rate.reset();
    BOOST_TEST(pw::fx_display(inv, 100).error.code == "no_fx");
}
