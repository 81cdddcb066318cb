#define BOOST_TEST_MODULE crypto
#include <boost/test/unit_test.hpp>

#include <sodium.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <fstream>
#include <set>

#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "security/secret_file.hpp"
#include "temp_dir.hpp"

namespace {

bool is_base64url(const std::string& s) {
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

std::vector<unsigned char> decode(const std::string& token) {
    std::vector<unsigned char> out(token.size());
    std::size_t len = 0;
    const int rc = sodium_base642bin(out.data(), out.size(), token.data(), token.size(), nullptr, &len, nullptr,
                                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    BOOST_REQUIRE(rc == 0);
    out.resize(len);
    return out;
}

pws::ServerSecret secret_of(unsigned char fill) {
    pws::ServerSecret s;
    s.key.fill(fill);
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tokens)

BOOST_AUTO_TEST_CASE(sodium_starts) { BOOST_TEST(pws::ensure_sodium()); }

BOOST_AUTO_TEST_CASE(link_tokens_are_32_bytes_of_base64url) {
    const std::string t = pws::random_token();
    BOOST_TEST(t.size() == 43u);  // ceil(32 * 8 / 6), no padding
    BOOST_TEST(is_base64url(t));
    BOOST_TEST(decode(t).size() == 32u);
}

BOOST_AUTO_TEST_CASE(short_requests_are_raised_to_128_bits) {
    for (std::size_t n : {0u, 1u, 8u, 15u}) {
        const std::string t = pws::random_token(n);
        BOOST_TEST(decode(t).size() == 16u);
        BOOST_TEST(t.size() == 22u);
    }
    BOOST_TEST(decode(pws::random_token(17)).size() == 17u);
}

BOOST_AUTO_TEST_CASE(tokens_do_not_repeat_and_look_random) {
    std::set<std::string> seen;
    std::size_t ones = 0, bits = 0;
    for (int i = 0; i < 2000; ++i) {
        const std::string t = pws::random_token();
        seen.insert(t);
        for (unsigned char b : decode(t)) ones += static_cast<std::size_t>(std::popcount(b));
        bits += 256;
    }
    BOOST_TEST(seen.size() == 2000u);
    // 512000 fair bits: the share of ones is 0.5 +- 0.0007 (1 sigma); allow 10 sigma.
    const double share = static_cast<double>(ones) / static_cast<double>(bits);
    BOOST_TEST(share > 0.493);
    BOOST_TEST(share < 0.507);
}

BOOST_AUTO_TEST_CASE(ids_have_prefix_and_128_random_bits) {
    const std::string id = pws::random_id("pay_");
    BOOST_TEST(id.rfind("pay_", 0) == 0);
    BOOST_TEST(decode(id.substr(4)).size() == 16u);
    BOOST_TEST(pws::random_id("pay_") != id);
}

BOOST_AUTO_TEST_CASE(hex) {
    const unsigned char b[] = {0x00, 0x0f, 0xa5, 0xff};
    BOOST_TEST(pws::to_hex(b, 4) == "000fa5ff");
    BOOST_TEST(pws::to_hex(b, 0).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(keyed_hashes)

BOOST_AUTO_TEST_CASE(token_hash_is_keyed_and_deterministic) {
    const auto a = secret_of(1), b = secret_of(2);
    const std::string token = pws::random_token();
    const std::string h = pws::hash_token(a, token);
    BOOST_TEST(h.size() == 64u);
    BOOST_TEST(h.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(pws::hash_token(a, token) == h);
    BOOST_TEST(pws::hash_token(b, token) != h);
    BOOST_TEST(pws::hash_token(a, token + "x") != h);
    BOOST_TEST(h.find(token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(token_hash_matches_an_independent_blake2b) {
    // BLAKE2b-256 keyed with the secret over len64le("pws.token.v1") ||
    // "pws.token.v1" || len64le(token) || token, computed here in one go.
    const auto s = secret_of(7);
    const std::string token = "abc";
    std::string msg;
    auto part = [&msg](const std::string& p) {
        for (int i = 0; i < 8; ++i) msg += static_cast<char>((p.size() >> (8 * i)) & 0xff);
        msg += p;
    };
    part("pws.token.v1");
    part(token);
    unsigned char out[32];
    crypto_generichash(out, 32, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), s.key.data(), 32);
    BOOST_TEST(pws::hash_token(s, token) == pws::to_hex(out, 32));
}

BOOST_AUTO_TEST_CASE(fingerprint_is_per_practice) {
    const auto s = secret_of(3);
    const std::string card = "card:4242424242424242";
    const std::string f1 = pws::card_fingerprint(s, "prac_1", card);
    BOOST_TEST(f1.size() == 64u);
    BOOST_TEST(pws::card_fingerprint(s, "prac_1", card) == f1);
    BOOST_TEST(pws::card_fingerprint(s, "prac_2", card) != f1);
    BOOST_TEST(pws::card_fingerprint(s, "prac_1", "card:5555555555554444") != f1);
    BOOST_TEST(pws::card_fingerprint(secret_of(4), "prac_1", card) != f1);
    BOOST_TEST(f1.find("4242") == std::string::npos);
    // Parts are length-prefixed: moving a byte between them changes the result.
    BOOST_TEST(pws::card_fingerprint(s, "prac_1c", "ard:4242424242424242") != f1);
    // Purposes are separated: a fingerprint is never a token hash.
    BOOST_TEST(pws::hash_token(s, card) != f1);
}

BOOST_AUTO_TEST_CASE(constant_time_equal) {
    BOOST_TEST(pws::constant_time_equal("abc", "abc"));
    BOOST_TEST(pws::constant_time_equal("", ""));
    BOOST_TEST(!pws::constant_time_equal("abc", "abd"));
    BOOST_TEST(!pws::constant_time_equal("abc", "ab"));
    BOOST_TEST(!pws::constant_time_equal("", "a"));
    BOOST_TEST(pws::constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
    BOOST_TEST(!pws::constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(secret_file)

BOOST_AUTO_TEST_CASE(created_once_with_mode_0600_and_reloaded) {
    pws_test::TempDir dir;
    const std::string path = dir.file("secret");
    auto first = pws::load_or_create_secret(path);
    BOOST_REQUIRE_MESSAGE(first.ok(), first.error.message);
    struct stat st {};
    BOOST_REQUIRE(stat(path.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    auto again = pws::load_or_create_secret(path);
    BOOST_REQUIRE(again.ok());
    BOOST_TEST(again.value.key == first.value.key);
    BOOST_TEST(first.value.key != pws::ServerSecret{}.key);  // not all zero
    // No temporary files left behind.
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
}

BOOST_AUTO_TEST_CASE(refuses_insecure_or_malformed_files) {
    pws_test::TempDir dir;
    const std::string path = dir.file("secret");
    BOOST_REQUIRE(pws::load_or_create_secret(path).ok());
    chmod(path.c_str(), 0644);
    BOOST_TEST(pws::load_or_create_secret(path).error.code == "secret_insecure");
    chmod(path.c_str(), 0600);
    std::ofstream(path) << "not hex at all";
    BOOST_TEST(pws::load_or_create_secret(path).error.code == "secret_malformed");
    std::ofstream(path) << std::string(63, 'a');
    BOOST_TEST(pws::load_or_create_secret(path).error.code == "secret_malformed");
    std::ofstream(path) << std::string(64, 'a') << "\n";
    auto ok = pws::load_or_create_secret(path);
    BOOST_REQUIRE(ok.ok());
    BOOST_TEST(ok.value.key[0] == 0xaa);
    BOOST_TEST(pws::load_or_create_secret(dir.file("missing/dir/secret")).error.code == "secret_unreadable");
}

BOOST_AUTO_TEST_CASE(racing_processes_agree_on_one_secret) {
    pws_test::TempDir dir;
    const std::string path = dir.file("secret");
    const std::string out = dir.file("child");
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        auto s = pws::load_or_create_secret(path);
        if (!s.ok()) _exit(1);
        std::ofstream(out) << pws::to_hex(s.value.key.data(), 32);
        _exit(0);
    }
    auto mine = pws::load_or_create_secret(path);
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_REQUIRE(mine.ok());
    BOOST_REQUIRE(WIFEXITED(status));
    BOOST_REQUIRE(WEXITSTATUS(status) == 0);
    std::string theirs;
    std::ifstream(out) >> theirs;
    BOOST_TEST(theirs == pws::to_hex(mine.value.key.data(), 32));
}

BOOST_AUTO_TEST_SUITE_END()
