#define BOOST_TEST_MODULE iban
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "paywidget/bank_debit.hpp"

namespace {

// Published example IBANs: the SWIFT IBAN registry's own examples, the
// central banks' examples for countries outside the registry, and the
// examples banks print in their documentation. Cross-checked with two
// independent IBAN libraries before being written here.
const std::vector<std::string> kValid = {
    "AD1200012030200359100100",        "AE070331234567890123456",
    "AL47212110090000000235698741",    "AO06004400006729503010102",
    "AT611904300234573201",            "AZ21NABZ00000000137010001944",
    "BA391290079401028494",            "BA393385804800211234",
    "BE68539007547034",                "BE71096123456769",
    "BF42BF0840101300463574000390",    "BG80BNBG96611020345678",
    "BH67BMAG00001299123456",          "BI4210000100010000332045181",
    "BJ66BJ0610100100144390000769",    "BR9700360305000010009795493P1",
    "BY13NBRB3600900000002Z00AB00",    "CF4220001000010120069700160",
    "CG3930013020003710721836132",     "CH9300762011623852957",
    "CI93CI0080111301134291200589",    "CM2110002000300277976315008",
    "CR05015202001026284066",          "CV64000500000020108215144",
    "CY17002001280000001200527600",    "CZ6508000000192000145399",
    "CZ5508000000001234567899",        "DE89370400440532013000",
    "DJ2100010000000154000100186",     "DK5000400440116243",
    "DO28BAGR00000001212453611324",    "DZ580002100001113000000570",
    "EE382200221020145685",            "EE471000001020145685",
    "EG380019000500000000263180002",   "ES9121000418450200051332",
    "ES7921000813610123456789",        "FI2112345600000785",
    "FI1410093000123458",              "FK88SC123456789012",
    "FO6264600001631634",              "FR1420041010050500013M02606",
    "FR7630006000011234567890189",     "GA2140021010032001890020126",
    "GB29NWBK60161331926819",          "GB82WEST12345698765432",
    "GE29NB0000000101904917",          "GI75NWBK000000007099453",
    "GL8964710001000206",              "GQ7050002001003715228190196",
    "GR1601101250000000012300695",     "GT82TRAJ01020000001210029690",
    "GW04GW1430010181800637601",       "HN88CABF00000000000250005469",
    "HR1210010051863000160",           "HR1723600001101234565",
    "HU42117730161111101800000000",    "HU93116000060000000012345676",
    "IE29AIBK93115212345678",          "IL620108000000099999999",
    "IQ98NBIQ850123456789012",         "IR710570029971601460641001",
    "IS140159260076545510730339",      "IT60X0542811101000000123456",
    "JO94CBJO0010000000000131000302",  "KM4600005000010010904400137",
    "KW81CBKU0000000000001234560101",  "KZ86125KZT5004100100",
    "LB62099900000001001901229114",    "LC55HEMM000100010012001200023015",
    "LI21088100002324013AA",           "LT121000011101001000",
    "LU280019400644750000",            "LV80BANK0000435195001",
    "LY83002048000020100120361",       "MA64011519000001205000534921",
    "MC5811222000010123456789030",     "MC5810096180790123456789085",
    "MD24AG000225100013104168",        "ME25505000012345678951",
    "MG4600005030071289421016045",     "MK07250120000058984",
    "MK07200002785123453",             "ML13ML0160120102600100668497",
    "MN121234123456789123",            "MR1300020001010000123456753",
    "MT84MALT011000012345MTLCAST001S", "MU17BOMM0101101030300200000MUR",
    "MZ59000301080016367102371",       "NE58NE0380100100130305000268",
    "NI45BAPR00000013000003558124",    "NL91ABNA0417164300",
    "NO9386011117947",                 "NO8330001234567",
    "OM810180000001299123456",         "PK36SCBL0000001123456702",
    "PL61109010140000071219812874",    "PL10105000997603123456789123",
    "PS92PALS000000000400123456702",   "PT50000201231234567890154",
    "PT50002700000001234567833",       "QA58DOHB00001234567890ABCDEFG",
    "RO49AAAA1B31007593840000",        "RS35260005601001611379",
    "RS35105008123123123173",          "RU0304452522540817810538091310419",
    "SA0380000000608010167519",        "SC18SSCB11010000000000001497USD",
    "SD2129010501234001",              "SE4550000000058398257466",
    "SI56263300012039086",             "SI56191000000123438",
    "SK3112000000198742637541",        "SK8975000000000012345671",
    "SM86U0322509800000000270100",     "SM76P0854009812123456789123",
    "SN08SN0100152000048500003035",    "SO211000001001000100141",
    "ST68000100010051845310112",       "SV62CENR00000000000000700025",
    "TD8960002000010271091600153",     "TG53TG0090604310346500400070",
    "TL380080012345678910157",         "TN5910006035183598478831",
    "TN5904018104004942712345",        "TR330006100519786457841326",
    "UA213996220000026007233566001",   "VA59001123000012345678",
    "VG96VPVG0000012345678901",        "XK051212012345678906",
    "YE15CBYE0001018861234567891234",
};

// An independent IBAN check-digit computation for building test IBANs: the
// whole rearranged IBAN is expanded to a decimal string and divided in
// 9-digit chunks (a different method from the library's digit-by-digit one).
std::string expand(const std::string& s) {
    std::string out;
    for (char c : s) out += (c >= 'A' && c <= 'Z') ? std::to_string(c - 'A' + 10) : std::string(1, c);
    return out;
}
int chunked_mod97(const std::string& digits) {
    std::uint64_t r = 0;
    for (std::size_t i = 0; i < digits.size(); i += 9) {
        const std::string part = digits.substr(i, 9);
        r = std::stoull(std::to_string(r) + part) % 97;
    }
    return static_cast<int>(r);
}
std::string make_iban(const std::string& country, const std::string& bban) {
    const int check = 98 - chunked_mod97(expand(bban + country + "00"));
    return country + (check < 10 ? "0" : "") + std::to_string(check) + bban;
}

std::string code_of(std::string_view input) { return pw::validate_iban(input).error.code; }

}  // namespace

