// What depends on where the host sits, against the real binary:
// --trusted-proxy (only a proxy in range is believed about the client's
// address and scheme; plain http it reports is redirected or refused under
// an https public URL; the proxy is not held to the per-address connection
// cap), Strict-Transport-Security behind an https public URL, and
// cookie-authenticated writes from another site refused with 403.
#define BOOST_TEST_MODULE api_proxy_and_origin
#include <boost/test/unit_test.hpp>

#include <vector>

#include "admin_api.hpp"
#include "raw_socket.hpp"
#include "server_process.hpp"

using namespace pws_test;

namespace {

// A string member of the access log line of the one request made with this
// marker path ("" when there is none).
std::string logged(const ServerProcess& s, const std::string& marker, const std::string& member) {
    const std::string out = s.stdout_text();
    const std::size_t at = out.find(marker);
    if (at == std::string::npos) return "";
    const std::string key = "\"" + member + "\":\"";
    const std::size_t c = out.find(key, at);
    if (c == std::string::npos) return "";
    const std::size_t start = c + key.size();
    return out.substr(start, out.find('"', start) - start);
}
std::string logged_client(const ServerProcess& s, const std::string& marker) { return logged(s, marker, "client"); }
std::string logged_scheme(const ServerProcess& s, const std::string& marker) { return logged(s, marker, "scheme"); }

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

BOOST_AUTO_TEST_CASE(plain_http_reported_by_the_trusted_proxy_is_redirected_or_refused) {
    TempDir dir;
    ServerProcess s(dir.path().string(), {"--public-url", "https://pay.example.com", "--trusted-proxy", "127.0.0.1"});
    BOOST_REQUIRE(s.start());
    auto c = s.client();
    // GET and HEAD: 308 to the same path and query on the https origin.
    auto get = c->Get("/pay/some-link?plain=1", {{"X-Forwarded-Proto", "http"}});
    BOOST_REQUIRE(get);
    BOOST_TEST(get->status == 308);
    BOOST_TEST(get->get_header_value("Location") == "https://pay.example.com/pay/some-link?plain=1");
    BOOST_TEST(get->has_header("Strict-Transport-Security"));
    auto head = c->Head("/healthz?head", {{"X-Forwarded-Proto", "HTTP"}});
    BOOST_REQUIRE(head);
    BOOST_TEST(head->status == 308);
    BOOST_TEST(head->get_header_value("Location") == "https://pay.example.com/healthz?head");
    // Anything else is refused, not acted on: card data sent in the clear
    // is never tokenized.
    auto post = c->Post("/api/v1/tokens", {{"X-Forwarded-Proto", "http"}, {"Authorization", "Link nope"}},
                        R"({"type":"card","number":"4242424242424242","exp":"12/34","cvc":"123"})", "application/json");
    BOOST_REQUIRE(post);
    BOOST_TEST(post->status == 403);
    BOOST_TEST(post->body.find("\"https_required\"") != std::string::npos);
    // A client's own "https" in front of the proxy's "http" gains nothing:
    // the right-most value is the proxy's.
    auto spoof = c->Get("/healthz?spoof", {{"X-Forwarded-Proto", "https, http"}});
    BOOST_REQUIRE(spoof);
    BOOST_TEST(spoof->status == 308);
    // Over https the request is served, and the log says so.
    auto secure = c->Get("/healthz?secure", {{"X-Forwarded-Proto", "https"}});
    BOOST_REQUIRE(secure);
    BOOST_TEST(secure->status == 200);
    settle_log();
    BOOST_TEST(logged_scheme(s, "/healthz?secure") == "https");
    BOOST_TEST(logged_scheme(s, "/pay/[redacted]?plain=1") == "http");
}

BOOST_AUTO_TEST_CASE(forwarded_proto_is_ignored_from_an_untrusted_peer_and_without_https) {
    // The peer (127.0.0.1) is not a trusted proxy: its header is a claim
    // anybody could make.
    TempDir dir;
    ServerProcess untrusted(dir.path().string(), {"--public-url", "https://pay.example.com", "--trusted-proxy", "10.0.0.0/8"});
    BOOST_REQUIRE(untrusted.start());
    auto r = untrusted.client()->Get("/healthz?untrusted", {{"X-Forwarded-Proto", "http"}});
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 200);
    auto claim = untrusted.client()->Get("/healthz?claims-https", {{"X-Forwarded-Proto", "https"}});
    BOOST_REQUIRE(claim);
    settle_log();
    BOOST_TEST(logged_scheme(untrusted, "/healthz?claims-https") == "http");
    untrusted.terminate();
    // A public URL that is plain http has nothing to redirect to.
    TempDir dir2;
    ServerProcess http(dir2.path().string(), {"--public-url", "http://pay.example.com", "--trusted-proxy", "127.0.0.1"});
    BOOST_REQUIRE(http.start());
    auto r2 = http.client()->Get("/healthz", {{"X-Forwarded-Proto", "http"}});
    BOOST_REQUIRE(r2);
    BOOST_TEST(r2->status == 200);
}

BOOST_AUTO_TEST_CASE(a_trusted_proxy_is_not_held_to_the_per_address_connection_cap) {
    // A proxy carries many clients over its own address: 300 connections
    // from it (the per-address cap is 256) are all served. The global cap
    // (20,000) still holds.
    raise_file_limit();
    TempDir dir;
    ServerProcess s(dir.path().string(), {"--trusted-proxy", "127.0.0.0/8"});
    BOOST_REQUIRE(s.start());
    std::vector<RawSocket> held = open_connections(s.port(), "127.0.7.7", 300);
    BOOST_REQUIRE(held.size() == 300u);
    BOOST_REQUIRE(held.back().send_all("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.1\r\n\r\n"));
    BOOST_TEST(status_of(held.back().read_response()) == 200);
    RawSocket more(s.port(), "127.0.7.7");
    BOOST_REQUIRE(more.send_all("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    BOOST_TEST(status_of(more.read_response()) == 200);
}
