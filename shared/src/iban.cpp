// IBAN (ISO 13616): reading what a payer types, the mod-97 check, the
// country's structure, and SEPA Direct Debit eligibility. The country table
// is in iban_registry.cpp, national check digits in iban_national_checks.cpp.
#include "paywidget/bank_debit.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

constexpr std::size_t kMaxIbanLength = 34;  // ISO 13616's upper bound

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum_upper(char c) { return is_upper(c) || is_digit(c); }

bool all_alnum_upper(std::string_view s) {
    for (char c : s) {
        if (!is_alnum_upper(c)) return false;
    }
    return true;
}

// Folds one IBAN character into a running mod-97 remainder: digits as one
// decimal digit, letters as two (A = 10 ... Z = 35). The remainder stays
// below 97, so r * 100 + 35 never comes near int's range.
int mod97_step(int r, char c) {
    return is_digit(c) ? (r * 10 + (c - '0')) % 97 : (r * 100 + (c - 'A' + 10)) % 97;
}

// "A German IBAN" / "an Austrian IBAN" / "an IBAN from French Guiana".
bool needs_the(std::string_view name) {
    for (std::string_view end : {"Islands", "Territories", "Republic", "Emirates", "Kingdom", "Netherlands"}) {
        if (name.size() >= end.size() && name.substr(name.size() - end.size()) == end) return true;
    }
    return false;
}

std::string place(const IbanCountry& c) {
    return (needs_the(c.name) ? std::string("the ") : std::string()) + std::string(c.name);
}

std::string iban_noun(const IbanCountry& c, bool capital) {
    std::string out;
    if (c.adjective.empty()) {
        out = capital ? "An IBAN from " : "an IBAN from ";
        return out + place(c);
    }
    const char first = c.adjective.front();
    // "An Austrian", but "A Ukrainian": only U sounds like a consonant here.
    const bool an = first == 'A' || first == 'E' || first == 'I' || first == 'O';
    out = capital ? (an ? "An " : "A ") : (an ? "an " : "a ");
    return out + std::string(c.adjective) + " IBAN";
}

Result<Iban> iban_error(const char* code, std::string_view message_id, MessageArgs args = {}) {
    return Result<Iban>::failure(catalogue_error(code, "iban", message_id, std::move(args)));
}

// English keeps its country grammar ("A German IBAN", "the United Arab
// Emirates"), which the catalogue cannot say in every language: other
// languages get the catalogue's sentence naming the country by its code.
Error country_error(const char* code, std::string english, std::string_view message_id, MessageArgs args) {
    return Error{code, "iban", std::move(english), std::string(message_id), std::move(args)};
}

// Index (0-based, within `bban`) of the first character that breaks
// `format`, bban.size() when it all fits; -1 for a malformed format or a
// length mismatch.
long first_format_mismatch(std::string_view bban, std::string_view format) {
    std::size_t pos = 0;
    std::size_t i = 0;
    while (i < format.size()) {
        std::size_t count = 0;
        bool any = false;
        while (i < format.size() && is_digit(format[i])) {
            count = count * 10 + static_cast<std::size_t>(format[i] - '0');
            if (count > kMaxIbanLength) return -1;
            ++i;
            any = true;
        }
        if (!any || i + 1 >= format.size() || format[i] != '!') return -1;
        const char kind = format[i + 1];
        i += 2;
        if (kind != 'n' && kind != 'a' && kind != 'c') return -1;
        for (std::size_t k = 0; k < count; ++k, ++pos) {
            if (pos >= bban.size()) return -1;
            const char ch = bban[pos];
            const bool ok = kind == 'n' ? is_digit(ch) : kind == 'a' ? is_upper(ch) : is_alnum_upper(ch);
            if (!ok) return static_cast<long>(pos);
        }
    }
    return pos == bban.size() ? static_cast<long>(pos) : -1;
}

// The kind of character `format` expects at `index` of the BBAN.
char format_kind_at(std::string_view format, std::size_t index) {
    std::size_t pos = 0;
    for (std::size_t i = 0; i < format.size();) {
        std::size_t count = 0;
        while (i < format.size() && is_digit(format[i])) count = count * 10 + static_cast<std::size_t>(format[i++] - '0');
        if (i + 1 >= format.size()) break;
        const char kind = format[i + 1];
        i += 2;
        if (index < pos + count) return kind;
        pos += count;
    }
    return 'c';
}

// True when s[i..] starts with the UTF-8 bytes of a space a copy from a PDF
// or a banking website brings along: U+00A0, U+2009 or U+202F. Sets `len`.
bool unicode_space_at(std::string_view s, std::size_t i, std::size_t& len) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (s.size() - i >= 2 && at(0) == 0xC2 && at(1) == 0xA0) {
        len = 2;
        return true;
    }
    if (s.size() - i >= 3 && at(0) == 0xE2 && at(1) == 0x80 && (at(2) == 0x89 || at(2) == 0xAF)) {
        len = 3;
        return true;
    }
    return false;
}

}  // namespace

bool bban_matches_format(std::string_view bban, std::string_view format) {
    return first_format_mismatch(bban, format) == static_cast<long>(bban.size());
}