BOOST_AUTO_TEST_SUITE(table)

BOOST_AUTO_TEST_CASE(rows_are_consistent) {
    std::set<std::string_view> codes;
    for (const auto& c : pw::all_iban_countries()) {
        BOOST_TEST_CONTEXT(c.code) {
            BOOST_TEST(c.code.size() == 2u);
            BOOST_TEST(codes.insert(c.code).second);  // unique
            BOOST_TEST(!c.name.empty());
            BOOST_TEST(c.length >= 15);
            BOOST_TEST(c.length <= 34);
            // A BBAN of the format's own shape must fit exactly `length - 4`.
            std::string bban;
            std::size_t i = 0;
            while (i < c.bban_format.size()) {
                std::size_t n = 0;
                while (c.bban_format[i] >= '0' && c.bban_format[i] <= '9') n = n * 10 + (c.bban_format[i++] - '0');
                const char kind = c.bban_format[i + 1];
                i += 2;
                bban.append(n, kind == 'a' ? 'B' : '1');
            }
            BOOST_TEST(bban.size() == static_cast<std::size_t>(c.length - 4));
            BOOST_TEST(pw::bban_matches_format(bban, c.bban_format));
            BOOST_TEST(pw::find_iban_country(c.code) == &c);
        }
    }
    BOOST_TEST(codes.size() == pw::all_iban_countries().size());
}

