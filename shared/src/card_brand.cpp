// Card brands: the IIN (issuer prefix) table and detection.
//
// Ranges, lengths, gaps and CVC sizes are those of braintree's
// credit-card-type (src/lib/card-types.ts), which tracks the networks'
// published ranges. Troy and Naranja are not in that table; their ranges and
// why only these are listed are in card.hpp.
#include <array>
#include <cstdint>

#include "paywidget/card.hpp"

namespace pw {

namespace {

struct BrandInfo {
    CardBrand brand;
    std::string_view id;
    std::string_view name;
    std::span<const int> lengths;
    int cvc;
};

constexpr int kLen16[] = {16};
constexpr int kLen15[] = {15};
constexpr int kVisaLengths[] = {16, 18, 19};
constexpr int kDinersLengths[] = {14, 16, 19};
constexpr int kDiscoverLengths[] = {16, 19};
constexpr int kLen16to19[] = {16, 17, 18, 19};
constexpr int kUnionPayLengths[] = {14, 15, 16, 17, 18, 19};
constexpr int kMaestroLengths[] = {12, 13, 14, 15, 16, 17, 18, 19};
constexpr int kVerveLengths[] = {16, 18, 19};

constexpr int kGaps4444[] = {4, 8, 12};
constexpr int kGaps465[] = {4, 10};

// Indexed by the enum's value.
const BrandInfo kBrands[] = {
    {CardBrand::unknown, "unknown", "Card", {}, 0},
    {CardBrand::visa, "visa", "Visa", kVisaLengths, 3},
    {CardBrand::mastercard, "mastercard", "Mastercard", kLen16, 3},
    {CardBrand::american_express, "american-express", "American Express", kLen15, 4},
    {CardBrand::discover, "discover", "Discover", kDiscoverLengths, 3},
    {CardBrand::diners_club, "diners-club", "Diners Club", kDinersLengths, 3},
    {CardBrand::jcb, "jcb", "JCB", kLen16to19, 3},
    {CardBrand::unionpay, "unionpay", "UnionPay", kUnionPayLengths, 3},
    {CardBrand::maestro, "maestro", "Maestro", kMaestroLengths, 3},
    {CardBrand::mir, "mir", "Mir", kLen16to19, 3},
    {CardBrand::elo, "elo", "Elo", kLen16, 3},
    {CardBrand::hiper, "hiper", "Hiper", kLen16, 3},
    {CardBrand::hipercard, "hipercard", "Hipercard", kLen16, 3},
    {CardBrand::troy, "troy", "Troy", kLen16, 3},
    {CardBrand::naranja, "naranja", "Naranja", kLen16, 3},
    {CardBrand::verve, "verve", "Verve", kVerveLengths, 3},
};
constexpr std::size_t kBrandCount = sizeof(kBrands) / sizeof(kBrands[0]);

constexpr CardBrand kKnownBrands[] = {
    CardBrand::visa,      CardBrand::mastercard, CardBrand::american_express,
    CardBrand::discover,  CardBrand::diners_club, CardBrand::jcb,
    CardBrand::unionpay,  CardBrand::maestro,    CardBrand::mir,
    CardBrand::elo,       CardBrand::hiper,      CardBrand::hipercard,
    CardBrand::troy,      CardBrand::naranja,    CardBrand::verve,
};

const BrandInfo& info(CardBrand b) {
    auto i = static_cast<std::size_t>(b);
    return i < kBrandCount ? kBrands[i] : kBrands[0];
}

// One IIN range: numbers whose first `digits` digits lie in [lo, hi].
// A single prefix is a range with lo == hi. `network` routes the card; it is
// the brand itself except for a co-branded range (see card_network).
struct IinRange {
    CardBrand brand;
    std::uint32_t lo;
    std::uint32_t hi;
    int digits;
    CardBrand network;
};

constexpr IinRange r(CardBrand b, std::uint32_t lo, std::uint32_t hi, int digits) {
    return {b, lo, hi, digits, b};
}

// A co-branded range: the payer sees `brand`, `network` routes it.
constexpr IinRange co(CardBrand b, std::uint32_t iin, CardBrand network) {
    return {b, iin, iin, 6, network};
}

using B = CardBrand;
// Order matters only for ties (same prefix length, both brands matching):
// the earlier entry wins. Verve's ranges sit inside Maestro's, so Verve comes
// first; Maestro (with its catch-all "6") is last.
constexpr IinRange kRanges[] = {
    r(B::visa, 4, 4, 1),
    r(B::mastercard, 51, 55, 2), r(B::mastercard, 2221, 2229, 4), r(B::mastercard, 223, 229, 3),
    r(B::mastercard, 23, 26, 2), r(B::mastercard, 270, 271, 3), r(B::mastercard, 2720, 2720, 4),
    r(B::american_express, 34, 34, 2), r(B::american_express, 37, 37, 2),
    r(B::diners_club, 300, 305, 3), r(B::diners_club, 36, 36, 2), r(B::diners_club, 38, 39, 2),
    r(B::discover, 6011, 6011, 4), r(B::discover, 644, 649, 3), r(B::discover, 65, 65, 2),
    r(B::jcb, 2131, 2131, 4), r(B::jcb, 1800, 1800, 4), r(B::jcb, 3528, 3589, 4),
    r(B::unionpay, 620, 620, 3), r(B::unionpay, 62100, 62182, 5), r(B::unionpay, 62184, 62197, 5),
    r(B::unionpay, 62200, 62205, 5), r(B::unionpay, 622010, 622999, 6),
    r(B::unionpay, 62207, 62209, 5), r(B::unionpay, 623, 626, 3), r(B::unionpay, 6270, 6270, 4),
    r(B::unionpay, 6272, 6272, 4), r(B::unionpay, 6276, 6276, 4),
    r(B::unionpay, 627700, 627779, 6), r(B::unionpay, 627781, 627799, 6),
    r(B::unionpay, 6282, 6289, 4), r(B::unionpay, 6291, 6292, 4), r(B::unionpay, 810, 810, 3),
    r(B::unionpay, 8110, 8171, 4),
    r(B::mir, 2200, 2204, 4),
    r(B::elo, 401178, 401179, 6), r(B::elo, 438935, 438935, 6), r(B::elo, 457631, 457632, 6),
    r(B::elo, 431274, 431274, 6), r(B::elo, 451416, 451416, 6), r(B::elo, 457393, 457393, 6),
    r(B::elo, 504175, 504175, 6), r(B::elo, 506699, 506778, 6), r(B::elo, 509000, 509999, 6),
    r(B::elo, 627780, 627780, 6), r(B::elo, 636297, 636297, 6), r(B::elo, 636368, 636368, 6),
    r(B::elo, 650031, 650033, 6), r(B::elo, 650035, 650051, 6), r(B::elo, 650405, 650439, 6),
    r(B::elo, 650485, 650538, 6), r(B::elo, 650541, 650598, 6), r(B::elo, 650700, 650718, 6),
    r(B::elo, 650720, 650727, 6), r(B::elo, 650901, 650978, 6), r(B::elo, 651652, 651679, 6),
    r(B::elo, 655000, 655019, 6), r(B::elo, 655021, 655058, 6),
    r(B::hiper, 637095, 637095, 6), r(B::hiper, 63737423, 63737423, 8),
    r(B::hiper, 63743358, 63743358, 8), r(B::hiper, 637568, 637568, 6),
    r(B::hiper, 637599, 637599, 6), r(B::hiper, 637609, 637609, 6), r(B::hiper, 637612, 637612, 6),
    r(B::hipercard, 606282, 606282, 6),
    // Troy's 6-digit IINs inside Discover's "65" (more specific, so they win).
    r(B::troy, 9792, 9792, 4),
    r(B::troy, 650052, 650052, 6), r(B::troy, 650082, 650083, 6), r(B::troy, 650092, 650092, 6),
    r(B::troy, 650161, 650161, 6), r(B::troy, 650170, 650170, 6), r(B::troy, 650173, 650173, 6),
    r(B::troy, 650175, 650175, 6), r(B::troy, 650268, 650268, 6), r(B::troy, 650271, 650271, 6),
    r(B::troy, 650273, 650274, 6),
    // Naranja's own network, and its cards co-branded on Visa and Mastercard.
    r(B::naranja, 589562, 589562, 6),
    co(B::naranja, 402918, B::visa), co(B::naranja, 527572, B::mastercard),
    r(B::verve, 506099, 506127, 6), r(B::verve, 506129, 506129, 6), r(B::verve, 506133, 506150, 6),
    r(B::verve, 506158, 506163, 6), r(B::verve, 506166, 506166, 6), r(B::verve, 506168, 506168, 6),
    r(B::verve, 506170, 506170, 6), r(B::verve, 506173, 506173, 6), r(B::verve, 506176, 506180, 6),
    r(B::verve, 506184, 506184, 6), r(B::verve, 506187, 506188, 6), r(B::verve, 506191, 506191, 6),
    r(B::verve, 506195, 506195, 6), r(B::verve, 506197, 506197, 6), r(B::verve, 507865, 507866, 6),
    r(B::verve, 507868, 507877, 6), r(B::verve, 507880, 507888, 6), r(B::verve, 507900, 507900, 6),
    r(B::verve, 507941, 507941, 6),
    r(B::maestro, 493698, 493698, 6), r(B::maestro, 500000, 504174, 6),
    r(B::maestro, 504176, 506698, 6), r(B::maestro, 506779, 508999, 6), r(B::maestro, 56, 59, 2),
    r(B::maestro, 63, 63, 2), r(B::maestro, 67, 67, 2), r(B::maestro, 6, 6, 1),
};

bool all_ascii_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// The first `n` digits of s as a number (n <= 9 so it fits).
std::uint32_t prefix_value(std::string_view s, std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + static_cast<std::uint32_t>(s[i] - '0');
    return v;
}

std::uint32_t pow10(int k) {
    std::uint32_t p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

// True when the digits typed so far are a prefix of some number in the
// range, or already cover its prefix and fall inside it. Comparing the first
// n digits with the bounds cut to n digits is exact: every extension of a
// prefix p lies in the range's span when lo/10^(k-n) <= p <= hi/10^(k-n).
bool reaches(const IinRange& range, std::string_view digits) {
    auto k = static_cast<std::size_t>(range.digits);
    auto n = digits.size() < k ? digits.size() : k;
    auto cut = pow10(static_cast<int>(k - n));
    auto v = prefix_value(digits, n);
    return v >= range.lo / cut && v <= range.hi / cut;
}

// The range the digits (all ASCII digits) fall in: a range counts once the
// digits cover its whole prefix; the longest (most specific) such prefix
// decides, as matchStrength does in credit-card-type. Null when none is
// complete yet.
const IinRange* most_specific_range(std::string_view digits) {
    const IinRange* best = nullptr;
    for (const auto& range : kRanges) {
        if (digits.size() < static_cast<std::size_t>(range.digits)) continue;
        auto v = prefix_value(digits, static_cast<std::size_t>(range.digits));
        if (v >= range.lo && v <= range.hi && (!best || range.digits > best->digits)) best = &range;
    }
    return best;
}

// What `pick` (brand or network) says of the digits: that of the most
// specific complete range; when none is complete yet, the one value every
// range the digits could still reach agrees on ("35" can only become JCB),
// else unknown.
template <class Pick>
CardBrand classify(std::string_view digits, Pick pick) {
    if (!all_ascii_digits(digits) || digits.empty()) return CardBrand::unknown;
    if (const IinRange* range = most_specific_range(digits)) return pick(*range);
    CardBrand agreed = CardBrand::unknown;
    for (const auto& range : kRanges) {
        if (!reaches(range, digits)) continue;
        if (agreed != CardBrand::unknown && agreed != pick(range)) return CardBrand::unknown;
        agreed = pick(range);
    }
    return agreed;
}

}  // namespace

std::span<const CardBrand> all_card_brands() { return kKnownBrands; }

std::string_view card_brand_id(CardBrand brand) { return info(brand).id; }

CardBrand card_brand_from_id(std::string_view id) {
    for (const auto& b : kBrands)
        if (b.brand != CardBrand::unknown && b.id == id) return b.brand;
    return CardBrand::unknown;
}

std::string_view card_brand_name(CardBrand brand) { return info(brand).name; }

std::span<const int> card_lengths(CardBrand brand) { return info(brand).lengths; }

std::span<const int> card_gaps(CardBrand brand, std::size_t digit_count) {
    if (brand == CardBrand::american_express) return kGaps465;
    // Diners Club's 14-digit cards are printed 4-6-4; its 16- and 19-digit
    // cards (issued on Discover/Mastercard rails) 4-4-4-4.
    if (brand == CardBrand::diners_club && digit_count <= 14) return kGaps465;
    return kGaps4444;
}

int card_cvc_length(CardBrand brand) { return info(brand).cvc; }

CardBrand detect_card_brand(std::string_view digits) {
    return classify(digits, [](const IinRange& range) { return range.brand; });
}

CardBrand card_network(std::string_view digits) {
    return classify(digits, [](const IinRange& range) { return range.network; });
}

bool is_card_prefix(std::string_view digits) {
    if (!all_ascii_digits(digits)) return false;
    for (const auto& range : kRanges)
        if (reaches(range, digits)) return true;
    return false;
}

}  // namespace pw
