#define BOOST_TEST_MODULE date
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/date.hpp"

using pw::Date;

namespace pw {
// Lets Boost.Test print a date in failure messages.
std::ostream& boost_test_print_type(std::ostream& os, const Date& d) {
    return os << d.year << '-' << d.month << '-' << d.day;
}
}  // namespace pw

namespace {

std::string parse_code(std::string_view text) { return pw::parse_iso_date(text).error.code; }

// The day after `d`, by the test's own calendar arithmetic (not the core's).
Date next_day(Date d) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = d.year % 400 == 0 || (d.year % 4 == 0 && d.year % 100 != 0);
    const int month_days = d.month == 2 && leap ? 29 : kDays[d.month - 1];
    if (++d.day > month_days) {
        d.day = 1;
        if (++d.month > 12) {
            d.month = 1;
            ++d.year;
        }
    }
    return d;
}

}  // namespace

// ------------------------------------------------------------ leap years --

BOOST_AUTO_TEST_CASE(leap_years_follow_the_gregorian_rule) {
    // Every fourth year, except centuries, except every fourth century.
    for (int y : {1904, 1996, 2000, 2024, 2028, 2400, 1600, 0, -4, -400})
        BOOST_TEST_CONTEXT(y) { BOOST_TEST(pw::is_leap_year(y)); }
    for (int y : {1900, 2100, 2200, 2300, 1800, 2023, 2025, 2026, 2027, 1, -1, -100})
        BOOST_TEST_CONTEXT(y) { BOOST_TEST(!pw::is_leap_year(y)); }
}

// ------------------------------------------------------------ month ends --

BOOST_AUTO_TEST_CASE(days_in_each_month) {
    const int common[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; ++m) {
        BOOST_TEST_CONTEXT("month " << m) {
            BOOST_TEST(pw::days_in_month(2026, m) == common[m - 1]);
            BOOST_TEST(pw::days_in_month(2024, m) == (m == 2 ? 29 : common[m - 1]));
        }
    }
    BOOST_TEST(pw::days_in_month(1900, 2) == 28);
    BOOST_TEST(pw::days_in_month(2000, 2) == 29);
    // Out-of-range months have no days.
    for (int m : {0, 13, -1, 100, -2147483647 - 1, 2147483647})
        BOOST_TEST_CONTEXT("month " << m) { BOOST_TEST(pw::days_in_month(2026, m) == 0); }
}

BOOST_AUTO_TEST_CASE(month_ends_are_valid_and_the_day_after_is_not) {
    for (int y : {1900, 2000, 2023, 2024, 2100, 9999}) {
        for (int m = 1; m <= 12; ++m) {
            BOOST_TEST_CONTEXT(y << "-" << m) {
                const int last = pw::days_in_month(y, m);
                BOOST_TEST(pw::is_valid_date({y, m, last}));
                BOOST_TEST(!pw::is_valid_date({y, m, last + 1}));
                BOOST_TEST(pw::is_valid_date({y, m, 1}));
                BOOST_TEST(!pw::is_valid_date({y, m, 0}));
                // Adding one day to a month end starts the next month.
                const Date after = pw::add_days({y, m, last}, 1);
                if (y < 9999 || m < 12) {
                    BOOST_TEST((after == Date{m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1}));
                }
            }
        }
    }
}

// --------------------------------------------------------- invalid dates --

BOOST_AUTO_TEST_CASE(invalid_dates) {
    const Date bad[] = {
        {2026, 2, 29}, {2100, 2, 29}, {1900, 2, 29}, {2026, 4, 31}, {2026, 6, 31},
        {2026, 9, 31}, {2026, 11, 31}, {2026, 1, 32}, {2026, 0, 1}, {2026, 13, 1},
        {2026, 1, 0}, {2026, 1, -1}, {2026, -1, 1},
        {1899, 12, 31}, {10000, 1, 1}, {0, 1, 1}, {-2026, 1, 1},  // outside 1900..9999
    };
    for (const Date& d : bad) BOOST_TEST_CONTEXT(pw::format_iso_date(d)) { BOOST_TEST(!pw::is_valid_date(d)); }
    BOOST_TEST(pw::is_valid_date({1900, 1, 1}));
    BOOST_TEST(pw::is_valid_date({9999, 12, 31}));
    BOOST_TEST(pw::is_valid_date({2024, 2, 29}));
    BOOST_TEST(pw::is_valid_date({2000, 2, 29}));
}

