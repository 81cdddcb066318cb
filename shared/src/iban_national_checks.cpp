// National check digits inside a BBAN.
//
// The IBAN's own mod-97 catches nearly every typo; these catch what it
// cannot: an IBAN built by software from a wrong domestic number (its mod-97
// is then correct). Only schemes that apply to every bank of the country are
// here; the caller has already matched the BBAN against the country's
// format, so lengths and digit positions are guaranteed.
#include "paywidget/bank_debit.hpp"

namespace pw {

namespace {

int digit(char c) { return c - '0'; }

// Remainder mod `m` of the decimal digits in s (letters as 10..35, as in
// ISO 7064), one character at a time: never a big integer.
int mod_of(std::string_view s, int m) {
    int r = 0;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            r = (r * 10 + digit(c)) % m;
        } else {
            r = (r * 100 + (c - 'A' + 10)) % m;
        }
    }
    return r;
}

// Σ weights[i] * digit(s[i]).
template <std::size_t N>
int weighted(std::string_view s, const int (&weights)[N]) {
    int sum = 0;
    for (std::size_t i = 0; i < N && i < s.size(); ++i) sum += weights[i] * digit(s[i]);
    return sum;
}

// BE: bank(3) account(7) key(2); key = first 10 digits mod 97, 0 -> 97.
bool belgium(std::string_view b) {
    const int r = mod_of(b.substr(0, 10), 97);
    return (r == 0 ? 97 : r) == digit(b[10]) * 10 + digit(b[11]);
}

// ES: bank(4) branch(4) dc1 dc2 account(10). Each control digit is
// 11 - (weighted sum mod 11), with 11 -> 0 and 10 -> 1; dc1 covers
// "00" + bank + branch, dc2 the account.
int spain_digit(int sum) {
    const int d = 11 - sum % 11;
    return d == 11 ? 0 : d == 10 ? 1 : d;
}
bool spain(std::string_view b) {
    static constexpr int kBankBranch[8] = {4, 8, 5, 10, 9, 7, 3, 6};
    static constexpr int kAccount[10] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    return spain_digit(weighted(b.substr(0, 8), kBankBranch)) == digit(b[8]) &&
           spain_digit(weighted(b.substr(10, 10), kAccount)) == digit(b[9]);
}

// FR/MC: bank(5) branch(5) account(11, letters allowed) key(2). Letters
// become digits by the RIB table (A,J -> 1; B,K,S -> 2; ... I,R,Z -> 9) and
// the key makes the 23-digit number a multiple of 97.
char rib_digit(char c) {
    if (c >= '0' && c <= '9') return c;
    static constexpr char kTable[] = "12345678912345678923456789";  // A..Z
    return kTable[c - 'A'];
}
bool france(std::string_view b) {
    int r = 0;
    for (char c : b) r = (r * 10 + digit(rib_digit(c))) % 97;
    return r == 0;
}

