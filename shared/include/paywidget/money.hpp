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
                            // ISO marks without minor unit, and XTS/XXX;
                            // also false for every fund code (BOV, CHE, CHW,
                            // CLF, COU, MXV, USN, UYI, UYW, XAD): nobody is
                            // charged in a unit of account
    std::string_view name;  // "US Dollar"
};

// nullptr when the code is not an active ISO 4217 code. Exact, upper case.
const CurrencyInfo* find_currency(std::string_view code);
// Every row, sorted by code (~178 rows; see currency_table.cpp for the
// amendment it reflects).
const std::vector<CurrencyInfo>& all_currencies();
// For codes a person or a flag supplies: ignores surrounding ASCII
// whitespace and accepts lower case ("usd", " EUR "). nullptr otherwise.
const CurrencyInfo* find_currency_typed(std::string_view text);

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
// Details (field "amount" unless said otherwise):
//   - surrounding ASCII whitespace is ignored; only ASCII digits count;
//   - ".5" (0.50) and "12." (12) are accepted; "." alone is not;
//   - leading zeros are fine ("007.50");
//   - a leading "-" (or U+2212) on an otherwise valid amount is
//     negative_amount; "+12", "1e5", "1.2.3" are invalid_amount;
//   - digits after the decimal separator beyond the currency's exponent are
//     too_many_decimals even when they are zeros ("12.500" USD, "5.0" JPY);
//   - more than kMaxAmountMinor minor units is amount_too_large;
//   - when the grouping separator is U+00A0, U+202F or a space, any of the
//     three is accepted (people cannot type a no-break space); when it is
//     U+2019 or "'", either is accepted (de-CH);
//   - unknown_currency (field "currency") when `currency` is not exact
//     upper-case ISO 4217; invalid_separators (field "separators") when a
//     separator is empty, longer than 8 bytes, not UTF-8, contains a digit,
//     "+" or "-", or when one separator is a prefix of the other.
Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency,
                                  const AmountSeparators& seps = {});
Result<Money> parse_money(std::string_view text, std::string_view currency,
                          const AmountSeparators& seps = {});

// Canonical form: "-"? digits, "." and exactly `exponent` decimals, no
// grouping: 123450 USD -> "1234.50", 1000 JPY -> "1000", 1 BHD -> "0.001".
// Exponents outside 0..30 are clamped into it.
std::string format_minor(std::int64_t minor, int exponent);
std::string format_money(const Money& m);  // unknown currency: exponent 0
// The amount with its code, as messages and announcements write it:
// 123450 USD -> "1234.50 USD", 1000 JPY -> "1000 JPY" (canonical digits of
// the code's exponent; unknown code: exponent 0).
std::string format_money_code(std::int64_t minor, std::string_view currency);

// For display in a locale: like format_minor but with the locale's decimal
// separator and its grouping separator between groups of three integer
// digits: 123456789 with {",", "."} and exponent 2 -> "1.234.567,89".
// parse_amount() reads it back with the same separators.
std::string format_minor_grouped(std::int64_t minor, int exponent, const AmountSeparators& seps);

// Checked arithmetic: failure code "amount_overflow".
Result<std::int64_t> checked_add(std::int64_t a, std::int64_t b);
Result<std::int64_t> checked_sub(std::int64_t a, std::int64_t b);
Result<std::int64_t> checked_mul(std::int64_t a, std::int64_t b);

// basis_points/10000 of amount, rounded up to the next minor unit (a
// percentage minimum payment: 10% of 1001 cents is 101 cents). Both must be
// >= 0 (else negative_amount); amount_overflow if the result does not fit.
Result<std::int64_t> percent_of_round_up(std::int64_t amount, std::int64_t basis_points);

// Largest amount we accept anywhere (API, invoices): 10^15 minor units, far
// below int64 so sums of many line items cannot overflow silently.
inline constexpr std::int64_t kMaxAmountMinor = 1'000'000'000'000'000;

}  // namespace pw