BOOST_AUTO_TEST_CASE(covers_the_registry_and_the_countries_outside_it) {
    // Every country of the current SWIFT IBAN registry.
    const std::vector<std::string> registry = {
        "AD", "AE", "AL", "AT", "AZ", "BA", "BE", "BG", "BH", "BI", "BR", "BY", "CH", "CR", "CY",
        "CZ", "DE", "DJ", "DK", "DO", "EE", "EG", "ES", "FI", "FK", "FO", "FR", "GB", "GE", "GI",
        "GL", "GR", "GT", "HN", "HR", "HU", "IE", "IL", "IQ", "IS", "IT", "JO", "KW", "KZ", "LB",
        "LC", "LI", "LT", "LU", "LV", "LY", "MC", "MD", "ME", "MK", "MN", "MR", "MT", "MU", "NI",
        "NL", "NO", "OM", "PK", "PL", "PS", "PT", "QA", "RO", "RS", "RU", "SA", "SC", "SD", "SE",
        "SI", "SK", "SM", "SO", "ST", "SV", "TL", "TN", "TR", "UA", "VA", "VG", "XK", "YE"};
    BOOST_TEST(registry.size() == 89u);
    std::size_t in_registry = 0;
    for (const auto& c : pw::all_iban_countries()) in_registry += c.in_registry ? 1 : 0;
    BOOST_TEST(in_registry == registry.size());
    for (const auto& code : registry) {
        const auto* c = pw::find_iban_country(code);
        BOOST_TEST_REQUIRE(c != nullptr, code);
        BOOST_TEST(c->in_registry, code);
    }
    // Countries whose banks issue IBANs outside the registry.
    for (const char* code : {"DZ", "AO", "BJ", "BF", "CM", "CV", "CF", "TD", "KM", "CG", "CI", "GQ", "GA",
                             "GW", "IR", "MG", "ML", "MA", "MZ", "NE", "SN", "TG"}) {
        const auto* c = pw::find_iban_country(code);
        BOOST_TEST_REQUIRE(c != nullptr, code);
        BOOST_TEST(!c->in_registry, code);
    }
    // Lengths from the registry for a few recent additions.
    BOOST_TEST(pw::find_iban_country("RU")->length == 33);
    BOOST_TEST(pw::find_iban_country("LC")->length == 32);
    BOOST_TEST(pw::find_iban_country("NO")->length == 15);
    BOOST_TEST(pw::find_iban_country("SD")->length == 18);
    BOOST_TEST(pw::find_iban_country("OM")->length == 23);
    BOOST_TEST(pw::find_iban_country("HN")->length == 28);
    BOOST_TEST(pw::find_iban_country("DE")->bban_format == "8!n10!n");
}

BOOST_AUTO_TEST_CASE(lookup_is_exact) {
    BOOST_TEST(pw::find_iban_country("de") == nullptr);
    BOOST_TEST(pw::find_iban_country("US") == nullptr);
    BOOST_TEST(pw::find_iban_country("") == nullptr);
    BOOST_TEST(pw::find_iban_country("DEU") == nullptr);
    BOOST_TEST(pw::find_iban_country(std::string_view("D\0", 2)) == nullptr);
}

