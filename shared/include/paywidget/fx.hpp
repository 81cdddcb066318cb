// Display-only currency conversion for the FX note ("≈ 73.21 USD at 0.7321").
//
// The practitioner sets the rate on the invoice (no live rates). Everything
// is exact: the rate is an integer count of 10^-9, the conversion runs in
// __int128 with the two currencies' minor-unit exponents, and rounds half up
// (away from zero; amounts here are never negative). No double anywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "paywidget/invoice.hpp"
#include "paywidget/result.hpp"

namespace pw {

// Largest rate accepted: below 10^9 (so rate * 10^9 fits comfortably in int64).
inline constexpr std::int64_t kMaxFxRateNano = 999'999'999'999'999'999;

// Parses a plain decimal: digits, optionally "." and 1..9 digits; no sign,
// exponent, spaces, leading zeros ("007") or bare "." forms (".5", "5.").
// Must be > 0. Error: invalid_fx_rate (with `field`).
Result<FxRate> parse_fx_rate(std::string_view text, std::string_view field = "fx_rate");

// Shortest exact decimal: 732100000 -> "0.7321", 2'000'000'000 -> "2".
std::string format_fx_rate(const FxRate& rate);

// `amount_minor` minor units of a currency with `from_exponent` decimals,
// times `rate`, in minor units of a currency with `to_exponent` decimals,
// rounded half up. Errors: invalid_amount (negative or > kMaxAmountMinor),
// invalid_fx_rate (rate <= 0 or > kMaxFxRateNano, exponent outside 0..4),
// amount_overflow (result beyond int64).
Result<std::int64_t> convert_minor(std::int64_t amount_minor, int from_exponent, int to_exponent,
                                   const FxRate& rate);

// Same, by ISO 4217 codes. Extra error: unknown_currency.
Result<std::int64_t> convert_amount(std::int64_t amount_minor, std::string_view from_currency,
                                    std::string_view to_currency, const FxRate& rate);

// The FX note for an invoice amount: settlement amount (minor units and
// canonical text) plus the rate as the invoice states it.
struct FxDisplay {
    std::int64_t minor = 0;   // in settlement currency
    std::string currency;     // settlement currency code
    std::string canonical;    // "73.21"
    std::string rate;         // "0.7321"
    std::string note;         // "≈ 73.21 USD at 0.7321"
};

// Error: no_fx (the invoice has no settlement currency different from its
// own currency, or no rate), plus the errors of convert_amount.
Result<FxDisplay> fx_display(const Invoice& invoice, std::int64_t amount_minor);

}  // namespace pw
