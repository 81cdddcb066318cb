#define BOOST_TEST_MODULE url
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/url.hpp"

BOOST_AUTO_TEST_CASE(unreserved_characters_pass_through) {
    BOOST_TEST(pw::percent_encode("AZaz09-_.~") == "AZaz09-_.~");
    BOOST_TEST(pw::percent_encode("") == "");
}

BOOST_AUTO_TEST_CASE(everything_else_is_encoded_as_upper_case_hex) {
    BOOST_TEST(pw::percent_encode("/portal/invoices/inv_1") == "%2Fportal%2Finvoices%2Finv_1");
    BOOST_TEST(pw::percent_encode("a b?c=d&e#f") == "a%20b%3Fc%3Dd%26e%23f");
    BOOST_TEST(pw::percent_encode("%") == "%25");
    BOOST_TEST(pw::percent_encode("\xE2\x80\xA2") == "%E2%80%A2");  // U+2022, byte by byte
    BOOST_TEST(pw::percent_encode(std::string("\0\xff", 2)) == "%00%FF");
}

BOOST_AUTO_TEST_CASE(embed_origins_are_https_or_loopback_http) {
    BOOST_TEST(pw::valid_embed_origin("https://practice.example"));
    BOOST_TEST(pw::valid_embed_origin("https://practice.example:8443"));
    BOOST_TEST(pw::valid_embed_origin("http://localhost:8081"));
    BOOST_TEST(pw::valid_embed_origin("http://127.0.0.1"));
    BOOST_TEST(!pw::valid_embed_origin("http://practice.example"));
    BOOST_TEST(!pw::valid_embed_origin("http://127.0.0.1.evil.example"));
    BOOST_TEST(!pw::valid_embed_origin("http://localhost.evil.example"));
    BOOST_TEST(!pw::valid_embed_origin("https://practice.example/path"));
    BOOST_TEST(!pw::valid_embed_origin("HTTPS://practice.example"));
    BOOST_TEST(!pw::valid_embed_origin("*"));
}
