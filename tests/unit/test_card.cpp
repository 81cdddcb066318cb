#define BOOST_TEST_MODULE card
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "paywidget/card.hpp"

using pw::CardBrand;

namespace pw {
// Lets Boost.Test print a brand in failure messages.
std::ostream& boost_test_print_type(std::ostream& os, CardBrand b) { return os << card_brand_id(b); }
}  // namespace pw

namespace {

std::string id(CardBrand b) { return std::string(pw::card_brand_id(b)); }
std::string detected(std::string_view digits) { return id(pw::detect_card_brand(digits)); }

// Independent Luhn check digit (the test's own arithmetic, not the core's):
// the digit that makes body + digit pass mod 10.
char check_digit(const std::string& body) {
    int sum = 0;
    bool twice = true;  // the check digit itself is not doubled
    for (auto it = body.rbegin(); it != body.rend(); ++it, twice = !twice) {
        int d = *it - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// prefix, zero-padded to `length` with a correct Luhn check digit.
std::string complete(std::string prefix, std::size_t length) {
    prefix.resize(length - 1, '0');
    return prefix + check_digit(prefix);
}

// The same with a wrong check digit.
std::string complete_bad(std::string prefix, std::size_t length) {
    std::string good = complete(prefix, length);
    good.back() = static_cast<char>('0' + (good.back() - '0' + 1) % 10);
    return good;
}

}  // namespace

// ------------------------------------------------------ published numbers --

BOOST_AUTO_TEST_CASE(published_test_numbers_are_valid_with_their_brand) {
    // Stripe, Braintree and Adyen test cards (and Mercado Pago's Naranja).
    struct Case { const char* number; const char* brand; };
    const Case cases[] = {
        {"4242424242424242", "visa"},
        {"4111111111111111", "visa"},
        {"4012888888881881", "visa"},
        {"4000056655665556", "visa"},
        {"4111111111111111110", "visa"},  // 19 digits
        {"5555555555554444", "mastercard"},
        {"2223003122003222", "mastercard"},
        {"5200828282828210", "mastercard"},
        {"5105105105105100", "mastercard"},
        {"378282246310005", "american-express"},
        {"371449635398431", "american-express"},
        {"6011111111111117", "discover"},
        {"6011000990139424", "discover"},
        {"6011981111111113", "discover"},
        {"3056930009020004", "diners-club"},  // 16 digits
        {"36227206271667", "diners-club"},    // 14 digits
        {"30569309025904", "diners-club"},
        {"38520000023237", "diners-club"},
        {"3566002020360505", "jcb"},
        {"3530111333300000", "jcb"},
        {"6200000000000005", "unionpay"},
        {"6200000000000047", "unionpay"},
        {"6205500000000000004", "unionpay"},  // 19 digits
        {"6221260000000000", "unionpay"},
        {"6759649826438453", "maestro"},
        {"6304000000000000", "maestro"},
        {"6799990100000000019", "maestro"},  // 19 digits
        {"2201382000000013", "mir"},
        {"2200000000000004", "mir"},
        {"5066991111111118", "elo"},
        {"6362970000457013", "elo"},
        {"6370950000000005", "hiper"},
        {"6062828888666688", "hipercard"},
        {"9792030000000000", "troy"},
        {"5895620000000002", "naranja"},
        {"5061001234567892", "verve"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.number) {
            auto info = pw::inspect_card_number(c.number);
            BOOST_TEST(id(info.brand) == c.brand);
            BOOST_TEST(info.luhn);
            BOOST_TEST(info.valid);
            BOOST_TEST(info.potentially_valid);
            BOOST_TEST(!info.malformed);
            BOOST_TEST(pw::validate_card_number(c.number).ok());
        }
    }
}

// ------------------------------------------------------- IIN boundaries --

// First and last prefix of every range in the table, and the prefix one
// below and one above with the brand that then applies (often another
// brand's range, Maestro's catch-all "6", or nothing yet).
BOOST_AUTO_TEST_CASE(every_range_boundary_and_its_neighbours) {
    struct Case { const char* prefix; const char* brand; };
    const Case cases[] = {
        // Visa 4
        {"4", "visa"}, {"3", "unknown"}, {"5", "unknown"},
        // Mastercard 51-55, 2221-2229, 223-229, 23-26, 270-271, 2720
        {"51", "mastercard"}, {"55", "mastercard"}, {"50", "unknown"}, {"56", "maestro"},
        {"2221", "mastercard"}, {"2229", "mastercard"}, {"2220", "unknown"},
        {"223", "mastercard"}, {"229", "mastercard"}, {"2230", "mastercard"},
        {"222", "mastercard"},  // only 2221-2229 can follow
        {"23", "mastercard"}, {"26", "mastercard"}, {"22", "unknown"},  // Mir or Mastercard
        {"27", "mastercard"},  // only 270-271 and 2720 can follow
        {"270", "mastercard"}, {"271", "mastercard"}, {"269", "mastercard"}, {"272", "mastercard"},
        {"2720", "mastercard"}, {"2719", "mastercard"}, {"2721", "unknown"},
        // American Express 34, 37
        {"34", "american-express"}, {"33", "unknown"}, {"35", "jcb"},  // only 3528-3589
        {"37", "american-express"}, {"36", "diners-club"}, {"38", "diners-club"},
        // Diners Club 300-305, 36, 38-39
        {"300", "diners-club"}, {"305", "diners-club"}, {"299", "unknown"}, {"306", "unknown"},
        {"39", "diners-club"}, {"40", "visa"},
        // Discover 6011, 644-649, 65
        {"6011", "discover"}, {"6010", "maestro"}, {"6012", "maestro"},
        {"644", "discover"}, {"649", "discover"}, {"643", "maestro"}, {"650", "discover"},
        {"65", "discover"}, {"64", "maestro"}, {"66", "maestro"},
        // JCB 2131, 1800, 3528-3589
        {"2131", "jcb"}, {"2130", "unknown"}, {"2132", "unknown"},
        {"1800", "jcb"}, {"1799", "unknown"}, {"1801", "unknown"},
        {"3528", "jcb"}, {"3589", "jcb"}, {"3527", "unknown"}, {"3590", "unknown"},
        // UnionPay
        {"620", "unionpay"}, {"619", "maestro"}, {"621", "maestro"},
        {"62100", "unionpay"}, {"62182", "unionpay"}, {"62099", "unionpay"}, {"62183", "maestro"},
        {"62184", "unionpay"}, {"62197", "unionpay"}, {"62198", "maestro"},
        {"62200", "unionpay"}, {"62205", "unionpay"}, {"62199", "maestro"}, {"62206", "maestro"},
        {"622010", "unionpay"}, {"622999", "unionpay"}, {"622009", "unionpay"}, {"623000", "unionpay"},
        {"622018", "unionpay"},
        {"62207", "unionpay"}, {"62209", "unionpay"}, {"62210", "maestro"},
        {"623", "unionpay"}, {"626", "unionpay"}, {"622", "maestro"}, {"627", "maestro"},
        {"6270", "unionpay"}, {"6269", "unionpay"}, {"6271", "maestro"},
        {"6272", "unionpay"}, {"6273", "maestro"},
        {"6276", "unionpay"}, {"6275", "maestro"}, {"6277", "maestro"},
        {"627700", "unionpay"}, {"627779", "unionpay"}, {"627699", "unionpay"}, {"627780", "elo"},
        {"627781", "unionpay"}, {"627799", "unionpay"}, {"627800", "maestro"},
        {"6282", "unionpay"}, {"6289", "unionpay"}, {"6281", "maestro"}, {"6290", "maestro"},
        {"6291", "unionpay"}, {"6292", "unionpay"}, {"6293", "maestro"},
        {"810", "unionpay"}, {"809", "unknown"}, {"811", "unionpay"},  // only 8110-8171
        {"8110", "unionpay"}, {"8171", "unionpay"}, {"8109", "unionpay"}, {"8172", "unknown"},
        {"8", "unionpay"}, {"82", "unknown"},
        // Mir 2200-2204
        {"2200", "mir"}, {"2204", "mir"}, {"2199", "unknown"}, {"2205", "unknown"},
        // Elo
        {"401178", "elo"}, {"401179", "elo"}, {"401177", "visa"}, {"401180", "visa"},
        {"438935", "elo"}, {"438934", "visa"}, {"438936", "visa"},
        {"457631", "elo"}, {"457632", "elo"}, {"457630", "visa"}, {"457633", "visa"},
        {"431274", "elo"}, {"431273", "visa"}, {"431275", "visa"},
        {"451416", "elo"}, {"451415", "visa"}, {"451417", "visa"},
        {"457393", "elo"}, {"457392", "visa"}, {"457394", "visa"},
        {"504175", "elo"}, {"504174", "maestro"}, {"504176", "maestro"},
        {"506699", "elo"}, {"506778", "elo"}, {"506698", "maestro"}, {"506779", "maestro"},
        {"509000", "elo"}, {"509999", "elo"}, {"508999", "maestro"}, {"510000", "mastercard"},
        {"636297", "elo"}, {"636296", "maestro"}, {"636298", "maestro"},
        {"636368", "elo"}, {"636367", "maestro"}, {"636369", "maestro"},
        {"650031", "elo"}, {"650033", "elo"}, {"650030", "discover"}, {"650034", "discover"},
        {"650035", "elo"}, {"650051", "elo"}, {"650052", "troy"},
        {"650405", "elo"}, {"650439", "elo"}, {"650404", "discover"}, {"650440", "discover"},
        {"650485", "elo"}, {"650538", "elo"}, {"650484", "discover"}, {"650539", "discover"},
        {"650541", "elo"}, {"650598", "elo"}, {"650540", "discover"}, {"650599", "discover"},
        {"650700", "elo"}, {"650718", "elo"}, {"650699", "discover"}, {"650719", "discover"},
        {"650720", "elo"}, {"650727", "elo"}, {"650728", "discover"},
        {"650901", "elo"}, {"650978", "elo"}, {"650900", "discover"}, {"650979", "discover"},
        {"651652", "elo"}, {"651679", "elo"}, {"651651", "discover"}, {"651680", "discover"},
        {"655000", "elo"}, {"655019", "elo"}, {"654999", "discover"}, {"655020", "discover"},
        {"655021", "elo"}, {"655058", "elo"}, {"655059", "discover"},
        // Hiper, Hipercard
        {"637095", "hiper"}, {"637094", "maestro"}, {"637096", "maestro"},
        {"63737423", "hiper"}, {"63737422", "maestro"}, {"63737424", "maestro"},
        {"63743358", "hiper"}, {"63743357", "maestro"}, {"63743359", "maestro"},
        {"637568", "hiper"}, {"637567", "maestro"}, {"637569", "maestro"},
        {"637599", "hiper"}, {"637598", "maestro"}, {"637600", "maestro"},
        {"637609", "hiper"}, {"637608", "maestro"}, {"637610", "maestro"},
        {"637612", "hiper"}, {"637611", "maestro"}, {"637613", "maestro"},
        {"606282", "hipercard"}, {"606281", "maestro"}, {"606283", "maestro"},
        // Troy 9792, and its 6-digit IINs inside Discover's 65 (650052 is
        // above, next to Elo's 650051)
        {"9792", "troy"}, {"9791", "unknown"}, {"9793", "unknown"}, {"97", "troy"},
        {"650053", "discover"},
        {"650082", "troy"}, {"650083", "troy"}, {"650081", "discover"}, {"650084", "discover"},
        {"650092", "troy"}, {"650091", "discover"}, {"650093", "discover"},
        {"650161", "troy"}, {"650160", "discover"}, {"650162", "discover"},
        {"650170", "troy"}, {"650169", "discover"}, {"650171", "discover"},
        {"650173", "troy"}, {"650172", "discover"}, {"650174", "discover"},
        {"650175", "troy"}, {"650176", "discover"},
        {"650268", "troy"}, {"650267", "discover"}, {"650269", "discover"},
        {"650271", "troy"}, {"650270", "discover"}, {"650272", "discover"},
        {"650273", "troy"}, {"650274", "troy"}, {"650275", "discover"},
        {"65005", "discover"},  // Troy only once the sixth digit completes 650052
        // Naranja 589562, and co-branded 402918 (Visa) and 527572 (Mastercard)
        {"589562", "naranja"}, {"589561", "maestro"}, {"589563", "maestro"},
        {"402918", "naranja"}, {"402917", "visa"}, {"402919", "visa"}, {"40291", "visa"},
        {"527572", "naranja"}, {"527571", "mastercard"}, {"527573", "mastercard"},
        {"52757", "mastercard"},
        // Verve (inside Maestro's ranges; Verve wins)
        {"506099", "verve"}, {"506127", "verve"}, {"506098", "maestro"}, {"506128", "maestro"},
        {"506129", "verve"}, {"506130", "maestro"},
        {"506133", "verve"}, {"506150", "verve"}, {"506132", "maestro"}, {"506151", "maestro"},
        {"506158", "verve"}, {"506163", "verve"}, {"506157", "maestro"}, {"506164", "maestro"},
        {"506166", "verve"}, {"506165", "maestro"}, {"506167", "maestro"},
        {"506168", "verve"}, {"506169", "maestro"},
        {"506170", "verve"}, {"506171", "maestro"},
        {"506173", "verve"}, {"506172", "maestro"}, {"506174", "maestro"},
        {"506176", "verve"}, {"506180", "verve"}, {"506175", "maestro"}, {"506181", "maestro"},
        {"506184", "verve"}, {"506183", "maestro"}, {"506185", "maestro"},
        {"506187", "verve"}, {"506188", "verve"}, {"506186", "maestro"}, {"506189", "maestro"},
        {"506191", "verve"}, {"506190", "maestro"}, {"506192", "maestro"},
        {"506195", "verve"}, {"506194", "maestro"}, {"506196", "maestro"},
        {"506197", "verve"}, {"506198", "maestro"},
        {"507865", "verve"}, {"507866", "verve"}, {"507864", "maestro"}, {"507867", "maestro"},
        {"507868", "verve"}, {"507877", "verve"}, {"507878", "maestro"},
        {"507880", "verve"}, {"507888", "verve"}, {"507879", "maestro"}, {"507889", "maestro"},
        {"507900", "verve"}, {"507899", "maestro"}, {"507901", "maestro"},
        {"507941", "verve"}, {"507940", "maestro"}, {"507942", "maestro"},
        // Maestro 493698, 500000-504174, 504176-506698, 506779-508999, 56-59, 63, 67, 6
        {"493698", "maestro"}, {"493697", "visa"}, {"493699", "visa"},
        {"500000", "maestro"}, {"499999", "visa"},
        {"59", "maestro"}, {"60", "maestro"}, {"63", "maestro"}, {"67", "maestro"},
        {"6", "maestro"}, {"7", "unknown"}, {"9", "troy"}, {"0", "unknown"}, {"1", "jcb"},
        {"30", "diners-club"}, {"220", "mir"}, {"3", "unknown"}, {"2", "unknown"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.prefix) {
            BOOST_TEST(detected(c.prefix) == c.brand);
            // The brand holds on a whole number too (first allowed length,
            // zeros, check digit) whenever the prefix is 6+ digits long:
            // by then no shorter prefix is still waiting on more digits.
            std::string p = c.prefix;
            auto brand = pw::card_brand_from_id(c.brand);
            if (brand != CardBrand::unknown && p.size() >= 6) {
                auto number = complete(p, static_cast<std::size_t>(pw::card_lengths(brand).front()));
                auto info = pw::inspect_card_number(number);
                BOOST_TEST(id(info.brand) == c.brand);
                BOOST_TEST(info.valid);
            }
        }
    }
}

// ------------------------------------------------------------ networks --

BOOST_AUTO_TEST_CASE(co_branded_naranja_shows_naranja_and_routes_on_its_host_network) {
    struct Case { const char* iin; const char* network; };
    const Case cases[] = {
        {"402918", "visa"},
        {"527572", "mastercard"},
        {"589562", "naranja"},  // Naranja's own network
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.iin) {
            std::string number = complete(c.iin, 16);
            auto info = pw::inspect_card_number(number);
            BOOST_TEST(id(info.brand) == "naranja");
            BOOST_TEST(info.valid);
            BOOST_TEST(std::string(pw::card_brand_name(info.brand)) == "Naranja");
            BOOST_TEST(id(pw::card_network(number)) == c.network);
            BOOST_TEST(pw::card_cvc_length(info.brand) == 3);
            BOOST_TEST(pw::format_card_number(number).size() == 19u);  // 4-4-4-4
        }
    }
}

BOOST_AUTO_TEST_CASE(network_is_the_brand_itself_outside_co_branded_ranges) {
    struct Case { const char* digits; const char* network; };
    const Case cases[] = {
        {"4242424242424242", "visa"},
        {"5555555555554444", "mastercard"},
        {"378282246310005", "american-express"},
        {"6011111111111117", "discover"},
        {"6500520000000000", "troy"},
        {"9792030000000000", "troy"},
        {"5066991111111118", "elo"},
        {"6200000000000005", "unionpay"},
        {"5061001234567892", "verve"},
        {"6759649826438453", "maestro"},
        // Partial numbers follow the brand's rule until the co-brand is complete.
        {"4", "visa"}, {"40291", "visa"}, {"402918", "visa"}, {"4029189", "visa"},
        {"52757", "mastercard"}, {"527572", "mastercard"},
        {"35", "jcb"}, {"97", "troy"},
        // No network for nothing, ambiguous or malformed digits.
        {"", "unknown"}, {"5", "unknown"}, {"7", "unknown"},
        {"4029 1800", "unknown"}, {"40291x", "unknown"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("\"" << c.digits << "\"") {
            BOOST_TEST(id(pw::card_network(c.digits)) == c.network);
        }
    }
    // Every brand but the co-brand is its own network on its test number.
    for (auto brand : pw::all_card_brands()) {
        if (brand == CardBrand::naranja) continue;
        BOOST_TEST_CONTEXT(id(brand)) {
            bool found = false;
            for (const char* n : {"4242424242424242", "5555555555554444", "378282246310005", "6011111111111117",
                                  "36227206271667", "3566002020360505", "6200000000000005", "6759649826438453",
                                  "2200000000000004", "5066991111111118", "6370950000000005", "6062828888666688",
                                  "9792030000000000", "5061001234567892"}) {
                if (pw::detect_card_brand(n) != brand) continue;
                found = true;
                BOOST_TEST(pw::card_network(n) == brand);
            }
            BOOST_TEST(found, "a sample number of every brand");
        }
    }
}

BOOST_AUTO_TEST_CASE(brand_follows_the_most_specific_prefix_while_typing) {
    // Visa's "4" until an Elo range is complete, then Elo.
    BOOST_TEST(detected("4") == "visa");
    BOOST_TEST(detected("40117") == "visa");
    BOOST_TEST(detected("401178") == "elo");
    BOOST_TEST(detected("4011781") == "elo");
    // Maestro's catch-all "6" until a more specific range is complete.
    BOOST_TEST(detected("62") == "maestro");
    BOOST_TEST(detected("620") == "unionpay");
    BOOST_TEST(detected("601") == "maestro");
    BOOST_TEST(detected("6011") == "discover");
    BOOST_TEST(detected("6373742") == "maestro");
    BOOST_TEST(detected("63737423") == "hiper");
    // Nothing complete yet: unknown.
    BOOST_TEST(detected("") == "unknown");
    BOOST_TEST(detected("2") == "unknown");
    BOOST_TEST(detected("5") == "unknown");
    // ... or the one brand every reachable range belongs to.
    BOOST_TEST(detected("97") == "troy");
    BOOST_TEST(detected("35") == "jcb");
    BOOST_TEST(detected("180") == "jcb");
    BOOST_TEST(detected("7") == "unknown");
    // Non-digits never have a brand.
    BOOST_TEST(detected("4242 4242") == "unknown");
    BOOST_TEST(detected("42x") == "unknown");
}

// --------------------------------------------------------------- lengths --

BOOST_AUTO_TEST_CASE(allowed_lengths_per_brand) {
    struct Case { const char* prefix; const char* brand; std::vector<int> lengths; };
    const Case cases[] = {
        {"4242", "visa", {16, 18, 19}},
        {"5555", "mastercard", {16}},
        {"3782", "american-express", {15}},
        {"6011", "discover", {16, 19}},
        {"3622", "diners-club", {14, 16, 19}},
        {"3566", "jcb", {16, 17, 18, 19}},
        {"6200", "unionpay", {14, 15, 16, 17, 18, 19}},
        {"6759", "maestro", {12, 13, 14, 15, 16, 17, 18, 19}},
        {"2200", "mir", {16, 17, 18, 19}},
        {"506699", "elo", {16}},
        {"637095", "hiper", {16}},
        {"606282", "hipercard", {16}},
        {"9792", "troy", {16}},
        {"589562", "naranja", {16}},
        {"506099", "verve", {16, 18, 19}},
    };
    for (const auto& c : cases) {
        auto brand = pw::card_brand_from_id(c.brand);
        auto lengths = pw::card_lengths(brand);
        BOOST_TEST(std::vector<int>(lengths.begin(), lengths.end()) == c.lengths,
                   boost::test_tools::per_element());
        for (std::size_t len = 10; len <= 21; ++len) {
            BOOST_TEST_CONTEXT(c.brand << " length " << len) {
                bool allowed = false;
                for (int l : c.lengths) allowed = allowed || static_cast<std::size_t>(l) == len;
                auto info = pw::inspect_card_number(complete(c.prefix, len));
                BOOST_TEST(id(info.brand) == c.brand);
                BOOST_TEST(info.valid == allowed);
                // Potentially valid while an allowed length is still ahead.
                bool ahead = false;
                for (int l : c.lengths) ahead = ahead || static_cast<std::size_t>(l) >= len;
                BOOST_TEST(info.potentially_valid == ahead);
            }
        }
    }
    BOOST_TEST(pw::card_lengths(CardBrand::unknown).empty());
}

BOOST_AUTO_TEST_CASE(cvc_length_per_brand) {
    for (auto b : pw::all_card_brands())
        BOOST_TEST(pw::card_cvc_length(b) == (b == CardBrand::american_express ? 4 : 3));
    BOOST_TEST(pw::card_cvc_length(CardBrand::unknown) == 0);
}

// ----------------------------------------------------------------- Luhn --

BOOST_AUTO_TEST_CASE(luhn_on_long_numbers) {
    const std::string nineteen[] = {"6205500000000000004", "4111111111111111110",
                                    "6799990100000000019", "5079410000000000003"};
    for (const auto& n : nineteen) {
        BOOST_TEST(pw::luhn_valid(n));
        // Luhn catches every single-digit error: change each digit to every
        // other value.
        for (std::size_t i = 0; i < n.size(); ++i) {
            for (char d = '0'; d <= '9'; ++d) {
                if (d == n[i]) continue;
                std::string m = n;
                m[i] = d;
                BOOST_TEST(!pw::luhn_valid(m), m);
            }
        }
    }
    // Much longer digit strings still compute (no overflow): 10^6 zeros
    // plus "18" is valid ("18": 1*2=2, +8 = 10).
    std::string big(1000000, '0');
    BOOST_TEST(pw::luhn_valid(big + "18"));
    BOOST_TEST(!pw::luhn_valid(big + "19"));
    BOOST_TEST(!pw::luhn_valid(""));
    BOOST_TEST(!pw::luhn_valid("4242 4242 4242 4242"));
    BOOST_TEST(!pw::luhn_valid("424242424242424a"));
}

BOOST_AUTO_TEST_CASE(unionpay_is_valid_without_luhn) {
    auto info = pw::inspect_card_number("6200000000000001");
    BOOST_TEST(info.brand == CardBrand::unionpay);
    BOOST_TEST(!info.luhn);
    BOOST_TEST(info.valid);
    BOOST_TEST(pw::validate_card_number("6200000000000001").ok());
    // Still bound by its lengths: 13 digits is no card.
    BOOST_TEST(!pw::inspect_card_number("6200000000001").valid);
    // Every other brand needs Luhn.
    for (const char* p : {"4242", "5555", "3782", "6011", "3622", "3566", "6759", "2200", "506699",
                          "637095", "606282", "9792", "589562", "506099"}) {
        auto brand = pw::detect_card_brand(p);
        auto len = static_cast<std::size_t>(pw::card_lengths(brand).front());
        BOOST_TEST(!pw::inspect_card_number(complete_bad(p, len)).valid, p);
    }
}

// ------------------------------------------------------ potentially valid --

BOOST_AUTO_TEST_CASE(potentially_valid_prefixes) {
    auto empty = pw::inspect_card_number("");
    BOOST_TEST(empty.brand == CardBrand::unknown);
    BOOST_TEST(!empty.valid);
    BOOST_TEST(empty.potentially_valid);

    auto four = pw::inspect_card_number("4");
    BOOST_TEST(four.brand == CardBrand::visa);
    BOOST_TEST(four.potentially_valid);
    BOOST_TEST(!four.valid);

    // Not a brand yet, but one is reachable.
    for (const char* p : {"5", "2", "3", "50", "22", "6550"}) {
        auto info = pw::inspect_card_number(p);
        BOOST_TEST(info.potentially_valid, p);
    }
    for (const char* p : {"5", "2", "3", "50", "22"})
        BOOST_TEST(pw::inspect_card_number(p).brand == CardBrand::unknown, p);
    // A single reachable brand is named before its prefix is complete.
    for (const char* p : {"9", "97", "8", "1", "18", "35", "81"}) {
        auto info = pw::inspect_card_number(p);
        BOOST_TEST(info.brand != CardBrand::unknown, p);
        BOOST_TEST(info.potentially_valid, p);
        BOOST_TEST(pw::validate_card_number(p).code == "card_number_incomplete", p);
    }
    // No card starts like this.
    for (const char* p : {"0", "7", "98", "12", "2130", "306", "3590", "8172", "1801"}) {
        auto info = pw::inspect_card_number(p);
        BOOST_TEST(!info.potentially_valid, p);
        BOOST_TEST(pw::validate_card_number(p).code == "unknown_card_brand", p);
    }
    // 20 digits: never.
    auto twenty = pw::inspect_card_number("42424242424242424242");
    BOOST_TEST(twenty.brand == CardBrand::visa);
    BOOST_TEST(!twenty.valid);
    BOOST_TEST(!twenty.potentially_valid);

    // Full 16-digit Visa failing Luhn: 18 and 19 digits are still possible.
    auto visa_typo = pw::inspect_card_number("4242424242424241");
    BOOST_TEST(!visa_typo.valid);
    BOOST_TEST(visa_typo.potentially_valid);
    // ... but on submit it is an invalid number, not an incomplete one.
    BOOST_TEST(pw::validate_card_number("4242424242424241").code == "invalid_card_number");
    // 19-digit Visa failing Luhn: nothing longer exists.
    BOOST_TEST(!pw::inspect_card_number("4111111111111111111").potentially_valid);
    // Mastercard and Amex have a single length.
    BOOST_TEST(!pw::inspect_card_number("5555555555554445").potentially_valid);
    BOOST_TEST(!pw::inspect_card_number("378282246310006").potentially_valid);
    // Mastercard with 17 digits, Amex with 16: too long.
    BOOST_TEST(!pw::inspect_card_number("55555555555544440").potentially_valid);
    BOOST_TEST(pw::validate_card_number("55555555555544440").code == "card_number_too_long");
    BOOST_TEST(pw::validate_card_number("3782822463100050").code == "card_number_too_long");
    // 17-digit Visa: 18 is allowed, so incomplete whatever the check digit.
    BOOST_TEST(pw::inspect_card_number("42424242424242424").potentially_valid);
    BOOST_TEST(pw::validate_card_number("42424242424242424").code == "card_number_incomplete");

    // Every prefix of a valid number is potentially valid.
    for (std::string_view n : {"4242424242424242", "378282246310005", "6205500000000000004",
                               "6373742300000000", "5895620000000002"}) {
        for (std::size_t i = 0; i <= n.size(); ++i)
            BOOST_TEST(pw::inspect_card_number(n.substr(0, i)).potentially_valid, std::string(n.substr(0, i)));
    }
}

BOOST_AUTO_TEST_CASE(validate_card_number_codes) {
    struct Case { const char* input; const char* code; };
    const Case cases[] = {
        {"", "card_number_required"},
        {"  - -", "card_number_required"},
        {"4242 4242 4242 4242", ""},
        {"4242-4242-4242-4242", ""},
        {" 4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2 ", ""},
        {"4242", "card_number_incomplete"},
        {"5", "card_number_incomplete"},
        {"4242424242424243", "invalid_card_number"},
        {"424242424242424242424", "card_number_too_long"},
        {"7777777777777777", "unknown_card_brand"},
        {"4242.4242.4242.4242", "invalid_card_number_characters"},
        {"4242 4242 4242 424O", "invalid_card_number_characters"},
        {"+4242424242424242", "invalid_card_number_characters"},
    };
    for (const auto& c : cases) {
        auto err = pw::validate_card_number(c.input);
        BOOST_TEST(err.code == c.code, c.input);
        if (!err.ok()) {
            BOOST_TEST(err.field == "number");
            BOOST_TEST(!err.message.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(card_number_digits_strips_separators) {
    auto r = pw::card_number_digits(" 4242-4242 4242--4242 ");
    BOOST_TEST(r.ok());
    BOOST_TEST(r.value == "4242424242424242");
    BOOST_TEST(pw::card_number_digits("").error.code == "card_number_required");
    BOOST_TEST(pw::card_number_digits("4242\t4242").error.code == "invalid_card_number_characters");
}

// ------------------------------------------------------- hostile input --

BOOST_AUTO_TEST_CASE(hostile_input_is_malformed_never_a_crash) {
    using namespace std::string_literals;
    const std::string cases[] = {
        "4242\0004242424242424242"s,             // NUL inside
        "4242424242424242\0"s,                   // trailing NUL
        "\xEF\xBC\x94\xEF\xBC\x92\xEF\xBC\x94\xEF\xBC\x92",  // fullwidth "４２４２"
        "\xD9\xA4\xD9\xA2\xD9\xA4\xD9\xA2",      // Arabic-Indic digits
        "4242 4242 4242 4242 \xF0\x9F\x92\xB3",  // card emoji
        "\xFF\xFE\x80",                          // not UTF-8
        "\xC2\xA0" "4242424242424242",           // no-break space is not a space
        "4242\t4242424242424242",
        "424242424242424\xE2\x80\x8B" "2",       // zero-width space
    };
    for (const auto& c : cases) {
        auto info = pw::inspect_card_number(c);
        BOOST_TEST(info.malformed);
        BOOST_TEST(!info.valid);
        BOOST_TEST(!info.potentially_valid);
        BOOST_TEST(!info.luhn);
        BOOST_TEST(info.brand == CardBrand::unknown);
        BOOST_TEST(pw::validate_card_number(c).code == "invalid_card_number_characters");
        BOOST_TEST(pw::format_card_number(c) == c);  // left for the payer to fix
        BOOST_TEST(pw::card_last4(c).empty());
        BOOST_TEST(pw::mask_card_number(c) == "\u2022\u2022\u2022\u2022");
    }
}

BOOST_AUTO_TEST_CASE(megabyte_inputs) {
    const auto start = std::chrono::steady_clock::now();
    std::string digits(1 << 20, '4');
    auto info = pw::inspect_card_number(digits);
    BOOST_TEST(!info.malformed);
    BOOST_TEST(info.brand == CardBrand::visa);
    BOOST_TEST(!info.valid);
    BOOST_TEST(!info.potentially_valid);
    BOOST_TEST(pw::validate_card_number(digits).code == "card_number_too_long");
    BOOST_TEST(pw::card_last4(digits) == "4444");

    std::string spaces(1 << 20, ' ');
    BOOST_TEST(pw::validate_card_number(spaces).code == "card_number_required");
    BOOST_TEST(pw::inspect_card_number(spaces).potentially_valid);  // nothing typed yet

    std::string junk(1 << 20, 'x');
    BOOST_TEST(pw::inspect_card_number(junk).malformed);
    BOOST_TEST(pw::format_card_number(junk).size() == junk.size());
    const auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST(took < std::chrono::seconds(5));
}

// ------------------------------------------------------------- grouping --

BOOST_AUTO_TEST_CASE(grouping_per_brand) {
    struct Case { const char* input; const char* formatted; };
    const Case cases[] = {
        {"4242424242424242", "4242 4242 4242 4242"},
        {"4111111111111111110", "4111 1111 1111 1111110"},  // 19 digits: 4-4-4-7
        {"506099000000000008", "5060 9900 0000 000008"},    // 18-digit Verve: 4-4-4-6
        {"5555555555554444", "5555 5555 5555 4444"},
        {"378282246310005", "3782 822463 10005"},            // Amex 4-6-5
        {"36227206271667", "3622 720627 1667"},              // Diners 14: 4-6-4
        {"3056930009020004", "3056 9300 0902 0004"},         // Diners 16: 4-4-4-4
        {"6205500000000000004", "6205 5000 0000 0000004"},
        {"6759649826438453", "6759 6498 2643 8453"},
        {"600000000007", "6000 0000 0007"},                  // 12-digit Maestro
        {"42424242424242424242", "4242 4242 4242 42424242"}, // too long: kept together
        // as typed, partially
        {"", ""},
        {"4", "4"},
        {"4242", "4242"},
        {"42424", "4242 4"},
        {"4242424", "4242 424"},
        {"424242424", "4242 4242 4"},
        {"3782", "3782"},
        {"37828", "3782 8"},
        {"3782822463", "3782 822463"},
        {"37828224631", "3782 822463 1"},
        {"3622720", "3622 720"},
        {"5", "5"},                // unknown yet: default grouping
        {"55555", "5555 5"},
        {"77777777", "7777 7777"}, // unknown brand: default grouping
        // separators as typed are replaced
        {"4242-4242 42", "4242 4242 42"},
        {" 3782 8224 6310 005 ", "3782 822463 10005"},
    };
    for (const auto& c : cases) BOOST_TEST(pw::format_card_number(c.input) == c.formatted, c.input);
}

BOOST_AUTO_TEST_CASE(gaps_table) {
    auto g = [](CardBrand b, std::size_t n) {
        auto s = pw::card_gaps(b, n);
        return std::vector<int>(s.begin(), s.end());
    };
    BOOST_TEST(g(CardBrand::american_express, 15) == (std::vector<int>{4, 10}));
    BOOST_TEST(g(CardBrand::diners_club, 14) == (std::vector<int>{4, 10}));
    BOOST_TEST(g(CardBrand::diners_club, 15) == (std::vector<int>{4, 8, 12}));
    BOOST_TEST(g(CardBrand::visa, 19) == (std::vector<int>{4, 8, 12}));
    BOOST_TEST(g(CardBrand::unknown, 3) == (std::vector<int>{4, 8, 12}));
}

// -------------------------------------------------------------- masking --

BOOST_AUTO_TEST_CASE(masking_and_last4) {
    BOOST_TEST(pw::mask_card_number("4242424242424242") == "\u2022\u2022\u2022\u2022 4242");
    BOOST_TEST(pw::mask_card_number("4242424242424242") == "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 4242");
    BOOST_TEST(pw::mask_card_number("3782 822463 10005") == "\u2022\u2022\u2022\u2022 0005");
    BOOST_TEST(pw::mask_card_number("5555-5555-5555-4444") == "\u2022\u2022\u2022\u2022 4444");
    BOOST_TEST(pw::mask_card_number("") == "\u2022\u2022\u2022\u2022");
    BOOST_TEST(pw::mask_card_number("12") == "\u2022\u2022\u2022\u2022 12");
    BOOST_TEST(pw::card_last4("6205500000000000004") == "0004");
    BOOST_TEST(pw::card_last4("4242 4242 4242 4242") == "4242");
    BOOST_TEST(pw::card_last4("123") == "123");
    BOOST_TEST(pw::card_last4("").empty());
}

// ------------------------------------------------------------ brand names --

BOOST_AUTO_TEST_CASE(brand_ids_and_names) {
    const std::vector<std::string> ids = {"visa", "mastercard", "american-express", "discover",
                                          "diners-club", "jcb", "unionpay", "maestro", "mir",
                                          "elo", "hiper", "hipercard", "troy", "naranja", "verve"};
    const std::vector<std::string> names = {"Visa", "Mastercard", "American Express", "Discover",
                                            "Diners Club", "JCB", "UnionPay", "Maestro", "Mir",
                                            "Elo", "Hiper", "Hipercard", "Troy", "Naranja", "Verve"};
    auto brands = pw::all_card_brands();
    BOOST_TEST_REQUIRE(brands.size() == ids.size());
    for (std::size_t i = 0; i < brands.size(); ++i) {
        BOOST_TEST(id(brands[i]) == ids[i]);
        BOOST_TEST(std::string(pw::card_brand_name(brands[i])) == names[i]);
        BOOST_TEST(pw::card_brand_from_id(ids[i]) == brands[i]);
    }
    BOOST_TEST(id(CardBrand::unknown) == "unknown");
    BOOST_TEST(std::string(pw::card_brand_name(CardBrand::unknown)) == "Card");
    BOOST_TEST(pw::card_brand_from_id("unknown") == CardBrand::unknown);
    BOOST_TEST(pw::card_brand_from_id("Visa") == CardBrand::unknown);
    BOOST_TEST(pw::card_brand_from_id("") == CardBrand::unknown);
}

// ------------------------------------------------------------------ CVC --

BOOST_AUTO_TEST_CASE(cvc_checks) {
    using namespace std::string_literals;
    struct Case { std::string cvc; CardBrand brand; const char* code; };
    const Case cases[] = {
        {"123", CardBrand::visa, ""},
        {"000", CardBrand::mastercard, ""},
        {"12", CardBrand::visa, "cvc_incomplete"},
        {"1234", CardBrand::visa, "invalid_cvc"},
        {"1234", CardBrand::american_express, ""},
        {"123", CardBrand::american_express, "cvc_incomplete"},
        {"12345", CardBrand::american_express, "invalid_cvc"},
        {"123", CardBrand::unknown, ""},
        {"1234", CardBrand::unknown, ""},
        {"12", CardBrand::unknown, "cvc_incomplete"},
        {"12345", CardBrand::unknown, "invalid_cvc"},
        {"", CardBrand::visa, "cvc_required"},
        {"12a", CardBrand::visa, "invalid_cvc"},
        {" 123", CardBrand::visa, "invalid_cvc"},
        {"12\0"s, CardBrand::visa, "invalid_cvc"},
        {"\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", CardBrand::visa, "invalid_cvc"},  // "１２３"
        {std::string(1 << 20, '1'), CardBrand::visa, "invalid_cvc"},
    };
    for (const auto& c : cases) {
        auto err = pw::validate_cvc(c.cvc, c.brand);
        BOOST_TEST(err.code == c.code, c.cvc.substr(0, 8));
        if (!err.ok()) BOOST_TEST(err.field == "cvc");
    }
}

// ------------------------------------------------- name and postal code --

BOOST_AUTO_TEST_CASE(cardholder_name) {
    BOOST_TEST(pw::validate_cardholder_name("Ada Lovelace").ok());
    BOOST_TEST(pw::validate_cardholder_name("Zoë Ōkubo-Nguyễn").ok());
    BOOST_TEST(pw::validate_cardholder_name("").code == "name_required");
    BOOST_TEST(pw::validate_cardholder_name("   ").code == "name_required");
    BOOST_TEST(pw::validate_cardholder_name(std::string(200, 'a')).ok());
    BOOST_TEST(pw::validate_cardholder_name(std::string(201, 'a')).code == "name_too_long");
    // Characters, not bytes: 200 two-byte letters are fine.
    std::string e200;
    for (int i = 0; i < 200; ++i) e200 += "\xC3\xA9";
    BOOST_TEST(pw::validate_cardholder_name(e200).ok());
    BOOST_TEST(pw::validate_cardholder_name(e200 + "\xC3\xA9").code == "name_too_long");
    // Surrounding spaces do not count.
    BOOST_TEST(pw::validate_cardholder_name("  " + std::string(200, 'a') + "  ").ok());
    BOOST_TEST(pw::validate_cardholder_name(std::string(1 << 20, 'a')).code == "name_too_long");
    using namespace std::string_literals;
    for (const std::string& bad : {"Ada\0Lovelace"s, "Ada\nLovelace"s, "Ada\tL"s, "\xFF"s,
                                  "Ad\xC3"s, "\xC0\xAF"s, "\xED\xA0\x80"s, "Ada\xC2\x85"s}) {
        BOOST_TEST(pw::validate_cardholder_name(bad).code == "invalid_name");
        BOOST_TEST(pw::validate_cardholder_name(bad).field == "name");
    }
    BOOST_TEST(pw::validate_cardholder_name("Ada \xF0\x9F\x92\xB3").ok());  // emoji is text
}

BOOST_AUTO_TEST_CASE(postal_code) {
    for (const char* ok : {"12", "94103", "94103-1234", "SW1A 1AA", "K1A 0B1", " 10115 ", "1234567890"})
        BOOST_TEST(pw::validate_postal_code(ok).ok(), ok);
    BOOST_TEST(pw::validate_postal_code("").code == "postal_code_required");
    BOOST_TEST(pw::validate_postal_code("   ").code == "postal_code_required");
    for (const char* bad : {"1", "12345678901", "9410#", "K1A_0B1", "\xC3\xA9\xC3\xA9"})
        BOOST_TEST(pw::validate_postal_code(bad).code == "invalid_postal_code", bad);
    BOOST_TEST(pw::validate_postal_code("1").field == "postal_code");
}

// --------------------------------------------------------- the whole card --

BOOST_AUTO_TEST_CASE(combined_card_input) {
    const pw::Date today{2026, 11, 27};
    pw::CardInput in{"4242 4242 4242 4242", "12/29", "123", "Ada Lovelace", "94103"};
    auto ok = pw::validate_card_input(in, today);
    BOOST_TEST_REQUIRE(ok.ok());
    BOOST_TEST(ok.value.brand == CardBrand::visa);
    BOOST_TEST(ok.value.last4 == "4242");
    BOOST_TEST(ok.value.exp_month == 12);
    BOOST_TEST(ok.value.exp_year == 2029);

    pw::CardInput amex{"378282246310005", "2030-01", "1234", "A", "SW1A 1AA"};
    auto a = pw::validate_card_input(amex, today);
    BOOST_TEST_REQUIRE(a.ok());
    BOOST_TEST(a.value.brand == CardBrand::american_express);
    BOOST_TEST(a.value.last4 == "0005");
    // CVC length follows the number's brand.
    amex.cvc = "123";
    BOOST_TEST(pw::validate_card_input(amex, today).error.code == "cvc_incomplete");

    // The first failing field wins, in form order.
    pw::CardInput bad{"4242", "13/29", "", "", ""};
    auto check = [&](const char* code, const char* field) {
        auto r = pw::validate_card_input(bad, today);
        BOOST_TEST(r.error.code == code);
        BOOST_TEST(r.error.field == field);
    };
    check("card_number_incomplete", "number");
    bad.number = "4242424242424242";
    check("invalid_expiry_month", "exp");
    bad.exp = "10/26";
    check("card_expired", "exp");
    bad.exp = "11/26";
    check("cvc_required", "cvc");
    bad.cvc = "424";
    check("name_required", "name");
    bad.name = "Ada";
    check("postal_code_required", "postal_code");
    bad.postal_code = "9";
    check("invalid_postal_code", "postal_code");
    bad.postal_code = "94103";
    BOOST_TEST(pw::validate_card_input(bad, today).ok());
}