BOOST_AUTO_TEST_CASE(sepa_membership) {
    for (const char* code : {"DE", "FR", "AT", "BE", "NL", "IT", "ES", "PT", "IE", "FI", "SE", "DK", "PL", "CZ",
                             "HU", "RO", "BG", "HR", "GR", "CY", "MT", "SI", "SK", "EE", "LV", "LT", "LU", "IS",
                             "LI", "NO", "CH", "GB", "MC", "SM", "VA", "AD", "GI", "AL", "ME", "MD", "MK", "RS",
                             "GF", "RE", "AX"}) {
        BOOST_TEST(pw::find_iban_country(code)->sepa, code);
    }
    for (const char* code : {"TR", "AE", "SA", "BR", "UA", "RU", "BA", "XK", "FO", "GL", "NC", "PF", "WF", "TF",
                             "IL", "EG", "KZ", "MA", "SN"}) {
        BOOST_TEST(!pw::find_iban_country(code)->sepa, code);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(valid)

BOOST_AUTO_TEST_CASE(published_examples_validate) {
    std::set<std::string> countries;
    for (const auto& iban : kValid) {
        BOOST_TEST_CONTEXT(iban) {
            const auto r = pw::validate_iban(iban);
            BOOST_TEST_REQUIRE(r.ok(), r.error.code + ": " + r.error.message);
            BOOST_TEST(r.value.electronic == iban);
            BOOST_TEST(r.value.country->code == iban.substr(0, 2));
            BOOST_TEST(pw::iban_mod97(iban) == 1);
            countries.insert(iban.substr(0, 2));
        }
    }
    BOOST_TEST(countries.size() >= 100u);
}

BOOST_AUTO_TEST_CASE(every_country_accepts_an_iban_built_from_its_format) {
    // A BBAN of the right shape (digits '0', letters 'A') with correct IBAN
    // check digits is valid wherever no national check applies.
    for (const auto& c : pw::all_iban_countries()) {
        if (c.national_check != pw::NationalCheck::none) continue;
        std::string bban;
        std::size_t i = 0;
        while (i < c.bban_format.size()) {
            std::size_t n = 0;
            while (c.bban_format[i] >= '0' && c.bban_format[i] <= '9') n = n * 10 + (c.bban_format[i++] - '0');
            bban.append(n, c.bban_format[i + 1] == 'a' ? 'A' : '7');
            i += 2;
        }
        const std::string iban = make_iban(std::string(c.code), bban);
        const auto r = pw::validate_iban(iban);
        BOOST_TEST(r.ok(), iban + " " + r.error.code);
    }
}

BOOST_AUTO_TEST_CASE(as_typed_lower_case_spaces_dashes) {
    const std::string want = "DE89370400440532013000";
    for (const char* typed : {"DE89 3704 0044 0532 0130 00", "de89370400440532013000", "de89-3704-0044-0532-0130-00",
                              "  DE89 3704 0044 0532 0130 00  ", "D E 8 9 3704004405320130-00", "iban DE89 3704 0044 0532 0130 00",
                              "IBAN: DE89370400440532013000", "DE89\xC2\xA0" "3704\xC2\xA0" "0044\xE2\x80\xAF" "0532 0130 00",
                              "DE89\t3704 0044 0532 0130 00"}) {
        const auto r = pw::validate_iban(typed);
        BOOST_TEST_REQUIRE(r.ok(), typed);
        BOOST_TEST(r.value.electronic == want);
    }
    BOOST_TEST(pw::validate_iban("gb82 west 1234 5698 7654 32").ok());
    BOOST_TEST(pw::validate_iban("fr14 2004 1010 0505 0001 3m02 606").ok());
}

BOOST_AUTO_TEST_CASE(print_form_groups_by_four) {
    BOOST_TEST(pw::format_iban("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00");
    BOOST_TEST(pw::format_iban("NO9386011117947") == "NO93 8601 1117 947");
    BOOST_TEST(pw::format_iban("BE68539007547034") == "BE68 5390 0754 7034");
    BOOST_TEST(pw::format_iban("LC55HEMM000100010012001200023015") == "LC55 HEMM 0001 0001 0012 0012 0002 3015");
    BOOST_TEST(pw::format_iban("") == "");
    BOOST_TEST(pw::format_iban("DE89") == "DE89");
    // Print form round-trips through the electronic form for every example.
    for (const auto& iban : kValid) BOOST_TEST(pw::iban_electronic_form(pw::format_iban(iban)) == iban);
}

BOOST_AUTO_TEST_CASE(check_digits_are_computed) {
    BOOST_TEST(pw::iban_check_digits("DE", "370400440532013000") == "89");
    BOOST_TEST(pw::iban_check_digits("GB", "WEST12345698765432") == "82");
    BOOST_TEST(pw::iban_check_digits("NO", "86011117947") == "93");
    BOOST_TEST(pw::iban_check_digits("de", "370400440532013000") == "");
    BOOST_TEST(pw::iban_check_digits("DE", "37040044 0532013000") == "");
    for (const auto& iban : kValid) BOOST_TEST(pw::iban_check_digits(iban.substr(0, 2), iban.substr(4)) == iban.substr(2, 2));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mutated)

BOOST_AUTO_TEST_CASE(every_single_digit_change_fails_the_checksum) {
    for (const auto& iban : kValid) {
        for (std::size_t i = 2; i < iban.size(); ++i) {
            if (iban[i] < '0' || iban[i] > '9') continue;
            for (char d = '0'; d <= '9'; ++d) {
                if (d == iban[i]) continue;
                std::string m = iban;
                m[i] = d;
                BOOST_TEST(code_of(m) == "invalid_iban_checksum", m);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(every_single_letter_change_is_rejected) {
    for (const auto& iban : kValid) {
        for (std::size_t i = 4; i < iban.size(); ++i) {
            if (iban[i] < 'A' || iban[i] > 'Z') continue;
            std::string m = iban;
            m[i] = iban[i] == 'Z' ? 'A' : static_cast<char>(iban[i] + 1);
            BOOST_TEST(code_of(m) == "invalid_iban_checksum", m);
        }
    }
}

BOOST_AUTO_TEST_CASE(adjacent_transpositions_are_rejected) {
    // Mod 97 catches every swap of two different digits or two different
    // letters. A letter swapped with a digit (a letter counts as two digits)
    // can slip through, e.g. RO49AAAA1B31... -> RO49AAAAB131...: that is a
    // limit of ISO 13616 itself, so only same-kind swaps are asserted.
    int checked = 0;
    for (const auto& iban : kValid) {
        for (std::size_t i = 2; i + 1 < iban.size(); ++i) {
            if (iban[i] == iban[i + 1]) continue;
            const bool d1 = std::isdigit(static_cast<unsigned char>(iban[i])) != 0;
            const bool d2 = std::isdigit(static_cast<unsigned char>(iban[i + 1])) != 0;
            if (d1 != d2) continue;
            std::string m = iban;
            std::swap(m[i], m[i + 1]);
            BOOST_TEST(code_of(m) == "invalid_iban_checksum", m);
            ++checked;
        }
    }
    BOOST_TEST(checked > 1000);
}

BOOST_AUTO_TEST_CASE(wrong_length_names_the_expected_length) {
    auto r = pw::validate_iban("DE8937040044053201300");
    BOOST_TEST(r.error.code == "invalid_iban_length");
    BOOST_TEST(r.error.field == "iban");
    BOOST_TEST(r.error.message == "A German IBAN has 22 characters, not 21.");
    r = pw::validate_iban("DE893704004405320130000");
    BOOST_TEST(r.error.message == "A German IBAN has 22 characters, not 23.");
    BOOST_TEST(pw::validate_iban("AT61190430023457320").error.message == "An Austrian IBAN has 20 characters, not 19.");
    BOOST_TEST(pw::validate_iban("UA21399622000002600723356600").error.message ==
               "A Ukrainian IBAN has 29 characters, not 28.");
    BOOST_TEST(pw::validate_iban("VG96VPVG000001234567890").error.message ==
               "An IBAN from the British Virgin Islands has 24 characters, not 23.");
    for (const auto& iban : kValid) {
        BOOST_TEST(code_of(iban.substr(0, iban.size() - 1)) == "invalid_iban_length", iban);
        BOOST_TEST(code_of(iban + "0") == "invalid_iban_length", iban);
        BOOST_TEST(code_of(iban.substr(0, 4)) == "invalid_iban_length", iban);
    }
}

BOOST_AUTO_TEST_CASE(bad_country) {
    BOOST_TEST(code_of("XX89370400440532013000") == "invalid_iban_country");
    BOOST_TEST(code_of("US89370400440532013000") == "invalid_iban_country");
    BOOST_TEST(pw::validate_iban("US12").error.message ==
               "US is not the code of a country that uses IBANs; check the first two letters.");
    BOOST_TEST(code_of("8937040044053201300012") == "invalid_iban_country");  // a domestic number
    BOOST_TEST(code_of("D") == "invalid_iban_country");
    BOOST_TEST(code_of("1") == "invalid_iban_country");
    BOOST_TEST(code_of("IBAN") == "invalid_iban_country");
    // Swapping the country code of a valid IBAN for another of the same
    // length breaks the checksum.
    BOOST_TEST(code_of("AT89370400440532013000") == "invalid_iban_length");
    BOOST_TEST(code_of("GB89370400440532013000") == "invalid_iban_format");
    BOOST_TEST(code_of("BH89370400440532013000") == "invalid_iban_format");
    BOOST_TEST(code_of("IE29AIBK93115212345678") == "");
    BOOST_TEST(code_of("GB29AIBK93115212345678") == "invalid_iban_checksum");
}

BOOST_AUTO_TEST_CASE(structure_names_the_position) {
    auto r = pw::validate_iban("GB82W3ST12345698765432");
    BOOST_TEST(r.error.code == "invalid_iban_format");
    BOOST_TEST(r.error.message == "Character 6 of a British IBAN should be a letter.");
    r = pw::validate_iban("DE89370400440532O13000");  // letter O for zero
    BOOST_TEST(r.error.code == "invalid_iban_format");
    BOOST_TEST(r.error.message == "Character 17 of a German IBAN should be a digit.");
    BOOST_TEST(code_of("DEAB370400440532013000") == "invalid_iban_format");
    BOOST_TEST(code_of("IT60105428111010000001234567") == "invalid_iban_length");
    BOOST_TEST(code_of("IT6010542811101000000123456") == "invalid_iban_format");  // CIN must be a letter
}

BOOST_AUTO_TEST_CASE(check_digits_00_01_99_are_never_valid) {
    // Find German BBANs whose true check digits are 97, 98 and 02; the
    // congruent 00, 01 and 99 then pass a bare mod-97 test but must fail.
    const std::vector<std::pair<std::string, std::string>> twins = {{"97", "00"}, {"98", "01"}, {"02", "99"}};
    for (const auto& [real, fake] : twins) {
        bool found = false;
        for (int n = 0; n < 100000 && !found; ++n) {
            std::string account = std::to_string(n);
            const std::string bban = "37040044" + std::string(10 - account.size(), '0') + account;
            const std::string iban = make_iban("DE", bban);
            if (iban.substr(2, 2) != real) continue;
            found = true;
            BOOST_TEST(pw::validate_iban(iban).ok(), iban);
            const std::string twin = "DE" + fake + bban;
            BOOST_TEST(pw::iban_mod97(twin) == 1, twin);
            BOOST_TEST(code_of(twin) == "invalid_iban_checksum", twin);
        }
        BOOST_TEST(found, real);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(national)

// Changes the national check digit(s) at `positions` of a valid IBAN's BBAN,
// then recomputes the IBAN check digits: mod 97 passes, the national check
// must not.
void expect_national_failure(const std::string& valid, std::vector<std::size_t> positions) {
    BOOST_TEST_REQUIRE(pw::validate_iban(valid).ok(), valid);
    std::string bban = valid.substr(4);
    for (std::size_t p : positions) {
        const char c = bban[p];
        bban[p] = (c >= 'A' && c <= 'Z') ? (c == 'Z' ? 'A' : static_cast<char>(c + 1))
                                         : static_cast<char>('0' + (c - '0' + 1) % 10);
    }
    const std::string forged = make_iban(valid.substr(0, 2), bban);
    BOOST_TEST(pw::iban_mod97(forged) == 1, forged);
    const auto r = pw::validate_iban(forged);
    BOOST_TEST(r.error.code == "invalid_national_check_digits", forged);
    BOOST_TEST(r.error.field == "iban");
}

BOOST_AUTO_TEST_CASE(belgium) {
    expect_national_failure("BE68539007547034", {11});
    expect_national_failure("BE71096123456769", {10});
}
BOOST_AUTO_TEST_CASE(spain) {
    expect_national_failure("ES9121000418450200051332", {8});  // bank-branch digit
    expect_national_failure("ES9121000418450200051332", {9});  // account digit
    expect_national_failure("ES7921000813610123456789", {9});
}
BOOST_AUTO_TEST_CASE(france_monaco_and_territories) {
    expect_national_failure("FR1420041010050500013M02606", {22});
    expect_national_failure("FR1420041010050500013M02606", {17});  // the letter M in the account number
    expect_national_failure("FR7630006000011234567890189", {21});
    expect_national_failure("MC5811222000010123456789030", {22});
    const std::string re = make_iban("RE", "20041010050500013M02606");
    BOOST_TEST(pw::validate_iban(re).ok(), re);
    expect_national_failure(re, {22});
}
BOOST_AUTO_TEST_CASE(norway) {
    expect_national_failure("NO9386011117947", {10});
    expect_national_failure("NO8330001234567", {10});
}
BOOST_AUTO_TEST_CASE(poland) {
    expect_national_failure("PL61109010140000071219812874", {7});
    expect_national_failure("PL10105000997603123456789123", {7});
}
BOOST_AUTO_TEST_CASE(portugal_and_iso7064_countries) {
    expect_national_failure("PT50000201231234567890154", {20});
    expect_national_failure("PT50002700000001234567833", {19});
    expect_national_failure("SI56263300012039086", {14});
    expect_national_failure("ME25505000012345678951", {17});
    expect_national_failure("RS35260005601001611379", {17});
    expect_national_failure("MK07250120000058984", {14});
    expect_national_failure("BA391290079401028494", {15});
}
BOOST_AUTO_TEST_CASE(italy_and_san_marino) {
    expect_national_failure("IT60X0542811101000000123456", {0});
    expect_national_failure("SM86U0322509800000000270100", {0});
    // A changed account digit with the CIN left alone is caught too.
    expect_national_failure("IT60X0542811101000000123456", {22});
}
BOOST_AUTO_TEST_CASE(other_national_schemes) {
    expect_national_failure("EE382200221020145685", {15});
    expect_national_failure("FI2112345600000785", {13});
    expect_national_failure("HR1210010051863000160", {6});
    expect_national_failure("HR1210010051863000160", {16});
    expect_national_failure("CZ6508000000192000145399", {19});
    expect_national_failure("CZ6508000000192000145399", {9});
    expect_national_failure("SK3112000000198742637541", {19});
    expect_national_failure("HU42117730161111101800000000", {7});
    expect_national_failure("HU93116000060000000012345676", {23});
    expect_national_failure("TN5910006035183598478831", {19});
    const std::string ax = make_iban("AX", "12345600000785");
    BOOST_TEST(pw::validate_iban(ax).ok(), ax);
    expect_national_failure(ax, {13});
}
BOOST_AUTO_TEST_CASE(countries_without_a_national_scheme_accept_any_account) {
    // Germany's check methods differ per bank: none is applied.
    const std::string de = make_iban("DE", "370400440532013001");
    BOOST_TEST(pw::validate_iban(de).ok(), de);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sepa)

BOOST_AUTO_TEST_CASE(sepa_country_check_is_separate_from_validity) {
    const auto tr = pw::validate_iban("TR330006100519786457841326");
    BOOST_TEST_REQUIRE(tr.ok());
    const auto e = pw::check_sepa_country(*tr.value.country);
    BOOST_TEST(e.code == "not_sepa_country");
    BOOST_TEST(e.field == "iban");
    BOOST_TEST(e.message == "SEPA Direct Debit is not available for accounts in Türkiye; choose another way to pay.");
    BOOST_TEST(pw::check_sepa_country(*pw::find_iban_country("AE")).message ==
               "SEPA Direct Debit is not available for accounts in the United Arab Emirates; choose another way to pay.");
    BOOST_TEST(pw::check_sepa_country(*pw::find_iban_country("DE")).ok());
}

BOOST_AUTO_TEST_CASE(validate_sepa_reports_the_first_error) {
    BOOST_TEST(pw::validate_sepa({"Max Mustermann", "DE89 3704 0044 0532 0130 00"}).ok());
    BOOST_TEST(pw::validate_sepa({"Anne Martin", "fr14 2004 1010 0505 0001 3m02 606"}).ok());
    BOOST_TEST(pw::validate_sepa({"Jane Doe", "GB82 WEST 1234 5698 7654 32"}).ok());
    BOOST_TEST(pw::validate_sepa({"Arta Hoxha", "AL47212110090000000235698741"}).ok());

    auto e = pw::validate_sepa({"", "DE89370400440532013000"});
    BOOST_TEST(e.code == "missing_account_holder");
    BOOST_TEST(e.field == "account_holder");
    e = pw::validate_sepa({"", "garbage"});
    BOOST_TEST(e.code == "missing_account_holder");
    e = pw::validate_sepa({"Max", ""});
    BOOST_TEST(e.code == "missing_iban");
    BOOST_TEST(e.field == "iban");
    e = pw::validate_sepa({"Max", "DE89370400440532013001"});
    BOOST_TEST(e.code == "invalid_iban_checksum");
    e = pw::validate_sepa({"Ali Yilmaz", "TR330006100519786457841326"});
    BOOST_TEST(e.code == "not_sepa_country");
    e = pw::validate_sepa({"Ali Yilmaz", "TR330006100519786457841327"});
    BOOST_TEST(e.code == "invalid_iban_checksum");  // validity first, then SEPA
    e = pw::validate_sepa({std::string(201, 'a'), "DE89370400440532013000"});
    BOOST_TEST(e.code == "account_holder_too_long");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hostile)

BOOST_AUTO_TEST_CASE(characters) {
    BOOST_TEST(code_of("") == "missing_iban");
    BOOST_TEST(code_of("   - - ") == "missing_iban");
    BOOST_TEST(code_of("DE89.3704.0044.0532.0130.00") == "invalid_iban_characters");
    BOOST_TEST(code_of(std::string("DE89370400440532013000\0", 23)) == "invalid_iban_characters");
    BOOST_TEST(code_of(std::string("\0DE89370400440532013000", 23)) == "invalid_iban_characters");
    BOOST_TEST(code_of("DE89\xEF\xBC\x93" "70400440532013000") == "invalid_iban_characters");  // fullwidth 3
    BOOST_TEST(code_of("DE89370400440532013000\xFF") == "invalid_iban_characters");
    BOOST_TEST(code_of("DE89\xC2") == "invalid_iban_characters");  // truncated UTF-8
    BOOST_TEST(code_of("DÉ89370400440532013000") == "invalid_iban_characters");
    BOOST_TEST(code_of("DE89_370400440532013000") == "invalid_iban_characters");
    BOOST_TEST(pw::validate_iban("DE89/3704").error.message == "An IBAN has only letters and digits.");
}

BOOST_AUTO_TEST_CASE(megabyte_inputs) {
    const std::string digits(1 << 20, '1');
    BOOST_TEST(code_of(digits) == "invalid_iban_country");
    std::string long_de = "DE89" + std::string((1 << 20) - 4, '0');
    const auto r = pw::validate_iban(long_de);
    BOOST_TEST(r.error.code == "invalid_iban_length");
    BOOST_TEST(r.error.message == "A German IBAN has 22 characters, not 1048576.");
    BOOST_TEST(code_of(std::string(1 << 20, ' ')) == "missing_iban");
    BOOST_TEST(code_of(std::string(1 << 20, '\0')) == "invalid_iban_characters");
    BOOST_TEST(pw::iban_mod97(digits) >= 0);
    BOOST_TEST(pw::format_iban(digits).size() == (1u << 20) + (1u << 18) - 1);
}

BOOST_AUTO_TEST_CASE(random_bytes_never_crash) {
    const std::set<std::string> codes = {"missing_iban",          "invalid_iban_characters", "invalid_iban_country",
                                         "invalid_iban_length",   "invalid_iban_format",     "invalid_iban_checksum",
                                         "invalid_national_check_digits", ""};
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    int ok = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string s;
        const std::size_t len = next() % 40;
        // Half the time mutate a valid IBAN, half the time pure noise.
        if (n % 2 == 0) {
            s = kValid[next() % kValid.size()];
            s[next() % s.size()] = static_cast<char>(next() >> 24);
        } else {
            for (std::size_t i = 0; i < len; ++i) s.push_back(static_cast<char>(next() >> 24));
        }
        const auto r = pw::validate_iban(s);
        BOOST_TEST(codes.count(r.error.code) == 1u, r.error.code);
        ok += r.ok() ? 1 : 0;
        (void)pw::format_iban(pw::iban_electronic_form(s));
    }
    BOOST_TEST(ok < 20000);
}

BOOST_AUTO_TEST_CASE(malformed_formats_do_not_match) {
    BOOST_TEST(pw::bban_matches_format("1234", "4!n"));
    BOOST_TEST(!pw::bban_matches_format("1234", "4n"));
    BOOST_TEST(!pw::bban_matches_format("1234", "!n"));
    BOOST_TEST(!pw::bban_matches_format("1234", "4!x"));
    BOOST_TEST(!pw::bban_matches_format("1234", "4!"));
    BOOST_TEST(!pw::bban_matches_format("1234", "99999999999999999999!n"));
    BOOST_TEST(!pw::bban_matches_format("12345", "4!n"));
    BOOST_TEST(!pw::bban_matches_format("123", "4!n"));
    BOOST_TEST(!pw::bban_matches_format("ABCD", "4!n"));
    BOOST_TEST(pw::bban_matches_format("AB12", "2!a2!n"));
    BOOST_TEST(!pw::bban_matches_format("ab12", "2!a2!n"));
    BOOST_TEST(pw::bban_matches_format("", ""));
    BOOST_TEST(pw::iban_mod97("de89370400440532013000") == -1);
    BOOST_TEST(pw::iban_mod97("DE8") == -1);
    BOOST_TEST(!pw::national_check_ok(pw::NationalCheck::belgium, "53900754703"));
    BOOST_TEST(!pw::national_check_ok(pw::NationalCheck::italy, "x0542811101000000123456"));
    BOOST_TEST(pw::national_check_ok(pw::NationalCheck::none, "anything"));
}

BOOST_AUTO_TEST_SUITE_END()
