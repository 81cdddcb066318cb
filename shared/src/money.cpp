// Exact amount parsing and formatting, checked arithmetic.
//
// Everything is integer arithmetic on minor units; a typed amount is read
// digit by digit, never through a floating-point conversion.
#include "paywidget/money.hpp"
#include "paywidget/messages.hpp"

#include <array>
#include <cstddef>

namespace pw {

namespace {

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_ascii(std::string_view s) {
    while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
    return s;
}

// Strict UTF-8 check (no overlongs, no surrogates): separators end up in
// error messages and JSON, so they must be text.
bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool valid_separator(std::string_view s) {
    if (s.empty() || s.size() > 8 || !is_utf8(s)) return false;
    for (char c : s)
        if (is_digit(c) || c == '-' || c == '+') return false;
    return true;
}

constexpr std::string_view kNbsp = "\xC2\xA0";       // U+00A0 NO-BREAK SPACE
constexpr std::string_view kNnbsp = "\xE2\x80\xAF";  // U+202F NARROW NO-BREAK SPACE
constexpr std::string_view kRsquo = "\xE2\x80\x99";  // U+2019 (de-CH grouping)
constexpr std::string_view kMinus = "\xE2\x88\x92";  // U+2212 MINUS SIGN

// The grouping separators a payer may type for the locale's one: the locale's
// own plus look-alikes that a phone keyboard actually offers. A look-alike
// that collides with the decimal separator is left out.
struct GroupingSet {
    std::array<std::string_view, 3> items{};
    std::size_t count = 0;

    void add(std::string_view s, std::string_view decimal) {
        if (count == items.size()) return;
        if (starts_with(s, decimal) || starts_with(decimal, s)) return;
        for (std::size_t i = 0; i < count; ++i)
            if (items[i] == s) return;
        items[count++] = s;
    }

