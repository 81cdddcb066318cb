#define BOOST_TEST_MODULE card_expiry
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/card.hpp"

namespace {

struct Parsed {
    std::string code;
    int month = 0;
    int year = 0;
};

Parsed parse(std::string_view text) {
    auto r = pw::parse_card_expiry(text);
    return {r.error.code, r.value.month, r.value.year};
}

std::string check(std::string_view text, pw::Date today) {
    return pw::validate_card_expiry(text, today).error.code;
}

}  // namespace

BOOST_AUTO_TEST_CASE(accepted_forms) {
    struct Case { const char* text; int month; int year; };
    const Case cases[] = {
        {"12/29", 12, 2029},    // MM/YY
        {"12/2029", 12, 2029},  // MM/YYYY
        {"1/29", 1, 2029},      // M/YY
        {"1/2029", 1, 2029},    // M/YYYY
        {"01/29", 1, 2029},
        {"12 29", 12, 2029},    // MM YY
        {"12   29", 12, 2029},
        {"12 2029", 12, 2029},
        {"1229", 12, 2029},     // MMYY
        {"0130", 1, 2030},
        {"2029-12", 12, 2029},  // YYYY-MM
        {"2030-01", 1, 2030},
        {"12 / 29", 12, 2029},  // autofill
        {"12 /29", 12, 2029},
        {"12/ 2029", 12, 2029},
        {" 12/29 ", 12, 2029},
        {"  0729  ", 7, 2029},
        {"01/00", 1, 2000},     // two-digit years are 20YY
        {"12/99", 12, 2099},
        {"8 37", 8, 2037},      // M YY
        {"8 2037", 8, 2037},    // M YYYY
        {"837", 8, 2037},       // MYY: a first digit 2-9 is the whole month
        {"237", 2, 2037},
        {"930", 9, 2030},
        {"82030", 8, 2030},     // MYYYY
        {"92045", 9, 2045},
        {"112033", 11, 2033},   // MMYYYY
        {"012030", 1, 2030},
        {"122029", 12, 2029},
        {"2035-5", 5, 2035},    // YYYY-M
        {"2035-12", 12, 2035},
        {" 837 ", 8, 2037},
        {"1234", 12, 2034},     // 4 digits are always MMYY
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.text) {
            auto p = parse(c.text);
            BOOST_TEST(p.code == "");
            BOOST_TEST(p.month == c.month);
            BOOST_TEST(p.year == c.year);
        }
    }
}

