#define BOOST_TEST_MODULE password
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>

#include "security/password.hpp"

// Minimum Argon2id cost keeps this suite fast; the production cost is
// checked once (interactive_cost_is_libsodiums).
namespace {
const pws::PasswordCost kTest = pws::PasswordCost::minimum();
}

BOOST_AUTO_TEST_CASE(hash_then_verify) {
    auto h = pws::hash_password("correct horse battery", kTest);
    BOOST_REQUIRE(h.has_value());
    BOOST_TEST(h->rfind("$argon2id$v=19$", 0) == 0);
    BOOST_TEST(h->find("correct horse") == std::string::npos);
    BOOST_TEST(pws::verify_password(*h, "correct horse battery"));
    BOOST_TEST(!pws::verify_password(*h, "correct horse batterY"));
    BOOST_TEST(!pws::verify_password(*h, ""));
    BOOST_TEST(!pws::verify_password(*h, "correct horse battery "));
}

BOOST_AUTO_TEST_CASE(salted) {
    auto a = pws::hash_password("same password", kTest);
    auto b = pws::hash_password("same password", kTest);
    BOOST_REQUIRE(a && b);
    BOOST_TEST(*a != *b);
    BOOST_TEST(pws::verify_password(*b, "same password"));
}

BOOST_AUTO_TEST_CASE(unicode_and_binary_passwords) {
    const std::string pw = std::string("p\xc3\xa4ss\0w\xf0\x9f\x94\x91rd", 12);
    auto h = pws::hash_password(pw, kTest);
    BOOST_REQUIRE(h.has_value());
    BOOST_TEST(pws::verify_password(*h, pw));
    BOOST_TEST(!pws::verify_password(*h, pw.substr(0, 6)));  // not cut at the NUL
}

BOOST_AUTO_TEST_CASE(malformed_hashes_never_verify) {
    BOOST_TEST(!pws::verify_password("", "x"));
    BOOST_TEST(!pws::verify_password("x", "x"));
    BOOST_TEST(!pws::verify_password("$argon2id$v=19$m=8,t=1,p=1$garbage", "x"));
    BOOST_TEST(!pws::verify_password(std::string(1000, '$'), "x"));
    auto h = pws::hash_password("pw", kTest);
    BOOST_REQUIRE(h.has_value());
    BOOST_TEST(!pws::verify_password(h->substr(0, h->size() - 2), "pw"));
    // An argon2i hash (not id) is refused outright.
    std::string i = *h;
    i.replace(0, 10, "$argon2i$");
    BOOST_TEST(!pws::verify_password(i, "pw"));
}

BOOST_AUTO_TEST_CASE(oversize_passwords_are_refused) {
    const std::string big(pws::kMaxPasswordBytes + 1, 'a');
    BOOST_TEST(!pws::hash_password(big, kTest).has_value());
    auto h = pws::hash_password(std::string(pws::kMaxPasswordBytes, 'a'), kTest);
    BOOST_REQUIRE(h.has_value());
    BOOST_TEST(!pws::verify_password(*h, big));
}

BOOST_AUTO_TEST_CASE(rehash_when_cost_changes) {
    auto h = pws::hash_password("pw", kTest);
    BOOST_REQUIRE(h.has_value());
    BOOST_TEST(!pws::password_needs_rehash(*h, kTest));
    BOOST_TEST(pws::password_needs_rehash(*h, pws::PasswordCost::interactive()));
    BOOST_TEST(pws::password_needs_rehash("", kTest));
}

BOOST_AUTO_TEST_CASE(only_a_weaker_hash_is_upgraded) {
    auto weak = pws::hash_password("pw", kTest);
    BOOST_REQUIRE(weak.has_value());
    BOOST_TEST(pws::password_cost_below(*weak, pws::PasswordCost::interactive()));
    BOOST_TEST(!pws::password_cost_below(*weak, kTest));
    auto strong = pws::hash_password("pw", pws::PasswordCost::interactive());
    BOOST_REQUIRE(strong.has_value());
    // A test-cost server must never weaken a production hash.
    BOOST_TEST(pws::password_needs_rehash(*strong, kTest));
    BOOST_TEST(!pws::password_cost_below(*strong, kTest));
    BOOST_TEST(!pws::password_cost_below(*strong, pws::PasswordCost::interactive()));
}

BOOST_AUTO_TEST_CASE(interactive_cost_is_libsodiums) {
    const auto c = pws::PasswordCost::interactive();
    BOOST_TEST(c.opslimit == 2u);
    BOOST_TEST(c.memlimit == 64u * 1024 * 1024);
    const auto m = pws::PasswordCost::minimum();
    BOOST_TEST(m.opslimit == 1u);
    BOOST_TEST(m.memlimit == 8192u);
}

BOOST_AUTO_TEST_CASE(burn_verify_costs_as_much_as_a_real_verify) {
    // 1 MiB so the hashing dominates; best of 5 to shrug off scheduler noise.
    const pws::PasswordCost cost{1, 1u << 20};
    auto h = pws::hash_password("secret", cost);
    BOOST_REQUIRE(h.has_value());
    auto best = [](auto fn) {
        auto min = std::chrono::steady_clock::duration::max();
        for (int i = 0; i < 5; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            fn();
            min = std::min(min, std::chrono::steady_clock::now() - t0);
        }
        return min;
    };
    pws::burn_password_verify("warm-up", cost);  // makes the dummy hash once
    const auto real = best([&] { (void)pws::verify_password(*h, "wrong"); });
    const auto burn = best([&] { pws::burn_password_verify("wrong", cost); });
    BOOST_TEST(burn * 3 > real);
    BOOST_TEST(burn < real * 3);
}