    // Length of the separator at the start of `s`, 0 when none matches.
    std::size_t match(std::string_view s) const {
        for (std::size_t i = 0; i < count; ++i)
            if (starts_with(s, items[i])) return items[i].size();
        return 0;
    }
};

GroupingSet grouping_set(const AmountSeparators& seps) {
    GroupingSet set;
    set.add(seps.grouping, seps.decimal);
    const std::string_view g = seps.grouping;
    if (g == " " || g == kNbsp || g == kNnbsp) {
        set.add(" ", seps.decimal);
        set.add(kNbsp, seps.decimal);
        set.add(kNnbsp, seps.decimal);
    } else if (g == "'" || g == kRsquo) {
        set.add("'", seps.decimal);
        set.add(kRsquo, seps.decimal);
    }
    return set;
}

// "1,234.50" in the caller's own separators, for examples in messages.
std::string example_amount(int exponent, const AmountSeparators& seps) {
    std::string s = "1" + seps.grouping + "234";
    if (exponent > 0) s += seps.decimal + std::string("5") + std::string(static_cast<std::size_t>(exponent - 1), '0');
    return s;
}

// Exponents in the table are 0..4; the extra entries keep a future table
// edit from reading past the end.
constexpr std::int64_t kPow10[] = {1,
                                   10,
                                   100,
                                   1000,
                                   10000,
                                   100000,
                                   1000000,
                                   10000000,
                                   100000000,
                                   1000000000,
                                   10000000000,
                                   100000000000,
                                   1000000000000,
                                   10000000000000,
                                   100000000000000,
                                   1000000000000000,
                                   10000000000000000,
                                   100000000000000000,
                                   1000000000000000000};

Result<std::int64_t> overflow() {
    return Result<std::int64_t>::failure("amount_overflow", "",
                                         "The amount is too large to calculate; check the amounts entered.");
}

}  // namespace

const CurrencyInfo* find_currency_typed(std::string_view text) {
    text = trim_ascii(text);
    if (text.size() != 3) return nullptr;
    char code[3];
    for (std::size_t i = 0; i < 3; ++i) {
        char c = text[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        code[i] = c;
    }
    return find_currency(std::string_view(code, 3));
}

Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency,
                                  const AmountSeparators& seps) {
    using R = Result<std::int64_t>;
    const CurrencyInfo* info = find_currency(currency);
    if (info == nullptr)
        return R::failure(catalogue_error("unknown_currency", "currency", "amount.unknown_currency"));
    if (!valid_separator(seps.decimal) || !valid_separator(seps.grouping) ||
        starts_with(seps.decimal, seps.grouping) || starts_with(seps.grouping, seps.decimal))
        return R::failure("invalid_separators", "separators",
                          "The decimal and grouping separators must be two different non-digit characters.");

    if (info->exponent < 0 || info->exponent > 18) return R::failure(catalogue_error("unknown_currency", "currency", "amount.unknown_currency"));
    const int exponent = info->exponent;
    const std::string example = example_amount(exponent, seps);
    auto invalid = [&] {
        return R::failure(catalogue_error("invalid_amount", "amount", "amount.digits", {{"example", example}}));
    };
    auto bad_grouping = [&] {
        return R::failure(catalogue_error("invalid_amount", "amount", "amount.grouping", {{"example", example}}));
    };

    std::string_view s = trim_ascii(text);
    if (s.empty()) return R::failure(catalogue_error("empty_amount", "amount", "amount.required"));

    bool negative = false;
    if (s.front() == '-') {
        negative = true;
        s.remove_prefix(1);
    } else if (starts_with(s, kMinus)) {
        negative = true;
        s.remove_prefix(kMinus.size());
    }

    const GroupingSet groups = grouping_set(seps);
    // The integer part saturates just above the limit: anything larger is
    // amount_too_large anyway, and the scan must still check the syntax of
    // the rest (a 1 MB string of digits is an amount_too_large, not a hang).
    constexpr std::int64_t kSaturate = kMaxAmountMinor + 1;
    std::int64_t whole = 0;
    std::int64_t fraction = 0;
    int fraction_digits = 0;
    std::size_t digits = 0;
    bool in_fraction = false;
    bool grouped = false;     // a grouping separator has been seen
    std::size_t group_len = 0;  // integer digits since the last grouping separator

    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (is_digit(c)) {
            ++digits;
            if (in_fraction) {
                ++fraction_digits;
                if (fraction_digits <= exponent) fraction = fraction * 10 + (c - '0');
            } else {
                ++group_len;
                if (whole < kSaturate) whole = whole * 10 + (c - '0');
                if (whole > kSaturate) whole = kSaturate;
            }
            ++i;
            continue;
        }
        if (in_fraction) return invalid();  // a second decimal, a grouping separator, garbage
        const std::string_view rest = s.substr(i);
        if (starts_with(rest, seps.decimal)) {
            if (grouped && group_len != 3) return bad_grouping();
            in_fraction = true;
            i += seps.decimal.size();
            continue;
        }
        if (const std::size_t len = groups.match(rest); len != 0) {
            // The first group has 1..3 digits, every later one exactly 3.
            if (group_len == 0 || group_len > 3 || (grouped && group_len != 3)) return bad_grouping();
            grouped = true;
            group_len = 0;
            i += len;
            continue;
        }
        return invalid();
    }
    if (!in_fraction && grouped && group_len != 3) return bad_grouping();
    if (digits == 0) return invalid();

    if (negative)
        return R::failure(catalogue_error("negative_amount", "amount", "amount.negative"));
    if (fraction_digits > exponent) {
        MessageArgs args = {{"currency", std::string(info->code)}, {"example", example}};
        if (exponent == 0) return R::failure(catalogue_error("too_many_decimals", "amount", "amount.no_decimals", args));
        args.emplace_back("decimals", std::to_string(exponent));
        return R::failure(catalogue_error("too_many_decimals", "amount", "amount.too_many_decimals", args));
    }

