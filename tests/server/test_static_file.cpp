// The rules behind the static-file mount, one by one (http/content_coding,
// http/static_file); tests/server/test_api_static_files.cpp runs them
// through the real server.
#define BOOST_TEST_MODULE static_file
#include <boost/test/unit_test.hpp>

#include <string>

#include "http/content_coding.hpp"
#include "http/static_file.hpp"

using pws::http::accepts_coding;

BOOST_AUTO_TEST_CASE(accept_encoding_lists_and_q_values) {
    BOOST_TEST(accepts_coding("gzip, deflate, br", "br"));
    BOOST_TEST(accepts_coding("gzip, deflate, br", "gzip"));
    BOOST_TEST(!accepts_coding("", "gzip"));
    BOOST_TEST(!accepts_coding("identity", "gzip"));
    BOOST_TEST(!accepts_coding("br;q=0", "br"));
    BOOST_TEST(!accepts_coding("br ; q = 0.000", "br"));
    BOOST_TEST(accepts_coding("br;q=0.001", "br"));
    BOOST_TEST(accepts_coding("br;q=1", "br"));
    BOOST_TEST(accepts_coding("BR", "br"));
    BOOST_TEST(accepts_coding("*", "br"));
    BOOST_TEST(!accepts_coding("*;q=0", "br"));
    BOOST_TEST(accepts_coding("*;q=0, br", "br"));   // explicit beats "*"
    BOOST_TEST(!accepts_coding("br;q=0, *", "br"));
    BOOST_TEST(!accepts_coding("brotli", "br"));     // a different name
    BOOST_TEST(!accepts_coding(",,,;;;=,", "br"));
}

BOOST_AUTO_TEST_CASE(accept_encoding_reads_a_bounded_number_of_elements) {
    std::string many;
    for (int i = 0; i < pws::http::kMaxCodings; ++i) many += "x, ";
    BOOST_TEST(!accepts_coding(many + "br", "br"));
    BOOST_TEST(accepts_coding("br, " + many, "br"));
}

BOOST_AUTO_TEST_CASE(content_hashed_names) {
    using pws::http::has_content_hash;
    BOOST_TEST(has_content_hash("paywidget.0123456789abcdef.wasm"));
    BOOST_TEST(has_content_hash("embed.01234567.css"));
    BOOST_TEST(!has_content_hash("embed.0123456.css"));          // 7 hex: too short
    BOOST_TEST(!has_content_hash("paywidget.0123456789ABCDEF.wasm"));
    BOOST_TEST(!has_content_hash("paywidget.wasm"));
    BOOST_TEST(!has_content_hash("pay-widget.js"));
    BOOST_TEST(!has_content_hash(".0123456789abcdef.js"));
    BOOST_TEST(!has_content_hash("0123456789abcdef.js"));
    BOOST_TEST(pws::http::cache_control_for("paywidget.0123456789abcdef.wasm") == pws::http::kCacheImmutable);
    BOOST_TEST(pws::http::cache_control_for("embed.html") == "no-cache");
    BOOST_TEST(pws::http::cache_control_for("pay-widget.js") == "public, max-age=300");
}

BOOST_AUTO_TEST_CASE(etags_and_if_none_match) {
    using pws::http::if_none_match_hits;
    const std::string a = pws::http::strong_etag("a");
    BOOST_TEST(a.size() == 34u);
    BOOST_TEST(a == pws::http::strong_etag("a"));
    BOOST_TEST(a != pws::http::strong_etag("b"));
    BOOST_TEST(if_none_match_hits(a, a));
    BOOST_TEST(if_none_match_hits("W/" + a, a));
    BOOST_TEST(if_none_match_hits("\"x\",  " + a + " ,\"y\"", a));
    BOOST_TEST(if_none_match_hits(" * ", a));
    BOOST_TEST(!if_none_match_hits("", a));
    BOOST_TEST(!if_none_match_hits("\"x\"", a));
    BOOST_TEST(!if_none_match_hits(a.substr(1, 32), a));  // unquoted
}
