// Payment cards: brand detection, number checks, grouping, masking, CVC,
// expiry, and the one combined check the widget and the server both run
// before tokenising a card.
//
// Brand ranges, lengths, gaps and CVC sizes follow braintree's
// credit-card-type table, plus Troy and Naranja, which it lacks:
//   Troy     9792, and these 6-digit IINs inside Discover's "65": 650052,
//            650082-650083, 650092, 650161, 650170, 650173, 650175, 650268,
//            650271, 650273-650274. These are the Troy IINs we could verify;
//            the rest of Troy's list is to be added from the issuer's (BKM's)
//            own IIN table, not guessed: until then those numbers read as
//            Discover. (Looked for in December 2026: braintree's
//            credit-card-type has no Troy; the other public card-type code
//            found names 9792 only, or all of 65 (which is Discover's);
//            Wikipedia's Troy page lists no IINs; a published BKM bank BIN
//            list gives no card scheme per prefix. None confirms another
//            65xxxx IIN as Troy.)
//   Naranja  589562 (its own network), and the co-branded 402918 (Visa) and
//            527572 (Mastercard).
// Where ranges overlap the most specific match wins: a 6-digit Elo prefix
// beats Visa's "4", Discover's "65" beats Maestro's catch-all "6", Troy's
// 650052 beats Discover's "65", Naranja's 402918 beats Visa's "4". Verve and
// Maestro publish overlapping 6-digit ranges; Verve wins those.
//
// Co-branded cards: a card issued under a co-brand on another network's rails
// (Naranja 402918 on Visa, 527572 on Mastercard) has two answers. Its brand
// (detect_card_brand, CardNumberInfo::brand, card_brand_name, the brand id
// the API and the vault record) is the co-brand the payer sees printed on
// the card: "Naranja". Its network (card_network) is the one that routes and
// authorises it: Visa, Mastercard. Lengths, gaps and CVC follow the brand.
//
// Card numbers are taken as typed: spaces and dashes are ignored anywhere;
// any other character (letters, dots, NUL, non-ASCII digits, emoji) makes the
// input "malformed": not valid, not potentially valid, brand unknown (we do
// not name a brand for text that is not a card number).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "paywidget/date.hpp"
#include "paywidget/result.hpp"