    // kMaxAmountMinor is a multiple of 10^exponent, so this bounds whole
    // before the multiplication, which then cannot overflow.
    std::int64_t minor = 0;
    bool too_large = whole > kMaxAmountMinor / kPow10[exponent];
    if (!too_large) {
        minor = whole * kPow10[exponent] + fraction * kPow10[exponent - fraction_digits];
        too_large = minor > kMaxAmountMinor;
    }
    if (too_large)
        return R::failure(catalogue_error("amount_too_large", "amount", "amount.too_large",
                                          {{"maximum", format_minor(kMaxAmountMinor, exponent)}}));
    return R::success(minor);
}

Result<Money> parse_money(std::string_view text, std::string_view currency, const AmountSeparators& seps) {
    auto r = parse_amount(text, currency, seps);
    if (!r) return Result<Money>::failure(std::move(r.error));
    return Result<Money>::success(Money{r.value, std::string(currency)});
}

namespace {

// Digits of |minor| (as unsigned, so INT64_MIN works), left-padded with
// zeros to at least exponent + 1 digits.
std::string padded_digits(std::int64_t minor, int exponent) {
    std::uint64_t mag = minor < 0 ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + mag % 10));
        mag /= 10;
    } while (mag != 0);
    const std::size_t want = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() < want) digits.insert(0, want - digits.size(), '0');
    return digits;
}

int clamp_exponent(int exponent) { return exponent < 0 ? 0 : exponent > 30 ? 30 : exponent; }

}  // namespace

std::string format_minor(std::int64_t minor, int exponent) {
    return format_minor_grouped(minor, exponent, AmountSeparators{".", ""});
}

std::string format_minor_grouped(std::int64_t minor, int exponent, const AmountSeparators& seps) {
    exponent = clamp_exponent(exponent);
    const std::string digits = padded_digits(minor, exponent);
    const std::size_t int_len = digits.size() - static_cast<std::size_t>(exponent);
    std::string out;
    if (minor < 0) out += '-';
    for (std::size_t k = 0; k < int_len; ++k) {
        if (k != 0 && (int_len - k) % 3 == 0) out += seps.grouping;
        out += digits[k];
    }
    if (exponent > 0) {
        out += seps.decimal;
        out.append(digits, int_len, std::string::npos);
    }
    return out;
}

std::string format_money(const Money& m) {
    const CurrencyInfo* info = find_currency(m.currency);
    return format_minor(m.minor, info != nullptr ? info->exponent : 0);
}

std::string format_money_code(std::int64_t minor, std::string_view currency) {
    const CurrencyInfo* info = find_currency(currency);
    return format_minor(minor, info != nullptr ? info->exponent : 0) + " " + std::string(currency);
}

Result<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) return overflow();
    return Result<std::int64_t>::success(r);
}

Result<std::int64_t> checked_sub(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r)) return overflow();
    return Result<std::int64_t>::success(r);
}

Result<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) return overflow();
    return Result<std::int64_t>::success(r);
}

Result<std::int64_t> percent_of_round_up(std::int64_t amount, std::int64_t basis_points) {
    if (amount < 0 || basis_points < 0)
        return Result<std::int64_t>::failure("negative_amount", "",
                                             "The amount and the percentage can't be negative.");
    // amount * bp / 10000 without forming amount * bp (it may not fit):
    // amount = q * 10000 + r, so the result is q * bp + ceil(r * bp / 10000).
    const std::int64_t q = amount / 10000;
    const std::int64_t r = amount % 10000;
    auto whole = checked_mul(q, basis_points);
    if (!whole) return whole;
    auto part = checked_mul(r, basis_points);
    if (!part) return part;
    const std::int64_t rest = part.value / 10000 + (part.value % 10000 != 0 ? 1 : 0);
    return checked_add(whole.value, rest);
}

}  // namespace pw