// NO: bank(4) account(6) check(1); mod 11, weights 5,4,3,2,7,6,5,4,3,2.
// A remainder of 1 would need check digit 10: such numbers are not issued.
bool norway(std::string_view b) {
    static constexpr int kWeights[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    const int r = weighted(b, kWeights) % 11;
    const int expected = r == 0 ? 0 : 11 - r;
    return expected < 10 && expected == digit(b[10]);
}

// PL: the 8-digit bank-branch code ends in a check digit: weights
// 3,9,7,1,3,9,7, check = (10 - sum mod 10) mod 10.
bool poland(std::string_view b) {
    static constexpr int kWeights[7] = {3, 9, 7, 1, 3, 9, 7};
    return (10 - weighted(b, kWeights) % 10) % 10 == digit(b[7]);
}

// PT (NIB), SI, ME, RS, MK, BA: the last two digits are ISO 7064 MOD 97-10
// check digits over the whole BBAN, so the BBAN mod 97 is 1.
bool mod97_10(std::string_view b) { return mod_of(b, 97) == 1; }

// IT/SM: CIN(1 letter) bank(5) branch(5) account(12). The CIN is the sum of
// the 22 characters' values, odd positions (1st, 3rd, ...) by a fixed table,
// even positions as 0-9 / A=0..Z=25, mod 26, as a letter.
bool italy(std::string_view b) {
    static constexpr int kOdd[26] = {1,  0,  5,  7,  9,  13, 15, 17, 19, 21, 2,  4,  18,
                                     20, 11, 3,  6,  8,  12, 14, 16, 10, 22, 25, 24, 23};
    int sum = 0;
    for (std::size_t i = 1; i < 23; ++i) {
        const char c = b[i];
        const int v = (c >= '0' && c <= '9') ? digit(c) : c - 'A';
        sum += ((i - 1) % 2 == 0) ? kOdd[v] : v;
    }
    return b[0] == static_cast<char>('A' + sum % 26);
}

// EE: bank(2) then the 14-digit account number whose last digit is a
// 7-3-1 check (weights from the right) over the digits before it.
bool estonia(std::string_view b) {
    static constexpr int kWeights[13] = {7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7};
    return (10 - weighted(b.substr(2, 13), kWeights) % 10) % 10 == digit(b[15]);
}

// FI/AX: the 14-digit machine-format account number ends in a Luhn digit.
bool finland(std::string_view b) {
    int sum = 0;
    for (std::size_t k = 0; k < b.size(); ++k) {
        int d = digit(b[b.size() - 1 - k]);
        if (k % 2 == 1) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

// HR: bank code (6 + check) and account (9 + check), each ending in an
// ISO 7064 MOD 11,10 check digit.
bool mod11_10_ok(std::string_view s) {
    int p = 10;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        int t = (p + digit(s[i])) % 10;
        if (t == 0) t = 10;
        p = (t * 2) % 11;
    }
    return (11 - p) % 10 == digit(s.back());
}
bool croatia(std::string_view b) { return mod11_10_ok(b.substr(0, 7)) && mod11_10_ok(b.substr(7, 10)); }

// CZ/SK: bank(4) prefix(6) account(10). Prefix and account are each a
// multiple of 11 under their weights (the last weight, 1, is the check).
bool czech_slovak(std::string_view b) {
    static constexpr int kPrefix[6] = {10, 5, 8, 4, 2, 1};
    static constexpr int kAccount[10] = {6, 3, 7, 9, 10, 5, 8, 4, 2, 1};
    return weighted(b.substr(4, 6), kPrefix) % 11 == 0 && weighted(b.substr(10, 10), kAccount) % 11 == 0;
}

// HU: bank-branch group (7 + check) and account group (15 + check; an
// 8-digit account is padded with 8 zeros, which leaves the sum unchanged),
// each a multiple of 10 under weights 9,7,3,1 repeated.
bool hungary(std::string_view b) {
    static constexpr int kWeights[16] = {9, 7, 3, 1, 9, 7, 3, 1, 9, 7, 3, 1, 9, 7, 3, 1};
    return weighted(b.substr(0, 8), kWeights) % 10 == 0 && weighted(b.substr(8, 16), kWeights) % 10 == 0;
}

// TN: bank(2) branch(3) account(13) key(2); key = 97 - (first 18 digits
// x 100 mod 97), i.e. the whole RIB is a multiple of 97.
bool tunisia(std::string_view b) { return mod_of(b, 97) == 0; }

}  // namespace

bool national_check_ok(NationalCheck kind, std::string_view bban) {
    if (kind == NationalCheck::none) return true;
    // Callers pass a BBAN that matches its format; this guard keeps every
    // table index in range even for one that does not.
    for (char c : bban) {
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
    }
    switch (kind) {
        case NationalCheck::none: break;  // handled above
        case NationalCheck::belgium: return bban.size() == 12 && belgium(bban);
        case NationalCheck::spain: return bban.size() == 20 && spain(bban);
        case NationalCheck::france: return bban.size() == 23 && france(bban);
        case NationalCheck::norway: return bban.size() == 11 && norway(bban);
        case NationalCheck::poland: return bban.size() == 24 && poland(bban);
        case NationalCheck::mod97_10: return !bban.empty() && mod97_10(bban);
        case NationalCheck::italy: return bban.size() == 23 && italy(bban);
        case NationalCheck::estonia: return bban.size() == 16 && estonia(bban);
        case NationalCheck::finland: return bban.size() == 14 && finland(bban);
        case NationalCheck::croatia: return bban.size() == 17 && croatia(bban);
        case NationalCheck::czech_slovak: return bban.size() == 20 && czech_slovak(bban);
        case NationalCheck::hungary: return bban.size() == 24 && hungary(bban);
        case NationalCheck::tunisia: return bban.size() == 20 && tunisia(bban);
    }
    return false;
}

}  // namespace pw
