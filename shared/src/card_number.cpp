// Card numbers as typed: digits, Luhn, valid / potentially valid, grouping,
// masking.
#include <algorithm>

#include "paywidget/card.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

// No card network issues numbers longer than this (ISO/IEC 7812).
constexpr std::size_t kMaxCardDigits = 19;
// The longest IIN prefix in card_brand.cpp's table: from here on the brand
// can no longer change as digits are added.
constexpr std::size_t kLongestPrefix = 8;

constexpr std::string_view kBullets = "\u2022\u2022\u2022\u2022";

bool is_separator(char c) { return c == ' ' || c == '-'; }

// Digits of `input`, or false when it holds anything but digits, spaces and
// dashes.
bool strip_separators(std::string_view input, std::string& digits) {
    digits.clear();
    for (char c : input) {
        if (c >= '0' && c <= '9')
            digits.push_back(c);
        else if (!is_separator(c))
            return false;
    }
    return true;
}

bool allows_length(CardBrand brand, std::size_t n) {
    auto lengths = card_lengths(brand);
    return std::find(lengths.begin(), lengths.end(), static_cast<int>(n)) != lengths.end();
}

// UnionPay does not put a Luhn check digit on every card it issues.
bool needs_luhn(CardBrand brand) { return brand != CardBrand::unionpay; }

}  // namespace

bool luhn_valid(std::string_view digits) {
    if (digits.empty()) return false;
    int sum = 0;
    bool twice = false;  // every second digit from the right is doubled
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it < '0' || *it > '9') return false;
        int d = *it - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum = (sum + d) % 10;  // stays small on megabyte inputs
        twice = !twice;
    }
    return sum == 0;
}

Result<std::string> card_number_digits(std::string_view input) {
    std::string digits;
    if (!strip_separators(input, digits))
        return Result<std::string>::failure(catalogue_error("invalid_card_number_characters", "number", "card.number_characters"));
    if (digits.empty())
        return Result<std::string>::failure(catalogue_error("card_number_required", "number", "card.number_required"));
    return Result<std::string>::success(std::move(digits));
}

CardNumberInfo inspect_card_number(std::string_view input) {
    CardNumberInfo out;
    if (!strip_separators(input, out.digits)) {
        out.digits.clear();
        out.malformed = true;
        return out;
    }
    const std::size_t n = out.digits.size();
    out.brand = detect_card_brand(out.digits);
    out.luhn = luhn_valid(out.digits);
    out.valid = out.brand != CardBrand::unknown && allows_length(out.brand, n) &&
                (out.luhn || !needs_luhn(out.brand));
    if (out.valid) {
        out.potentially_valid = true;
    } else if (n > kMaxCardDigits) {
        out.potentially_valid = false;
    } else if (n < kLongestPrefix) {
        // Every brand's shortest length (12) is longer than any prefix, so
        // reaching some brand's range is enough; the last digit typed can
        // always make the checksum right.
        out.potentially_valid = is_card_prefix(out.digits);
    } else {
        // The brand is settled: a longer allowed length must remain (Luhn
        // is then fixable by the final digit).
        auto lengths = card_lengths(out.brand);
        out.potentially_valid = std::any_of(lengths.begin(), lengths.end(), [n](int len) {
            return static_cast<std::size_t>(len) > n;
        });
    }
    return out;
}

Error validate_card_number(std::string_view input) {
    const auto info = inspect_card_number(input);
    const std::size_t n = info.digits.size();
    if (info.malformed)
        return catalogue_error("invalid_card_number_characters", "number", "card.number_characters");
    if (n == 0) return catalogue_error("card_number_required", "number", "card.number_required");
    if (info.valid) return {};
    auto too_long = [] {
        return catalogue_error("card_number_too_long", "number", "card.number_too_long");
    };
    if (n > kMaxCardDigits) return too_long();
    if (info.brand == CardBrand::unknown) {
        if (info.potentially_valid)
            return catalogue_error("card_number_incomplete", "number", "card.number_incomplete");
        return catalogue_error("unknown_card_brand", "number", "card.brand_unknown");
    }
    // A typo in a complete 16-digit Visa is "invalid", not "incomplete",
    // even though Visa also issues 18 and 19 digits: checked first.
    if (allows_length(info.brand, n))
        return catalogue_error("invalid_card_number", "number", "card.number_invalid");
    if (info.potentially_valid)
        return catalogue_error("card_number_incomplete", "number", "card.number_incomplete");
    return too_long();
}

std::string format_card_number(std::string_view input) {
    std::string digits;
    if (!strip_separators(input, digits)) return std::string(input);
    const auto gaps = card_gaps(detect_card_brand(digits), digits.size());
    std::string out;
    out.reserve(digits.size() + gaps.size());
    std::size_t next_gap = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (next_gap < gaps.size() && i == static_cast<std::size_t>(gaps[next_gap])) {
            out.push_back(' ');
            ++next_gap;
        }
        out.push_back(digits[i]);
    }
    return out;
}

std::string card_last4(std::string_view input) {
    std::string digits;
    if (!strip_separators(input, digits)) return {};
    return digits.size() <= 4 ? digits : digits.substr(digits.size() - 4);
}

std::string mask_card_number(std::string_view input) {
    std::string last4 = card_last4(input);
    std::string out(kBullets);
    if (!last4.empty()) {
        out.push_back(' ');
        out += last4;
    }
    return out;
}

}  // namespace pw