// ---------------------------------------------------- parsing, formatting --

BOOST_AUTO_TEST_CASE(parse_strict_iso_dates) {
    auto ok = pw::parse_iso_date("2026-03-31");
    BOOST_TEST(ok.ok());
    BOOST_TEST((ok.value == Date{2026, 3, 31}));
    BOOST_TEST((pw::parse_iso_date("2024-02-29").value == Date{2024, 2, 29}));
    BOOST_TEST((pw::parse_iso_date("1900-01-01").value == Date{1900, 1, 1}));
    BOOST_TEST((pw::parse_iso_date("9999-12-31").value == Date{9999, 12, 31}));
}

BOOST_AUTO_TEST_CASE(parse_refuses_everything_else) {
    using namespace std::string_literals;
    const std::string bad[] = {
        "", "2026", "2026-03", "2026-3-31", "2026-03-1", "26-03-31", "20260331",
        "2026/03/31", "2026.03.31", "31-03-2026", "2026-03-31T00:00:00Z", "2026-03-31 ",
        " 2026-03-31", "2026-03-31\n", "+026-03-31", "-026-03-31", "2026--3-31", "2026-0a-31",
        "2026-03-3x", "abcd-ef-gh", "2026_03_31",
        "2026-02-29", "2023-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-02-30",
        "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "1899-12-31", "0000-01-01",
        "10000-01-01",
        "2026-03-3\0"s, "\0" "026-03-31"s, "2026-03-31\0"s, "2026\0" "03-31"s,
        "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x96-03-31",  // fullwidth "２０２６"
        "\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA6-03-31",                  // Arabic-Indic digits
        std::string(1 << 20, '2'),
    };
    for (const auto& text : bad) {
        BOOST_TEST_CONTEXT(text.substr(0, 24)) { BOOST_TEST(parse_code(text) == "invalid_date"); }
    }
    // The error names the caller's field and says what to type.
    auto r = pw::parse_iso_date("31/03/2026", "due_date");
    BOOST_TEST(r.error.code == "invalid_date");
    BOOST_TEST(r.error.field == "due_date");
    BOOST_TEST(r.error.message.find("YYYY-MM-DD") != std::string::npos);
    BOOST_TEST(pw::parse_iso_date("x").error.field == "date");
}

BOOST_AUTO_TEST_CASE(format_pads_to_iso) {
    BOOST_TEST(pw::format_iso_date({2026, 3, 5}) == "2026-03-05");
    BOOST_TEST(pw::format_iso_date({1900, 1, 1}) == "1900-01-01");
    BOOST_TEST(pw::format_iso_date({9999, 12, 31}) == "9999-12-31");
    BOOST_TEST(pw::format_iso_date({2024, 2, 29}) == "2024-02-29");
}

// ------------------------------------------------------------ day counts --

BOOST_AUTO_TEST_CASE(days_from_the_unix_epoch) {
    // Values from Python's datetime.date subtraction.
    BOOST_TEST(pw::days_from_civil({1970, 1, 1}) == 0);
    BOOST_TEST(pw::days_from_civil({1969, 12, 31}) == -1);
    BOOST_TEST(pw::days_from_civil({1900, 1, 1}) == -25567);
    BOOST_TEST(pw::days_from_civil({2000, 3, 1}) == 11017);
    BOOST_TEST(pw::days_from_civil({2024, 2, 29}) == 19782);
    BOOST_TEST(pw::days_from_civil({2026, 11, 27}) == 20784);
    BOOST_TEST(pw::days_from_civil({9999, 12, 31}) == 2932896);
    BOOST_TEST((pw::civil_from_days(0) == Date{1970, 1, 1}));
    BOOST_TEST((pw::civil_from_days(-1) == Date{1969, 12, 31}));
    BOOST_TEST((pw::civil_from_days(11017) == Date{2000, 3, 1}));
    BOOST_TEST((pw::civil_from_days(2932896) == Date{9999, 12, 31}));
}

