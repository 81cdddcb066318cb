// Calendar dates (proleptic Gregorian, no time zone): invoice issue and due
// dates, card expiry checks against an injected "today", link expiry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "paywidget/result.hpp"

namespace pw {

struct Date {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..days_in_month

    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);  // 0 when month is out of range
bool is_valid_date(const Date& d);

// Strict "YYYY-MM-DD" (years 1900..9999). Error code "invalid_date".
Result<Date> parse_iso_date(std::string_view text, std::string_view field = "date");
std::string format_iso_date(const Date& d);

// Days since 1970-01-01 (may be negative) and back; for "expires in N days".
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);
Date add_days(const Date& d, std::int64_t days);

}  // namespace pw
