#include "paywidget/date.hpp"

#include <string>

namespace pw {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid_date(const Date& d) {
    return d.year >= 1900 && d.year <= 9999 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

static bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

static int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

Result<Date> parse_iso_date(std::string_view text, std::string_view field) {
    auto fail = [&] {
        return Result<Date>::failure("invalid_date", std::string(field),
                                     "Enter a date as YYYY-MM-DD, for example 2026-03-31.");
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail();
    auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return fail();
    Date date{to_int(y), to_int(m), to_int(d)};
    if (!is_valid_date(date)) return fail();
    return Result<Date>::success(date);
}

std::string format_iso_date(const Date& d) {
    // Not snprintf: libc's printf (and its floating-point half) then stays
    // out of the widget's first download, which shows a due date (issue 14).
    auto padded = [](int value, std::size_t width) {
        std::string digits = std::to_string(value < 0 ? -value : value);
        if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
        return value < 0 ? "-" + digits : digits;
    };
    return padded(d.year, 4) + "-" + padded(d.month, 2) + "-" + padded(d.day, 2);
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
std::int64_t days_from_civil(const Date& d) {
    std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (d.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

Date add_days(const Date& d, std::int64_t days) { return civil_from_days(days_from_civil(d) + days); }

}  // namespace pw