BOOST_AUTO_TEST_CASE(every_day_from_1900_to_9999_counts_formats_and_parses_back) {
    // Walks the whole supported range one day at a time, against the test's
    // own next_day: the day count goes up by one, converts back, and the
    // ISO text round-trips.
    Date d{1900, 1, 1};
    std::int64_t n = pw::days_from_civil(d);
    long checked = 0;
    for (;;) {
        if (pw::days_from_civil(d) != n || !(pw::civil_from_days(n) == d) || !pw::is_valid_date(d) ||
            !(pw::parse_iso_date(pw::format_iso_date(d)).value == d)) {
            BOOST_TEST(false, "calendar disagrees at " << pw::format_iso_date(d));
            return;
        }
        ++checked;
        if (d == Date{9999, 12, 31}) break;
        d = next_day(d);
        ++n;
    }
    BOOST_TEST(checked == 2932896 + 25567 + 1);
}

BOOST_AUTO_TEST_CASE(add_days_forwards_and_backwards) {
    BOOST_TEST((pw::add_days({2026, 1, 31}, 1) == Date{2026, 2, 1}));
    BOOST_TEST((pw::add_days({2026, 2, 28}, 1) == Date{2026, 3, 1}));
    BOOST_TEST((pw::add_days({2024, 2, 28}, 1) == Date{2024, 2, 29}));
    BOOST_TEST((pw::add_days({2024, 2, 29}, 1) == Date{2024, 3, 1}));
    BOOST_TEST((pw::add_days({2026, 12, 31}, 1) == Date{2027, 1, 1}));
    BOOST_TEST((pw::add_days({2027, 1, 1}, -1) == Date{2026, 12, 31}));
    BOOST_TEST((pw::add_days({2024, 3, 1}, -1) == Date{2024, 2, 29}));
    BOOST_TEST((pw::add_days({2026, 11, 27}, 0) == Date{2026, 11, 27}));
    BOOST_TEST((pw::add_days({2026, 11, 27}, 30) == Date{2026, 12, 27}));
    BOOST_TEST((pw::add_days({2026, 1, 1}, 365) == Date{2027, 1, 1}));
    BOOST_TEST((pw::add_days({2024, 1, 1}, 365) == Date{2024, 12, 31}));  // leap year
    BOOST_TEST((pw::add_days({1900, 1, 1}, 2932896 + 25567) == Date{9999, 12, 31}));
    BOOST_TEST((pw::add_days({9999, 12, 31}, -(2932896 + 25567)) == Date{1900, 1, 1}));
    // Before 1900 and after 9999 the arithmetic still holds (proleptic
    // Gregorian), though such dates are not valid invoice dates.
    BOOST_TEST((pw::add_days({1900, 1, 1}, -1) == Date{1899, 12, 31}));
    BOOST_TEST((pw::add_days({9999, 12, 31}, 1) == Date{10000, 1, 1}));
    BOOST_TEST(!pw::is_valid_date(pw::add_days({9999, 12, 31}, 1)));
}

BOOST_AUTO_TEST_CASE(dates_order_by_year_then_month_then_day) {
    BOOST_TEST((Date{2026, 11, 27} < Date{2026, 11, 28}));
    BOOST_TEST((Date{2026, 11, 30} < Date{2026, 12, 1}));
    BOOST_TEST((Date{2026, 12, 31} < Date{2027, 1, 1}));
    BOOST_TEST(!(Date{2027, 1, 1} < Date{2026, 12, 31}));
    BOOST_TEST((Date{2026, 1, 1} == Date{2026, 1, 1}));
}
