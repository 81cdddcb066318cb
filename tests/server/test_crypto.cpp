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
    s.current.bytes.fill(fill);
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

using pws::KeyUse;

// BLAKE2b-256 keyed with `key` over len64le(label) || label || len64le(value)
// || value, computed here in one go.
std::string blake2b_of(const unsigned char* key, const std::string& label, const std::string& value) {
    std::string msg;
    auto part = [&msg](const std::string& p) {
        for (int i = 0; i < 8; ++i) msg += static_cast<char>((p.size() >> (8 * i)) & 0xff);
        msg += p;
    };
    part(label);
    part(value);
    unsigned char out[32];
    crypto_generichash(out, 32, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key, 32);
    return pws::to_hex(out, 32);
}

BOOST_AUTO_TEST_CASE(token_hash_is_keyed_and_deterministic) {
    const auto a = secret_of(1), b = secret_of(2);
    const std::string token = pws::random_token();
    const std::string h = pws::hash_token(a, KeyUse::link_token, token);
    BOOST_TEST(h.size() == 64u);
    BOOST_TEST(h.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(pws::hash_token(a, KeyUse::link_token, token) == h);
    BOOST_TEST(pws::hash_token(b, KeyUse::link_token, token) != h);
    BOOST_TEST(pws::hash_token(a, KeyUse::link_token, token + "x") != h);
    BOOST_TEST(h.find(token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_use_has_its_own_subkey_and_hash) {
    const auto s = secret_of(5);
    const KeyUse uses[] = {KeyUse::link_token,    KeyUse::session,   KeyUse::one_time_token, KeyUse::payment_token,
                           KeyUse::admin_key,     KeyUse::request,   KeyUse::card_fingerprint};
    std::set<std::string> subkeys, hashes;
    for (KeyUse u : uses) {
        const pws::Subkey k = pws::derive_subkey(s.current, u);
        subkeys.insert(pws::to_hex(k.data(), k.size()));
        BOOST_TEST(k != s.current.bytes);  // the master never hashes anything itself
        if (u != KeyUse::card_fingerprint) hashes.insert(pws::hash_token(s, u, "same value"));
    }
    BOOST_TEST(subkeys.size() == std::size(uses));
    BOOST_TEST(hashes.size() == std::size(uses) - 1);
    // The subkey is libsodium's KDF of the master (context "pwsecret").
    unsigned char want[32];
    crypto_kdf_derive_from_key(want, 32, 5, "pwsecret", s.current.bytes.data());
    const pws::Subkey admin = pws::derive_subkey(s.current, KeyUse::admin_key);
    BOOST_TEST(pws::to_hex(admin.data(), 32) == pws::to_hex(want, 32));
    BOOST_TEST(pws::hash_token(s, KeyUse::admin_key, "abc") == blake2b_of(want, "pws.v2.5", "abc"));
}

BOOST_AUTO_TEST_CASE(lookups_try_current_then_legacy_then_previous) {
    // What a server before subkeys stored: BLAKE2b keyed with the master
    // itself, label "pws.token.v1".
    auto s = secret_of(7);
    const std::string token = "abc";
    const std::string legacy = blake2b_of(s.current.bytes.data(), "pws.token.v1", token);
    BOOST_TEST(pws::hash_token(s, KeyUse::link_token, token) != legacy);  // never made any more
    BOOST_TEST(pws::hash_candidates(s, KeyUse::link_token, token).size() == 1u);
    s.current.legacy = true;
    auto c = pws::hash_candidates(s, KeyUse::link_token, token);
    BOOST_REQUIRE(c.size() == 2u);
    BOOST_TEST(c[0] == pws::hash_token(s, KeyUse::link_token, token));
    BOOST_TEST(c[1] == legacy);

    // After a rotation: the old master (still legacy) is previous.
    pws::ServerSecret rotated = secret_of(8);
    rotated.previous = s.current;
    c = pws::hash_candidates(rotated, KeyUse::link_token, token);
    BOOST_REQUIRE(c.size() == 3u);
    BOOST_TEST(c[0] == pws::hash_token(rotated, KeyUse::link_token, token));
    BOOST_TEST(c[1] == pws::hash_token(s, KeyUse::link_token, token));
    BOOST_TEST(c[2] == legacy);
}

BOOST_AUTO_TEST_CASE(find_by_token_stops_at_the_first_answer_that_is_not_a_miss) {
    pws::ServerSecret s = secret_of(1);
    s.previous = secret_of(2).current;
    const auto c = pws::hash_candidates(s, KeyUse::session, "tok");
    std::vector<std::string> asked;
    auto r = pws::find_by_token(s, KeyUse::session, "tok", "not_found", [&](const std::string& h) {
        asked.push_back(h);
        return h == c[1] ? pw::Result<int>::success(42) : pw::Result<int>::failure("not_found", "", "");
    });
    BOOST_TEST(r.ok());
    BOOST_TEST(r.value == 42);
    BOOST_TEST(asked == c);
    asked.clear();
    r = pws::find_by_token(s, KeyUse::session, "tok", "not_found", [&](const std::string& h) {
        asked.push_back(h);
        return pw::Result<int>::failure("storage_busy", "", "");
    });
    BOOST_TEST(r.error.code == "storage_busy");
    BOOST_TEST(asked.size() == 1u);  // a real error is not a miss: no further tries
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
    BOOST_TEST(pws::hash_token(s, KeyUse::payment_token, card) != f1);
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
    BOOST_TEST(again.value.current.bytes == first.value.current.bytes);
    BOOST_TEST(first.value.current.bytes != pws::ServerSecret{}.current.bytes);  // not all zero
    BOOST_TEST(!first.value.current.legacy);  // a new file never hashes the old way
    BOOST_TEST(!first.value.previous);
    // No temporary files left behind.
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
}

BOOST_AUTO_TEST_CASE(rotation_keeps_the_old_key_as_previous_and_drops_the_one_before) {
    pws_test::TempDir dir;
    const std::string path = dir.file("secret");
    BOOST_TEST(pws::rotate_secret(path).error.code == "secret_unreadable");  // nothing to rotate
    std::ofstream(path) << std::string(64, 'a') << "\n";  // an install from before subkeys
    chmod(path.c_str(), 0600);
    const auto legacy = pws::load_or_create_secret(path);
    BOOST_REQUIRE(legacy.ok());

    auto first = pws::rotate_secret(path);
    BOOST_REQUIRE_MESSAGE(first.ok(), first.error.message);
    BOOST_TEST(!first.value.dropped_previous);
    auto loaded = pws::load_or_create_secret(path);
    BOOST_REQUIRE(loaded.ok());
    BOOST_TEST(loaded.value.current.bytes == first.value.secret.current.bytes);
    BOOST_TEST(loaded.value.current.bytes != legacy.value.current.bytes);
    BOOST_TEST(!loaded.value.current.legacy);
    BOOST_REQUIRE(loaded.value.previous.has_value());
    BOOST_TEST(loaded.value.previous->bytes == legacy.value.current.bytes);
    BOOST_TEST(loaded.value.previous->legacy);  // still looked up the old way
    struct stat st {};
    BOOST_REQUIRE(stat(path.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);

    auto second = pws::rotate_secret(path);
    BOOST_REQUIRE(second.ok());
    BOOST_TEST(second.value.dropped_previous);
    loaded = pws::load_or_create_secret(path);
    BOOST_REQUIRE(loaded.ok());
    BOOST_TEST(loaded.value.previous->bytes == first.value.secret.current.bytes);
    BOOST_TEST(!loaded.value.previous->legacy);
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
}

BOOST_AUTO_TEST_CASE(a_secret_inside_the_data_directory_is_recognised) {
    pws_test::TempDir dir;
    const std::string data = dir.file("data");
    std::filesystem::create_directories(data + "/sub");
    std::filesystem::create_directories(dir.file("keys"));
    BOOST_TEST(pws::secret_inside_data_dir(data + "/server-secret", data + "/paywidget.db"));
    BOOST_TEST(pws::secret_inside_data_dir(data + "/sub/server-secret", data + "/paywidget.db"));
    BOOST_TEST(pws::secret_inside_data_dir(data + "/../data/server-secret", data + "/paywidget.db"));
    BOOST_TEST(!pws::secret_inside_data_dir(dir.file("keys/server-secret"), data + "/paywidget.db"));
    // A sibling whose name starts the same is not inside.
    BOOST_TEST(!pws::secret_inside_data_dir(dir.file("data2/server-secret"), data + "/paywidget.db"));
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
    BOOST_TEST(ok.value.current.bytes[0] == 0xaa);
    BOOST_TEST(ok.value.current.legacy);  // the format before subkeys
    BOOST_TEST(!ok.value.previous);
    std::ofstream(path) << "current " << std::string(64, 'b') << "\nprevious " << std::string(64, 'c') << " stale\n";
    BOOST_TEST(pws::load_or_create_secret(path).error.code == "secret_malformed");
    std::ofstream(path) << "previous " << std::string(64, 'c') << "\n";
    BOOST_TEST(pws::load_or_create_secret(path).error.code == "secret_malformed");  // no current
    std::ofstream(path) << "current " << std::string(64, 'b') << "\ncurrent " << std::string(64, 'c') << "\n";
    BOOST_TEST(pws::load_or_create_secret(path).error.code == "secret_malformed");
    std::ofstream(path) << std::string(2000, '#');
    BOOST_TEST(pws::load_or_create_secret(path).error.code == "secret_malformed");
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
        std::ofstream(out) << pws::to_hex(s.value.current.bytes.data(), 32);
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
    BOOST_TEST(theirs == pws::to_hex(mine.value.current.bytes.data(), 32));
}

BOOST_AUTO_TEST_SUITE_END()
