// Bank debit: the account details a payer types for US ACH, Canadian PAD and
// SEPA Direct Debit, checked before anything is sent to a processor.
//
// Every check here is offline and exact: checksums and structures that a
// typo breaks. None of them proves that an account exists; the processor
// does that. Inputs are what a person types: spaces and dashes are ignored
// anywhere in numbers, letters may be lower case. Every function is pure and
// total: any bytes (NUL, invalid UTF-8, megabytes) give an Error, never a
// crash, and no work grows faster than the input's length.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "paywidget/result.hpp"

namespace pw {

// ---------------------------------------------------------------------------
// Shared by all three schemes
// ---------------------------------------------------------------------------

// A number as typed -> its digits: spaces and dashes are dropped anywhere;
// nullopt when anything else (a letter, a dot, NUL, a multi-byte character)
// is present.
std::optional<std::string> bank_digits(std::string_view input);

// ---------------------------------------------------------------------------
// Account holder
// ---------------------------------------------------------------------------

inline constexpr std::size_t kMaxAccountHolderChars = 200;  // Unicode code points

// Trims surrounding ASCII whitespace and returns the name as the payer typed
// it otherwise (any script, accents, apostrophes, emoji).
// Errors (field "account_holder"):
//   missing_account_holder  - empty or only spaces;
//   account_holder_too_long - more than 200 characters (code points);
//   invalid_account_holder  - invalid UTF-8 or control characters (NUL, tab,
//                             newline, DEL, C1 controls).
Result<std::string> validate_account_holder(std::string_view name);

// ---------------------------------------------------------------------------
// US ACH
// ---------------------------------------------------------------------------

enum class AchAccountType { checking, savings };

// True when `digits` is exactly 9 ASCII digits whose ABA weighted sum
// 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) is a multiple of 10.
bool aba_checksum_ok(std::string_view digits);

// True when the first two of 9 digits are a Federal Reserve routing symbol
// range: 00-12 (00 is the US Government), 21-32 (thrifts), 61-72 (electronic),
// 80 (traveller's cheques).
bool aba_prefix_ok(std::string_view digits);

// A routing number as typed -> its 9 digits. Errors (field "routing_number"),
// all with code invalid_routing_number and a message saying which rule failed:
// empty, a non-digit, not 9 digits, all zeros, a prefix outside the Federal
// Reserve ranges, or a failed checksum.
Result<std::string> validate_routing_number(std::string_view input);

// An ACH account number as typed -> its digits (4 to 17).
// Error (field "account_number"): invalid_account_number.
Result<std::string> validate_ach_account_number(std::string_view input);

// "checking" or "savings", any case, surrounding spaces ignored.
// Error (field "account_type"): invalid_account_type.
Result<AchAccountType> parse_ach_account_type(std::string_view input);
std::string_view to_string(AchAccountType type);

struct AchDetails {
    std::string account_holder;
    std::string routing_number;
    std::string account_number;
    std::string account_type;  // "checking" or "savings"
};

// All ACH fields, in form order (holder, routing, account, type); returns the
// first Error, or an ok Error (empty code) when everything is valid.
Error validate_ach(const AchDetails& details);

// ---------------------------------------------------------------------------
// Canadian PAD
// ---------------------------------------------------------------------------

// Branch transit number: 5 digits. Error (field "transit_number"):
// invalid_transit_number.
Result<std::string> validate_transit_number(std::string_view input);

// Financial institution number: 3 digits. Error (field
// "institution_number"): invalid_institution_number.
Result<std::string> validate_institution_number(std::string_view input);

// Account number: 7 to 12 digits. Error (field "account_number"):
// invalid_account_number.
Result<std::string> validate_pad_account_number(std::string_view input);

struct PadDetails {
    std::string account_holder;
    std::string transit_number;
    std::string institution_number;
    std::string account_number;
};

// All PAD fields in form order (holder, transit, institution, account); the
// first Error, or an ok Error.
Error validate_pad(const PadDetails& details);

// ---------------------------------------------------------------------------
// IBAN (ISO 13616) and SEPA
// ---------------------------------------------------------------------------

// The national check a country's BBAN carries, where one is defined for all
// of its banks (bank-specific schemes such as Germany's are not checked).
enum class NationalCheck : std::uint8_t {
    none,
    belgium,       // BE: first 10 digits mod 97 (0 -> 97) = last 2
    spain,         // ES: two mod-11 digits (bank+branch, account)
    france,        // FR, MC and French territories: RIB key, 97 - ... mod 97
    norway,        // NO: mod 11, weights 5,4,3,2,7,6,5,4,3,2
    poland,        // PL: bank-branch digit, weights 3,9,7,1,3,9,7 mod 10
    mod97_10,      // PT, SI, ME, RS, MK, BA: whole BBAN mod 97 = 1 (ISO 7064)
    italy,         // IT, SM: CIN letter over bank, branch and account
    estonia,       // EE: 7-3-1 weights mod 10 on the account number
    finland,       // FI, AX: Luhn over the 14-digit BBAN
    croatia,       // HR: ISO 7064 MOD 11,10 on bank code and account
    czech_slovak,  // CZ, SK: weighted mod 11 on prefix and account
    hungary,       // HU: 9,7,3,1 weights mod 10 on both groups
    tunisia,       // TN: RIB key, whole BBAN mod 97 = 0
};

// One row of the IBAN country table: every country in the SWIFT IBAN
// registry (ISO 13616), the territories whose banks also issue IBANs with
// their own code, and the countries that issue IBANs outside the registry.
struct IbanCountry {
    std::string_view code;         // "DE"
    std::string_view name;         // "Germany"
    std::string_view adjective;    // "German"; empty: messages say "from <name>"
    int length;                    // whole IBAN: 22
    std::string_view bban_format;  // SWIFT notation: "8!n10!n" (n digit, a
                                   // upper-case letter, c letter or digit)
    bool in_registry;              // listed in the SWIFT IBAN registry itself
    bool sepa;                     // inside the SEPA schemes' geographical scope
    NationalCheck national_check;
};

// nullptr when `code` (exact, upper case) issues no IBANs.
const IbanCountry* find_iban_country(std::string_view code);
std::span<const IbanCountry> all_iban_countries();

// True when `bban` matches a SWIFT format string such as "4!a6!n8!n".
// Also false for a malformed format.
bool bban_matches_format(std::string_view bban, std::string_view format);

// The national check of `kind` on an upper-case `bban` that already matches
// its country's format. True for NationalCheck::none.
bool national_check_ok(NationalCheck kind, std::string_view bban);

// ISO 7064 MOD 97-10 remainder of an IBAN (country code and check digits
// moved to the end, letters as 10..35), computed digit by digit, never as a
// big integer. The IBAN must be upper-case A-Z/0-9; anything else gives -1.
int iban_mod97(std::string_view electronic);

// The two check digits ("02".."98") that make country + digits + bban a valid
// IBAN; "" when country/bban are not upper-case A-Z/0-9 or country is not 2
// letters. For building IBANs from domestic details, and for tests.
std::string iban_check_digits(std::string_view country, std::string_view bban);

// Input as typed -> electronic form: spaces (also U+00A0, U+2009 and U+202F,
// which copies from PDFs and bank websites carry), tabs and dashes dropped,
// letters upper-cased, a leading "IBAN" or "IBAN:" label dropped. Any other
// character is kept, so that validation can report it.
std::string iban_electronic_form(std::string_view input);

// Electronic form in groups of 4 separated by single spaces (print form):
// "DE89 3704 0044 0532 0130 00".
std::string format_iban(std::string_view electronic);

struct Iban {
    std::string electronic;       // "DE89370400440532013000"
    const IbanCountry* country = nullptr;  // never null in a successful result
};

// Full validation of an IBAN as typed. Errors (field "iban"), checked in
// this order:
//   missing_iban                  - nothing but spaces/dashes;
//   invalid_iban_characters       - anything but letters, digits, spaces, dashes;
//   invalid_iban_country          - does not start with a known IBAN country code;
//   invalid_iban_length           - wrong length for the country ("A German IBAN
//                                   has 22 characters, not 21.");
//   invalid_iban_format           - check digits not digits, or the BBAN breaks
//                                   the country's structure (names the position);
//   invalid_iban_checksum         - mod 97 fails, or check digits 00, 01 or 99;
//   invalid_national_check_digits - the BBAN's national check digits fail.
Result<Iban> validate_iban(std::string_view input);

// Whether an IBAN's country takes part in SEPA Direct Debit.
// Error (field "iban"): not_sepa_country. Independent of IBAN validity.
Error check_sepa_country(const IbanCountry& country);

struct SepaDetails {
    std::string account_holder;
    std::string iban;
};

// Holder, then validate_iban, then check_sepa_country; the first Error, or
// an ok Error.
Error validate_sepa(const SepaDetails& details);

}  // namespace pw
