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
        {"129", "invalid_expiry"},
        {"122029", "invalid_expiry"},
        {"1229x", "invalid_expiry"},
        {"12-29", "invalid_expiry"},
        {"2029-1", "invalid_expiry"},
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