namespace pw {

// ---------------------------------------------------------------- brands --

enum class CardBrand {
    unknown,
    visa,
    mastercard,
    american_express,
    discover,
    diners_club,
    jcb,
    unionpay,
    maestro,
    mir,
    elo,
    hiper,
    hipercard,
    troy,
    naranja,
    verve,
};

// Every known brand (not `unknown`), in a stable order; for tests and UIs.
std::span<const CardBrand> all_card_brands();

// Stable id: "visa", "mastercard", "american-express", "discover",
// "diners-club", "jcb", "unionpay", "maestro", "mir", "elo", "hiper",
// "hipercard", "troy", "naranja", "verve"; "unknown" otherwise.
std::string_view card_brand_id(CardBrand brand);

// The id above back to a brand; anything else gives CardBrand::unknown.
CardBrand card_brand_from_id(std::string_view id);

// Name as printed for a payer: "Visa", "Mastercard", "American Express",
// "Diners Club", "JCB", "UnionPay", ...; "Card" for an unknown brand.
std::string_view card_brand_name(CardBrand brand);

// Allowed number lengths, ascending (e.g. Visa 16, 18, 19); empty for unknown.
std::span<const int> card_lengths(CardBrand brand);

// Positions after which a space is shown (Visa {4, 8, 12}, Amex {4, 10}).
// Diners Club prints 14-digit numbers 4-6-4 but 16/19-digit ones 4-4-4-...,
// so its gaps depend on how many digits there are. Unknown brands use
// {4, 8, 12} so that digits typed before the brand is known still group.
std::span<const int> card_gaps(CardBrand brand, std::size_t digit_count);

// Security code length: 4 for American Express, 3 for every other brand,
// 0 for unknown (then 3 or 4 digits are accepted, see validate_cvc).
int card_cvc_length(CardBrand brand);

// Brand of a digits-only string (no spaces). Works on partial numbers: the
// brand of the most specific range the digits already complete ("4" is visa,
// "401178" is elo, "62" is maestro until "620" makes it unionpay); when none
// is complete yet, the one brand all reachable ranges belong to ("35" is
// jcb), else unknown ("5" could be mastercard or maestro). Anything that is
// not all ASCII digits gives unknown.
CardBrand detect_card_brand(std::string_view digits);

// The network that routes a digits-only number (no spaces): the brand
// itself except for co-branded ranges (see the top of this file), where it
// is the host network ("4029180000000000" is brand naranja, network visa;
// "5275720000000000" mastercard; Naranja's own 589562 is naranja). Partial
// numbers follow detect_card_brand's rule ("40291" is still visa). Anything
// that is not all ASCII digits, or no supported prefix, gives unknown.
CardBrand card_network(std::string_view digits);

// True when some supported card's IIN range starts with these digits (or the
// digits already cover one): more digits could still make a card of some
// brand. True for "", false for "7" or any non-digit.
bool is_card_prefix(std::string_view digits);

// ------------------------------------------------------------ the number --

// Luhn (mod 10) checksum of a digits-only string of any length; false for an
// empty string or any non-digit.
bool luhn_valid(std::string_view digits);

// The digits of a number as typed, with spaces and dashes removed.
// Error "card_number_required" (no digits at all) or
// "invalid_card_number_characters" (any other character), field "number".
Result<std::string> card_number_digits(std::string_view input);

// Everything a UI or the server wants to know about a number as typed.
struct CardNumberInfo {
    std::string digits;             // spaces/dashes removed; empty when malformed
    bool malformed = false;         // a character other than digit/space/dash
    CardBrand brand = CardBrand::unknown;
    bool luhn = false;              // luhn_valid(digits)
    bool valid = false;             // known brand, allowed length, Luhn (not UnionPay)
    bool potentially_valid = false; // valid, or more digits could make it valid
};

// valid: brand known, length allowed for the brand, Luhn passes (UnionPay is
// exempt: the network does not use Luhn on all its cards).
// potentially_valid: valid, or some longer number starting with these digits
// (at most 19 digits) is valid. So "" and "4" are potentially valid, a
// 16-digit Visa failing Luhn is too (Visa also issues 18 and 19 digits), a
// 16-digit Mastercard failing Luhn is not, 20 digits never are.
CardNumberInfo inspect_card_number(std::string_view input);

// The check to run on submit. Field "number". Codes:
//   card_number_required           nothing typed
//   invalid_card_number_characters a character other than digits/space/dash
//   card_number_too_long           more digits than the brand (or any card) has
//   unknown_card_brand             digits that no supported card starts with
//   card_number_incomplete         a prefix of a possible card number
//   invalid_card_number            allowed length but the checksum fails
Error validate_card_number(std::string_view input);

// Digits grouped with single spaces by the brand's gaps, for display and for
// formatting while the payer types ("4242424" -> "4242 424"). Extra digits
// of long numbers stay together in the last group (19-digit Visa: 4-4-4-7).
// Malformed input comes back unchanged, so live formatting never eats what
// the payer typed.
std::string format_card_number(std::string_view input);

// The last four digits ("" when malformed or no digits; all digits when
// fewer than four).
std::string card_last4(std::string_view input);

// "•••• 4242" (four U+2022 bullets, a space, the last four digits); just
// "••••" when there are no digits to show.
std::string mask_card_number(std::string_view input);

// ------------------------------------------------------------------- CVC --

// Security code: ASCII digits only, exactly card_cvc_length(brand) of them
// (3 or 4 when the brand is unknown). Field "cvc". Codes: cvc_required,
// cvc_incomplete (too few digits), invalid_cvc (other characters, too many).
Error validate_cvc(std::string_view cvc, CardBrand brand);

// ---------------------------------------------------------------- expiry --

struct CardExpiry {
    int month = 0;  // 1..12
    int year = 0;   // four digits; two-digit input means 20YY
    friend bool operator==(const CardExpiry&, const CardExpiry&) = default;
};

// Reads these forms (M/MM: month, YY: 20YY, YYYY: the year), and no other;
// leading and trailing spaces are ignored:
//   with "/"     MM/YY, MM/YYYY, M/YY, M/YYYY; spaces allowed around the "/"
//                ("12 / 29", as autofill and format_card_expiry write it)
//   with spaces  MM YY, MM YYYY, M YY, M YYYY
//   ISO          YYYY-MM, YYYY-M ("2035-5"; <input type="month"> gives YYYY-MM)
//   digits only  4 digits: always MMYY ("1234" is 12/34, never 1/234 or
//                YYMM; "2030" is month 20: invalid_expiry_month);
//                6 digits: MMYYYY ("112033" is 11/2033);
//                3 digits: MYY, 5 digits: MYYYY, only when the first digit is
//                2-9 ("837" is 8/37, "82030" is 8/2030). With a first digit
//                0 or 1 they are ambiguous or unfinished ("122": 1/22 or
//                12/2...; "12030": 1/2030 or 12/03...) and refused.
// Field "exp". Codes:
//   expiry_required       nothing typed
//   invalid_expiry        not one of the forms above (including the
//                         ambiguous digit runs)
//   invalid_expiry_month  the month is 0 or above 12
Result<CardExpiry> parse_card_expiry(std::string_view text);

// The expiry as the payer types it, formatted the way the form shows it
// ("MM / YY"): only text of 1 to 6 ASCII digits is changed, so deleting
// the separator is never undone. A first digit 2-9 is the whole month
// ("4" -> "04 / ", "837" -> "08 / 37", "82030" -> "08 / 2030"); after a 0
// or 1 the month is two digits ("1" and "12" stay, "122" -> "12 / 2",
// "1229" -> "12 / 29", "112033" -> "11 / 2033"). Whatever parse_card_expiry
// reads from the digits it reads the same from the formatted text.
std::string format_card_expiry(std::string_view text);

// A card is good through the last day of its expiry month, so it is expired
// only when (year, month) is before today's. Issuers print at most 19 years
// ahead, so a year above today.year + 19 is a typo. Field "exp". Codes:
// card_expired, expiry_too_far. Empty Error when fine.
Error check_card_expiry(const CardExpiry& expiry, const Date& today);

// parse_card_expiry then check_card_expiry.
Result<CardExpiry> validate_card_expiry(std::string_view text, const Date& today);

// ------------------------------------------------------ the whole card ---

struct CardInput {
    std::string number;       // as typed
    std::string exp;          // as typed, see parse_card_expiry
    std::string cvc;
    std::string name;         // cardholder name
    std::string postal_code;  // billing postal code
};

struct CardSummary {
    CardBrand brand = CardBrand::unknown;
    std::string last4;
    int exp_month = 0;
    int exp_year = 0;
};

// Cardholder name: required after trimming spaces, at most 200 characters
// (code points), valid UTF-8 without control characters. Field "name".
// Codes: name_required, name_too_long, invalid_name.
Error validate_cardholder_name(std::string_view name);

// Billing postal code: required after trimming spaces; 2..10 characters of
// ASCII letters, digits, spaces and dashes. Field "postal_code". Codes:
// postal_code_required, invalid_postal_code.
Error validate_postal_code(std::string_view postal_code);

// Checks number, exp, cvc (against the number's brand), name, postal_code in
// that order and fails with the first Error (codes as in the functions
// above). On success: brand, last four digits and the expiry.
Result<CardSummary> validate_card_input(const CardInput& input, const Date& today);

}  // namespace pw
