// Exact display conversion: see fx.hpp.
#include "paywidget/fx.hpp"

#include "paywidget/money.hpp"

namespace pw {

namespace {

constexpr int kRateDecimals = 9;

__int128 pow10(int n) {
    __int128 p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<FxRate> parse_fx_rate(std::string_view text, std::string_view field) {
    auto bad = [&](std::string why) {
        return Result<FxRate>::failure("invalid_fx_rate", std::string(field),
                                       "The exchange rate " + why);
    };
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view frac =
        dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || (dot != std::string_view::npos && frac.empty())) {
        return bad("must be a decimal number such as 0.7321.");
    }
    for (char c : whole) {
        if (!is_digit(c)) return bad("must be a decimal number such as 0.7321.");
    }
    for (char c : frac) {
        if (!is_digit(c)) return bad("must be a decimal number such as 0.7321.");
    }
    if (whole.size() > 1 && whole[0] == '0') return bad("must not start with extra zeros.");
    if (frac.size() > kRateDecimals) return bad("may have at most 9 decimals.");
    if (whole.size() > 9) return bad("is too large.");  // keeps rate_nano < 10^18
    std::int64_t nano = 0;
    for (char c : whole) nano = nano * 10 + (c - '0');
    for (int i = 0; i < kRateDecimals; ++i) {
        nano = nano * 10 + (i < static_cast<int>(frac.size()) ? frac[i] - '0' : 0);
    }
    if (nano <= 0) return bad("must be greater than zero.");
    return Result<FxRate>::success(FxRate{nano});
}

std::string format_fx_rate(const FxRate& rate) {
    const std::int64_t scale = 1'000'000'000;
    std::string out = std::to_string(rate.rate_nano / scale);
    std::string frac = std::to_string(rate.rate_nano % scale);
    frac.insert(0, kRateDecimals - frac.size(), '0');
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) out += "." + frac;
    return out;
}

Result<std::int64_t> convert_minor(std::int64_t amount_minor, int from_exponent, int to_exponent,
                                   const FxRate& rate) {
    using R = Result<std::int64_t>;
    if (amount_minor < 0 || amount_minor > kMaxAmountMinor) {
        return R::failure("invalid_amount", "amount", "The amount to convert is out of range.");
    }
    if (rate.rate_nano <= 0 || rate.rate_nano > kMaxFxRateNano || from_exponent < 0 ||
        from_exponent > 4 || to_exponent < 0 || to_exponent > 4) {
        return R::failure("invalid_fx_rate", "fx_rate", "The exchange rate is out of range.");
    }
    // amount / 10^from * rate_nano / 10^9 * 10^to, as one fraction:
    // numerator <= 10^15 * 10^18 * 10^4 = 10^37 < 2^127 (about 1.7 * 10^38).
    const __int128 num = static_cast<__int128>(amount_minor) * rate.rate_nano * pow10(to_exponent);
    const __int128 den = pow10(from_exponent + kRateDecimals);  // even, so den / 2 is exact
    const __int128 q = (num + den / 2) / den;                     // half up
    if (q > INT64_MAX) {
        return R::failure("amount_overflow", "amount", "The converted amount is too large.");
    }
    return R::success(static_cast<std::int64_t>(q));
}

Result<std::int64_t> convert_amount(std::int64_t amount_minor, std::string_view from_currency,
                                    std::string_view to_currency, const FxRate& rate) {
    const CurrencyInfo* from = find_currency(from_currency);
    const CurrencyInfo* to = find_currency(to_currency);
    if (!from || !to) {
        return Result<std::int64_t>::failure("unknown_currency", from ? "settlement_currency" : "currency",
                                             "The currency is not a known ISO 4217 code.");
    }
    return convert_minor(amount_minor, from->exponent, to->exponent, rate);
}

Result<FxDisplay> fx_display(const Invoice& invoice, std::int64_t amount_minor) {
    using R = Result<FxDisplay>;
    if (!invoice.fx_rate || invoice.settlement_currency.empty() ||
        invoice.settlement_currency == invoice.currency) {
        return R::failure("no_fx", "fx_rate", "This invoice has no exchange rate to show.");
    }
    auto converted =
        convert_amount(amount_minor, invoice.currency, invoice.settlement_currency, *invoice.fx_rate);
    if (!converted) return R::failure(converted.error);
    FxDisplay d;
    d.minor = converted.value;
    d.currency = invoice.settlement_currency;
    d.canonical = format_minor(d.minor, find_currency(d.currency)->exponent);
    d.rate = format_fx_rate(*invoice.fx_rate);
    d.note = "\u2248 " + d.canonical + " " + d.currency + " at " + d.rate;
    return R::success(std::move(d));
}

}  // namespace pw
