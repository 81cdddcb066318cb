// --trusted-proxy ranges (http/address_range.hpp) and the cross-site write
// check (http/cross_site.hpp) as plain functions.
#define BOOST_TEST_MODULE address_range
#include <boost/test/unit_test.hpp>

#include "http/address_range.hpp"
#include "http/cross_site.hpp"

BOOST_AUTO_TEST_CASE(ranges_parse_addresses_and_prefixes) {
    BOOST_TEST(pws::parse_address_range("10.0.0.0/8").has_value());
    BOOST_TEST(pws::parse_address_range("192.0.2.1").value().prefix == 32);
    BOOST_TEST(pws::parse_address_range("::1").value().prefix == 128);
    BOOST_TEST(pws::parse_address_range("2001:db8::/32").value().v6);
    for (const char* bad : {"", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0/8", "::1/129", "host.example",
                            "10.0.0.0/-1", "10.0.0.0/8 "})
        BOOST_TEST(!pws::parse_address_range(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(addresses_fall_in_their_ranges_only) {
    const auto net = pws::parse_address_range("10.1.0.0/16").value();
    BOOST_TEST(pws::in_range("10.1.255.7", net));
    BOOST_TEST(!pws::in_range("10.2.0.1", net));
    BOOST_TEST(pws::in_range("::ffff:10.1.2.3", net));  // IPv4-mapped peer
    BOOST_TEST(!pws::in_range("2001:db8::1", net));
    const auto odd = pws::parse_address_range("192.0.2.128/25").value();
    BOOST_TEST(pws::in_range("192.0.2.200", odd));
    BOOST_TEST(!pws::in_range("192.0.2.127", odd));
    const auto v6 = pws::parse_address_range("2001:db8::/32").value();
    BOOST_TEST(pws::in_range("2001:db8:ffff::1", v6));
    BOOST_TEST(!pws::in_range("2001:db9::1", v6));
    BOOST_TEST(pws::in_any_range("127.0.0.1", {"nonsense", "127.0.0.0/8"}));
    BOOST_TEST(!pws::in_any_range("127.0.0.1", {"nonsense"}));
    BOOST_TEST(pws::in_range("1.2.3.4", pws::parse_address_range("0.0.0.0/0").value()));
}

BOOST_AUTO_TEST_CASE(origin_of_a_url) {
    BOOST_TEST(pws::origin_of("https://pay.example.com/x/y") == "https://pay.example.com");
    BOOST_TEST(pws::origin_of("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
    BOOST_TEST(pws::origin_of("") == "");
    BOOST_TEST(pws::origin_of("pay.example.com") == "");
}

BOOST_AUTO_TEST_CASE(only_cookie_authenticated_writes_from_elsewhere_are_cross_site) {
    auto request = [](const char* method, std::initializer_list<std::pair<const char*, const char*>> headers) {
        pws::http::Request r;
        r.method = method;
        for (const auto& [k, v] : headers) r.set_header(k, v);
        return r;
    };
    const char* origin = "https://pay.example.com";
    const char* cookie = "pw_session";
    BOOST_TEST(pws::is_cross_site_write(
        request("POST", {{"Cookie", "pw_session=abc"}, {"Sec-Fetch-Site", "cross-site"}}), origin, cookie));
    BOOST_TEST(pws::is_cross_site_write(
        request("DELETE", {{"Cookie", "a=1; pw_session=abc"}, {"Sec-Fetch-Site", "same-site"}}), origin, cookie));
    BOOST_TEST(pws::is_cross_site_write(
        request("POST", {{"Cookie", "pw_session=abc"}, {"Origin", "https://evil.example"}}), origin, cookie));
    BOOST_TEST(pws::is_cross_site_write(request("POST", {{"Cookie", "pw_session=abc"}, {"Origin", "null"}}),
                                        origin, cookie));
    // Same origin, a read, no cookie (link token or admin key), another
    // cookie that merely ends with the name: not refused.
    BOOST_TEST(!pws::is_cross_site_write(
        request("POST", {{"Cookie", "pw_session=abc"}, {"Sec-Fetch-Site", "same-origin"}, {"Origin", origin}}),
        origin, cookie));
    BOOST_TEST(!pws::is_cross_site_write(
        request("GET", {{"Cookie", "pw_session=abc"}, {"Sec-Fetch-Site", "cross-site"}}), origin, cookie));
    BOOST_TEST(!pws::is_cross_site_write(request("POST", {{"Sec-Fetch-Site", "cross-site"}}), origin, cookie));
    BOOST_TEST(!pws::is_cross_site_write(
        request("POST", {{"Cookie", "xpw_session=abc"}, {"Sec-Fetch-Site", "cross-site"}}), origin, cookie));
    // The Host the browser used names the origin too (a demo reached as
    // localhost while configured as 127.0.0.1).
    BOOST_TEST(!pws::is_cross_site_write(
        request("POST", {{"Cookie", "pw_session=abc"}, {"Host", "localhost:8080"}, {"Origin", "http://localhost:8080"}}),
        origin, cookie));
    BOOST_TEST(pws::is_cross_site_write(
        request("POST", {{"Cookie", "pw_session=abc"}, {"Host", "localhost:8080"}, {"Origin", "http://evil.example"}}),
        origin, cookie));
    // Sec-Fetch-Site decides when the browser sends it.
    BOOST_TEST(!pws::is_cross_site_write(
        request("POST", {{"Cookie", "pw_session=abc"}, {"Sec-Fetch-Site", "same-origin"}, {"Origin", "http://x"}}),
        origin, cookie));
}
