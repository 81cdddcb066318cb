// What depends on where the host sits, against the real binary:
// --trusted-proxy (only a proxy in range is believed about the client's
// address), Strict-Transport-Security behind an https public URL, and
// cookie-authenticated writes from another site refused with 403.
#define BOOST_TEST_MODULE api_proxy_and_origin
#include <boost/test/unit_test.hpp>

#include "admin_api.hpp"
#include "server_process.hpp"

using namespace pws_test;

namespace {

// The access log's client for the one request made with this marker path.
std::string logged_client(const ServerProcess& s, const std::string& marker) {
    const std::string out = s.stdout_text();
    const std::size_t at = out.find(marker);
    if (at == std::string::npos) return "";
    const std::size_t c = out.find("\"client\":\"", at);
    if (c == std::string::npos) return "";
    const std::size_t start = c + 10;
    return out.substr(start, out.find('"', start) - start);
}

void settle_log() { std::this_thread::sleep_for(std::chrono::milliseconds(100)); }

}  // namespace

BOOST_AUTO_TEST_CASE(forwarded_for_is_believed_only_from_a_trusted_proxy_range) {
    TempDir dir;
    ServerProcess plain(dir.path().string());
    BOOST_REQUIRE(plain.start());
    plain.client()->Get("/healthz?plain", {{"X-Forwarded-For", "203.0.113.7"}});
    settle_log();
    BOOST_TEST(logged_client(plain, "/healthz?plain") == "127.0.0.1");
    plain.terminate();

    TempDir dir2;
    ServerProcess proxied(dir2.path().string(), {"--trusted-proxy", "127.0.0.0/8", "--trusted-proxy", "10.0.0.0/8"});
    BOOST_REQUIRE(proxied.start());
    proxied.client()->Get("/healthz?proxied", {{"X-Forwarded-For", "203.0.113.7, 10.1.2.3"}});
    settle_log();
    // The right-most hop outside the trusted ranges is the client.
    BOOST_TEST(logged_client(proxied, "/healthz?proxied") == "203.0.113.7");
}

BOOST_AUTO_TEST_CASE(a_malformed_trusted_proxy_stops_the_start) {
    TempDir dir;
    ServerProcess s(dir.path().string(), {"--trusted-proxy", "10.0.0.0/40"});
    BOOST_TEST(!s.start());
}

BOOST_AUTO_TEST_CASE(hsts_only_behind_an_https_public_url) {
    TempDir dir;
    ServerProcess https(dir.path().string(), {"--public-url", "https://pay.example.com"});
    BOOST_REQUIRE(https.start());
    auto r = https.client()->Get("/healthz");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->get_header_value("Strict-Transport-Security") == "max-age=63072000; includeSubDomains");
    https.terminate();
    TempDir dir2;
    ServerProcess http(dir2.path().string());
    BOOST_REQUIRE(http.start());
    auto r2 = http.client()->Get("/healthz");
    BOOST_REQUIRE(r2);
    BOOST_TEST(!r2->has_header("Strict-Transport-Security"));
}

BOOST_AUTO_TEST_CASE(cookie_writes_from_another_site_are_refused) {
    TempDir dir;
    ServerProcess s(dir.path().string(), {"--public-url", "https://pay.example.com"});
    BOOST_REQUIRE(s.start());
    auto c = s.client();
    const std::string body = R"({"email":"a@example.com","password":"whatever-password"})";
    // Under https the cookie is "__Host-pw_session".
    auto cross = c->Post("/api/v1/session", {{"Cookie", "__Host-pw_session=x"}, {"Sec-Fetch-Site", "cross-site"}}, body,
                         "application/json");
    BOOST_REQUIRE(cross);
    BOOST_TEST(cross->status == 403);
    BOOST_TEST(cross->body.find("\"forbidden\"") != std::string::npos);
    auto evil = c->Delete("/api/v1/session", {{"Cookie", "__Host-pw_session=x"}, {"Origin", "https://evil.example"}});
    BOOST_REQUIRE(evil);
    BOOST_TEST(evil->status == 403);
    // The same request from the host's own pages goes through (and fails
    // for its own reason: no such client).
    auto own = c->Post("/api/v1/session",
                       {{"Cookie", "__Host-pw_session=x"}, {"Sec-Fetch-Site", "same-origin"}, {"Origin", "https://pay.example.com"}},
                       body, "application/json");
    BOOST_REQUIRE(own);
    BOOST_TEST(own->status != 403);
    // Without the cookie (a link payer in a practice's embed) nothing changes.
    auto embed = c->Post("/api/v1/tokens", {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://clinic.example"}},
                         "{}", "application/json");
    BOOST_REQUIRE(embed);
    BOOST_TEST(embed->status != 403);
}

BOOST_AUTO_TEST_CASE(the_session_cookie_is_host_prefixed_under_https) {
    TempDir dir;
    Seeder seed(dir.path().string());
    const AdminPractice practice = make_admin_practice(seed);
    BOOST_REQUIRE(seed.ok());
    ServerProcess https(dir.path().string(), {"--public-url", "https://pay.example.com"});
    BOOST_REQUIRE(https.start());
    auto c = https.client();
    const std::string mail = "host-cookie-" + pws::random_token(8) + "@example.com";
    BOOST_REQUIRE(!create_client(*c, practice.key, mail, "portal secret 123").empty());
    const Reply in = login(*c, mail, "portal secret 123");
    BOOST_REQUIRE(in.status == 200);
    const std::string cookie = set_cookie_header(in);
    BOOST_TEST(cookie.rfind("__Host-pw_session=", 0) == 0, cookie);
    BOOST_TEST(cookie.find("; Secure") != std::string::npos);
    BOOST_TEST(cookie.find("; Path=/") != std::string::npos);
    BOOST_TEST(cookie.find("Domain") == std::string::npos);
    const std::string session = cookie.substr(18, cookie.find(';') - 18);
    // The prefixed cookie is the session; the bare name is not read.
    auto me = c->Get("/api/v1/me/invoices", {{"Cookie", "__Host-pw_session=" + session}});
    BOOST_REQUIRE(me);
    BOOST_TEST(me->status == 200);
    auto bare = c->Get("/api/v1/me/invoices", {{"Cookie", "pw_session=" + session}});
    BOOST_REQUIRE(bare);
    BOOST_TEST(bare->status == 401);
    // The cross-site check knows the prefixed name.
    auto cross = c->Delete("/api/v1/session", {{"Cookie", "__Host-pw_session=" + session}, {"Sec-Fetch-Site", "cross-site"}});
    BOOST_REQUIRE(cross);
    BOOST_TEST(cross->status == 403);
}