int iban_mod97(std::string_view iban) {
    if (iban.size() < 4 || !all_alnum_upper(iban)) return -1;
    int r = 0;
    for (char c : iban.substr(4)) r = mod97_step(r, c);
    for (char c : iban.substr(0, 4)) r = mod97_step(r, c);
    return r;
}

std::string iban_check_digits(std::string_view country, std::string_view bban) {
    if (country.size() != 2 || !is_upper(country[0]) || !is_upper(country[1]) || !all_alnum_upper(bban)) {
        return "";
    }
    int r = 0;
    for (char c : bban) r = mod97_step(r, c);
    for (char c : country) r = mod97_step(r, c);
    r = mod97_step(mod97_step(r, '0'), '0');
    const int check = 98 - r;  // 2..98
    return {static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10)};
}

std::string iban_electronic_form(std::string_view input) {
    std::string out;
    out.reserve(input.size() < 64 ? input.size() : 64);
    for (std::size_t i = 0; i < input.size();) {
        const char c = input[i];
        std::size_t len = 0;
        if (c == ' ' || c == '\t' || c == '-') {
            ++i;
        } else if (unicode_space_at(input, i, len)) {
            i += len;
        } else {
            out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
            ++i;
        }
    }
    // Statements print "IBAN DE89 ..." and payers paste the label along. No
    // country code is "IB", so dropping it can never eat a real IBAN.
    if (out.size() > 4 && out.compare(0, 4, "IBAN") == 0) {
        out.erase(0, out[4] == ':' ? 5 : 4);
    }
    return out;
}

std::string format_iban(std::string_view electronic) {
    std::string out;
    out.reserve(electronic.size() + electronic.size() / 4);
    for (std::size_t i = 0; i < electronic.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back(' ');
        out.push_back(electronic[i]);
    }
    return out;
}

Result<Iban> validate_iban(std::string_view input) {
    std::string e = iban_electronic_form(input);
    if (e.empty()) return iban_error("missing_iban", "iban.required");
    if (!all_alnum_upper(e)) {
        return iban_error("invalid_iban_characters", "iban.characters");
    }
    if (e.size() < 2 || !is_upper(e[0]) || !is_upper(e[1])) {
        return iban_error("invalid_iban_country", "iban.country_code");
    }
    const IbanCountry* country = find_iban_country(std::string_view(e).substr(0, 2));
    if (country == nullptr) {
        return iban_error("invalid_iban_country", "iban.country_unknown", {{"prefix", e.substr(0, 2)}});
    }
    if (e.size() != static_cast<std::size_t>(country->length)) {
        const std::string length = std::to_string(country->length), typed = std::to_string(e.size());
        return Result<Iban>::failure(country_error(
            "invalid_iban_length", iban_noun(*country, true) + " has " + length + " characters, not " + typed + ".",
            "iban.length", {{"country", std::string(country->code)}, {"length", length}, {"typed", typed}}));
    }
    if (!is_digit(e[2]) || !is_digit(e[3])) {
        return iban_error("invalid_iban_format", "iban.check_digits_format");
    }
    const std::string_view bban = std::string_view(e).substr(4);
    const long bad = first_format_mismatch(bban, country->bban_format);
    if (bad != static_cast<long>(bban.size())) {
        const auto index = bad < 0 ? std::size_t{0} : static_cast<std::size_t>(bad);
        const char kind = format_kind_at(country->bban_format, index);
        const char* expected = kind == 'n' ? "a digit" : kind == 'a' ? "a letter" : "a letter or a digit";
        const char* id = kind == 'n' ? "iban.position_digit" : kind == 'a' ? "iban.position_letter" : "iban.position_alnum";
        const std::string position = std::to_string(index + 5);
        return Result<Iban>::failure(country_error(
            "invalid_iban_format",
            "Character " + position + " of " + iban_noun(*country, false) + " should be " + expected + ".", id,
            {{"position", position}, {"country", std::string(country->code)}}));
    }
    // 00, 01 and 99 are congruent to valid values mod 97 but ISO 13616
    // never issues them: a payer who typed one has a typo.
    const int check = (e[2] - '0') * 10 + (e[3] - '0');
    if (check < 2 || check > 98 || iban_mod97(e) != 1) {
        return iban_error("invalid_iban_checksum", "iban.checksum");
    }
    if (!national_check_ok(country->national_check, bban)) {
        return iban_error("invalid_national_check_digits", "iban.national_check");
    }
    return Result<Iban>::success(Iban{std::move(e), country});
}

Error check_sepa_country(const IbanCountry& country) {
    if (country.sepa) return Error{};
    return country_error("not_sepa_country",
                         "SEPA Direct Debit is not available for accounts in " + place(country) +
                             "; choose another way to pay.",
                         "iban.not_sepa", {{"country", std::string(country.code)}});
}

Error validate_sepa(const SepaDetails& d) {
    if (auto r = validate_account_holder(d.account_holder); !r) return r.error;
    auto iban = validate_iban(d.iban);
    if (!iban) return iban.error;
    return check_sepa_country(*iban.value.country);
}

}  // namespace pw
