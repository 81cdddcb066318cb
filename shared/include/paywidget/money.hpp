// Money: an exact integer count of minor units plus an ISO 4217 code.
//
// There is no floating point anywhere in here. Parsing what a person types
// and formatting for display are exact; arithmetic checks for overflow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "paywidget/result.hpp"

namespace pw {

// One row of the ISO 4217 list (active codes, including fund codes and
// X-codes as ISO publishes them).
struct CurrencyInfo {
    std::string_view code;  // "USD"
    int numeric;            // 840
    int exponent;           // minor-unit digits: 0, 2, 3 or 4; 0 for N.A.
    bool payable;           // false for N.A. codes (XAU, XDR, ...), funds
                            // ISO marks without minor unit, and XTS/XXX
    std::string_view name;  // "US Dollar"
};

// nullptr when the code is not an active ISO 4217 code. Exact, upper case.
const CurrencyInfo* find_currency(std::string_view code);
const std::vector<CurrencyInfo>& all_currencies();

struct Money {
    std::int64_t minor = 0;  // count of minor units (cents, yen, fils, ...)
    std::string currency;    // ISO 4217 code

    friend bool operator==(const Money&, const Money&) = default;
};

// The separators a locale uses when a person types an amount. Either may be
// a multi-byte UTF-8 string (e.g. U+00A0 or U+202F as grouping).
struct AmountSeparators {
    std::string decimal = ".";
    std::string grouping = ",";
};

// Parses what a person types: "1,234.50", "1234.5", "12", " 12 ". Grouping
// separators are accepted only between groups of three digits. Errors (code):
//   empty_amount, invalid_amount (garbage, misplaced separators),
//   negative_amount, too_many_decimals, amount_too_large (overflow),
//   unknown_currency.
Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency,
                                  const AmountSeparators& seps = {});
Result<Money> parse_money(std::string_view text, std::string_view currency,
                          const AmountSeparators& seps = {});

// Canonical form: "-"? digits, "." and exactly `exponent` decimals, no
// grouping: 123450 USD -> "1234.50", 1000 JPY -> "1000", 1 BHD -> "0.001".
std::string format_minor(std::int64_t minor, int exponent);
std::string format_money(const Money& m);  // unknown currency: exponent 0

// Checked arithmetic: failure code "amount_overflow".
Result<std::int64_t> checked_add(std::int64_t a, std::int64_t b);
Result<std::int64_t> checked_sub(std::int64_t a, std::int64_t b);
Result<std::int64_t> checked_mul(std::int64_t a, std::int64_t b);

// Largest amount we accept anywhere (API, invoices): 10^15 minor units, far
// below int64 so sums of many line items cannot overflow silently.
inline constexpr std::int64_t kMaxAmountMinor = 1'000'000'000'000'000;

}  // namespace pw