BOOST_AUTO_TEST_CASE(rejected_forms) {
    using namespace std::string_literals;
    struct Case { std::string text; const char* code; };
    const Case cases[] = {
        {"", "expiry_required"},
        {"    ", "expiry_required"},
        {"13/29", "invalid_expiry_month"},
        {"00/29", "invalid_expiry_month"},
        {"0/29", "invalid_expiry_month"},
        {"1329", "invalid_expiry_month"},
        {"0029", "invalid_expiry_month"},
        {"2029-13", "invalid_expiry_month"},
        {"2029-00", "invalid_expiry_month"},
        {"99 29", "invalid_expiry_month"},
        {"12/2", "invalid_expiry"},
        {"12/029", "invalid_expiry"},
        {"12/20291", "invalid_expiry"},
        {"123/29", "invalid_expiry"},
        {"12//29", "invalid_expiry"},
        {"12/29/30", "invalid_expiry"},
        {"/29", "invalid_expiry"},
        {"12/", "invalid_expiry"},
        {"12", "invalid_expiry"},
        // 3 and 5 digits starting with 0 or 1: the month may be two digits,
        // so they are ambiguous or unfinished (1/29 or 12/9...).
        {"129", "invalid_expiry"},
        {"012", "invalid_expiry"},
        {"12030", "invalid_expiry"},
        {"12203", "invalid_expiry"},
        {"02030", "invalid_expiry"},
        // 4 digits are MMYY, never YYMM or MYYY.
        {"2030", "invalid_expiry_month"},
        {"8372", "invalid_expiry_month"},
        {"132029", "invalid_expiry_month"},  // MMYYYY
        {"002029", "invalid_expiry_month"},
        {"037", "invalid_expiry"},           // 0 is no one-digit month
        {"1", "invalid_expiry"},
        {"8", "invalid_expiry"},
        {"83", "invalid_expiry"},
        {"8370", "invalid_expiry_month"},
        {"1220290", "invalid_expiry"},       // 7 digits
        {"1229x", "invalid_expiry"},
        {"12-29", "invalid_expiry"},
        {"2029-", "invalid_expiry"},
        {"2029-123", "invalid_expiry"},
        {"2029--1", "invalid_expiry"},
        {"2029-0", "invalid_expiry_month"},
        {"29-5", "invalid_expiry"},
        {"202-05", "invalid_expiry"},
        {"2029/12", "invalid_expiry"},
        {"12 2 9", "invalid_expiry"},
        {"12.29", "invalid_expiry"},
        {"ab/cd", "invalid_expiry"},
        {"+1/29", "invalid_expiry"},
        {"-1/29", "invalid_expiry"},
        {"12\t29", "invalid_expiry"},
        {"12/\0" "29"s, "invalid_expiry"},
        {"12/29\0"s, "invalid_expiry"},
        {"\xEF\xBC\x91\xEF\xBC\x92/\xEF\xBC\x92\xEF\xBC\x99", "invalid_expiry"},  // fullwidth "１２/２９"
        {"\xD9\xA1\xD9\xA2/\xD9\xA2\xD9\xA9", "invalid_expiry"},                  // Arabic-Indic
        {"12/29 \xF0\x9F\x92\xB3", "invalid_expiry"},                             // emoji
        {"\xFF\xFE", "invalid_expiry"},
        {std::string(1 << 20, '1'), "invalid_expiry"},
        {std::string(1 << 20, '/'), "invalid_expiry"},
        {"12/" + std::string(1 << 20, '9'), "invalid_expiry"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.text.substr(0, 12)) {
            auto r = pw::parse_card_expiry(c.text);
            BOOST_TEST(r.error.code == c.code);
            BOOST_TEST(r.error.field == "exp");
            BOOST_TEST(!r.error.message.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(month_boundaries) {
    const pw::Date mid{2026, 11, 27};
    BOOST_TEST(check("11/26", mid) == "");  // the current month is still good
    BOOST_TEST(check("10/26", mid) == "card_expired");
    BOOST_TEST(check("12/26", mid) == "");
    BOOST_TEST(check("11/2025", mid) == "card_expired");

    // Last day of the month: the card is good through today.
    const pw::Date last{2026, 11, 30};
    BOOST_TEST(check("11/26", last) == "");
    // First day of the next month: it is over.
    const pw::Date next{2026, 12, 1};
    BOOST_TEST(check("11/26", next) == "card_expired");
    BOOST_TEST(check("12/26", next) == "");

    // Leap day.
    const pw::Date leap{2028, 2, 29};
    BOOST_TEST(check("02/28", leap) == "");
    BOOST_TEST(check("01/28", leap) == "card_expired");
}

BOOST_AUTO_TEST_CASE(december_to_january) {
    const pw::Date dec31{2026, 12, 31};
    BOOST_TEST(check("12/26", dec31) == "");
    BOOST_TEST(check("11/26", dec31) == "card_expired");
    BOOST_TEST(check("01/27", dec31) == "");
    const pw::Date jan1{2027, 1, 1};
    BOOST_TEST(check("12/26", jan1) == "card_expired");
    BOOST_TEST(check("2026-12", jan1) == "card_expired");
    BOOST_TEST(check("01/27", jan1) == "");
    BOOST_TEST(check("1/2027", jan1) == "");
}

BOOST_AUTO_TEST_CASE(nineteen_years_ahead_at_most) {
    // today.year + 19 is the last year accepted, in every month of it.
    const pw::Date today{2026, 11, 27};
    BOOST_TEST(check("01/45", today) == "");
    BOOST_TEST(check("12/2045", today) == "");
    BOOST_TEST(check("12/45", today) == "");
    BOOST_TEST(check("01/46", today) == "expiry_too_far");   // +20
    BOOST_TEST(check("01/2046", today) == "expiry_too_far");
    BOOST_TEST(check("2046-01", today) == "expiry_too_far");
    BOOST_TEST(check("12/99", today) == "expiry_too_far");
    BOOST_TEST(check("12/9999", today) == "expiry_too_far");
    // On 1 January and 31 December alike.
    BOOST_TEST(check("12/2046", pw::Date{2027, 1, 1}) == "");
    BOOST_TEST(check("01/2047", pw::Date{2027, 1, 1}) == "expiry_too_far");
    BOOST_TEST(check("12/2045", pw::Date{2026, 12, 31}) == "");
    BOOST_TEST(check("01/2046", pw::Date{2026, 12, 31}) == "expiry_too_far");
    // Long-ago years are expired, not "too far".
    BOOST_TEST(check("01/00", today) == "card_expired");
    BOOST_TEST(check("12/1999", today) == "card_expired");
    BOOST_TEST(check("12/0000", today) == "card_expired");
}

BOOST_AUTO_TEST_CASE(check_and_validate_agree) {
    const pw::Date today{2026, 11, 27};
    BOOST_TEST(pw::check_card_expiry({11, 2026}, today).ok());
    BOOST_TEST(pw::check_card_expiry({10, 2026}, today).code == "card_expired");
    BOOST_TEST(pw::check_card_expiry({13, 2030}, today).code == "invalid_expiry_month");
    BOOST_TEST(pw::check_card_expiry({0, 2030}, today).code == "invalid_expiry_month");
    BOOST_TEST(pw::check_card_expiry({1, 2046}, today).field == "exp");

    auto ok = pw::validate_card_expiry("12 / 29", today);
    BOOST_TEST(ok.ok());
    BOOST_TEST((ok.value == pw::CardExpiry{12, 2029}));
    // Format errors come before date errors.
    BOOST_TEST(check("13/20", today) == "invalid_expiry_month");
    BOOST_TEST(check("x", today) == "invalid_expiry");
    BOOST_TEST(check("", today) == "expiry_required");
}

// ---------------------------------------------------- format_card_expiry --

BOOST_AUTO_TEST_CASE(format_while_typing_and_pasting) {
    struct Case { const char* text; const char* shown; };
    const Case cases[] = {
        // Typed one digit at a time.
        {"", ""}, {"1", "1"}, {"12", "12"}, {"122", "12 / 2"}, {"1229", "12 / 29"},
        {"0", "0"}, {"08", "08"}, {"083", "08 / 3"}, {"0837", "08 / 37"},
        {"4", "04 / "}, {"9", "09 / "}, {"2", "02 / "},
        // Pasted.
        {"837", "08 / 37"}, {"82030", "08 / 2030"}, {"112033", "11 / 2033"}, {"122029", "12 / 2029"},
        {"12030", "12 / 030"},  // ambiguous: shown as typed so far, refused by the parser
        // Anything but 1-6 ASCII digits is left as it is, so deleting the
        // separator is never undone and autofill is not rewritten.
        {"12 / ", "12 / "}, {"12 /", "12 /"}, {"12/29", "12/29"}, {"2035-5", "2035-5"},
        {"04 / 2", "04 / 2"}, {" 837", " 837"}, {"1229x", "1229x"}, {"1220290", "1220290"},
        {"837000", "837000"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("\"" << c.text << "\"") { BOOST_TEST(pw::format_card_expiry(c.text) == c.shown); }
    }
}

BOOST_AUTO_TEST_CASE(formatting_never_changes_what_the_digits_mean) {
    // Every run of 1 to 6 digits: what the parser reads from the digits it
    // reads the same from the formatted text; formatting is stable.
    int readable = 0;
    for (int len = 1; len <= 6; ++len) {
        int count = 1;
        for (int i = 0; i < len; ++i) count *= 10;
        for (int n = 0; n < count; ++n) {
            std::string digits(static_cast<std::size_t>(len), '0');
            for (int i = len - 1, v = n; i >= 0; --i, v /= 10) digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
            const std::string shown = pw::format_card_expiry(digits);
            const auto raw = pw::parse_card_expiry(digits);
            if (raw.ok()) {
                ++readable;
                const auto formatted = pw::parse_card_expiry(shown);
                if (!formatted.ok() || !(formatted.value == raw.value)) {
                    BOOST_TEST(false, "\"" << digits << "\" formats as \"" << shown << "\" and changes meaning");
                    return;
                }
            }
            if (pw::format_card_expiry(shown) != shown) {
                BOOST_TEST(false, "\"" << shown << "\" is formatted again");
                return;
            }
        }
    }
    // 12 months x 100 (MMYY) + 8 x 100 (MYY) + 8 x 10000 (MYYYY) + 12 x 10000 (MMYYYY)
    BOOST_TEST(readable == 1200 + 800 + 80000 + 120000);
}
