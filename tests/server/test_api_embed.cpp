// GET /embed against the real server binary: the widget page is served from
// --static-dir, and it is the one page that may be framed: always by this
// host's own pages (/pay, /portal: frame-ancestors 'self'), and by a
// practice's own site when ?practice=<id> names its embed_origins. Every
// other page denies framing.
#define BOOST_TEST_MODULE api_embed
#include <boost/test/unit_test.hpp>

#include "raw_reply.hpp"
#include "server_process.hpp"

using namespace pws_test;

namespace {

constexpr const char* kPage =
    "<!doctype html><title>Pay invoice</title><script src=\"embed.js\"></script>\n";

// A stand-in for the wasm build directory: the page and one static file.
void write_static(const std::string& dir) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/embed.html", std::ios::binary) << kPage;
    std::ofstream(dir + "/embed.css", std::ios::binary) << "body{margin:0}\n";
}

struct Env {
    TempDir dir;
    std::string static_dir = (write_static(dir.file("static")), dir.file("static"));
    Seeder seed{dir.path().string()};
    std::string framable = practice_with({"https://practice.example", "http://localhost:8081"});
    // Stored past the API's validation: plain http off this machine never frames the widget.
    std::string plain_http = practice_with({"http://practice.example", "https://ok.example"});
    std::string unframable = practice_with({});
    // Written straight into the store, past the admin API's validation: the
    // header must still never carry an injected directive.
    std::string hostile = practice_with({"https://evil.example; script-src *", "*", "https://x.example/path"});
    ServerProcess server{dir.path().string(), {"--static-dir", static_dir}};
    Env() {
        BOOST_REQUIRE(seed.ok());
        BOOST_REQUIRE(server.start());
    }
    std::string practice_with(std::vector<std::string> origins) {
        const std::string id = seed.practice();
        pws::PracticeSettings s;
        s.embed_origins = std::move(origins);
        pw::Error e = seed.store().write_transaction(
            [&](pws::WriteTxn& t) { return t.update_settings(id, s); });
        BOOST_REQUIRE(!e);
        return id;
    }
};

Env& env() {
    static Env e;
    return e;
}

struct Page : RawReply {
    // The frame-ancestors directive's sources, e.g. "'none'".
    std::string frame_ancestors() const {
        const std::string csp = header("Content-Security-Policy");
        const std::string key = "frame-ancestors ";
        const auto at = csp.find(key);
        if (at == std::string::npos) return "<missing>";
        const auto end = csp.find(';', at);
        return csp.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
    }
};

Page get(const std::string& path) {
    auto c = env().server.client();
    return Page{to_raw_reply(c->Get(path.c_str()))};
}

}  // namespace

BOOST_AUTO_TEST_CASE(embed_serves_the_widget_page_with_a_strict_policy) {
    Page p = get("/embed");
    BOOST_REQUIRE(p.status == 200);
    BOOST_TEST(p.body == kPage);
    BOOST_TEST(p.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(p.header("Referrer-Policy") == "no-referrer");
    BOOST_TEST(p.header("X-Content-Type-Options") == "nosniff");
    BOOST_REQUIRE(p.count("Content-Security-Policy") == 1u);
    const std::string csp = p.header("Content-Security-Policy");
    // The widget compiles WebAssembly and loads only its own files.
    BOOST_TEST(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
    BOOST_TEST(csp.find("style-src 'self'") != std::string::npos);
    BOOST_TEST(csp.find("connect-src 'self'") != std::string::npos);
    BOOST_TEST(csp.find("unsafe-inline") == std::string::npos);
    BOOST_TEST(csp.find("'unsafe-eval'") == std::string::npos);
    // No practice named: only this host's own pages (/pay, /portal) may frame it.
    BOOST_TEST(p.frame_ancestors() == "'self'");
    BOOST_TEST(p.header("X-Frame-Options") == "SAMEORIGIN");
}

BOOST_AUTO_TEST_CASE(embed_lets_the_practice_origins_frame_it) {
    Page p = get("/embed?practice=" + env().framable);
    BOOST_REQUIRE(p.status == 200);
    BOOST_TEST(p.body == kPage);
    BOOST_REQUIRE(p.count("Content-Security-Policy") == 1u);
    BOOST_TEST(p.frame_ancestors() == "'self' https://practice.example http://localhost:8081");
    // X-Frame-Options cannot list origins and would block them.
    BOOST_TEST(p.count("X-Frame-Options") == 0u);
    BOOST_TEST(p.header("Referrer-Policy") == "no-referrer");
    BOOST_TEST(p.header("Content-Security-Policy").find("'wasm-unsafe-eval'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(embed_allows_only_this_host_for_a_practice_without_origins) {
    Page p = get("/embed?practice=" + env().unframable);
    BOOST_REQUIRE(p.status == 200);
    BOOST_TEST(p.frame_ancestors() == "'self'");
    BOOST_TEST(p.header("X-Frame-Options") == "SAMEORIGIN");
}

BOOST_AUTO_TEST_CASE(embed_allows_only_this_host_for_unknown_or_malformed_practices) {
    const std::vector<std::string> queries = {
        "?practice=prc_does_not_exist",
        "?practice=",
        "?practice=%27self%27%3B%20script-src%20*",     // 'self'; script-src *
        "?practice=" + env().framable + "%00",          // a known id plus a NUL
        "?practice=" + env().framable + "x",            // a near miss
        "?practice=" + std::string(5000, 'a'),
        "?PRACTICE=" + env().framable,                  // names are case-sensitive
    };
    for (const std::string& q : queries) {
        Page p = get("/embed" + q);
        BOOST_TEST_CONTEXT(q.substr(0, 80)) {
            BOOST_TEST(p.status == 200);
            BOOST_TEST(p.frame_ancestors() == "'self'");
            BOOST_TEST(p.header("X-Frame-Options") == "SAMEORIGIN");
            BOOST_TEST(p.count("Content-Security-Policy") == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(embed_drops_unsafe_stored_origins) {
    Page p = get("/embed?practice=" + env().hostile);
    BOOST_REQUIRE(p.status == 200);
    const std::string csp = p.header("Content-Security-Policy");
    BOOST_TEST(csp.find("evil.example") == std::string::npos);
    BOOST_TEST(csp.find("script-src *") == std::string::npos);
    BOOST_TEST(csp.find("x.example/path") == std::string::npos);
    BOOST_TEST(p.frame_ancestors() == "'self'");
    BOOST_TEST(p.header("X-Frame-Options") == "SAMEORIGIN");
}

BOOST_AUTO_TEST_CASE(embed_is_never_framed_by_plain_http_off_this_machine) {
    Page p = get("/embed?practice=" + env().plain_http);
    BOOST_REQUIRE(p.status == 200);
    BOOST_TEST(p.frame_ancestors() == "'self' https://ok.example");
}

BOOST_AUTO_TEST_CASE(embed_follows_settings_changes_without_restart) {
    const std::string id = env().practice_with({"https://before.example"});
    BOOST_TEST(get("/embed?practice=" + id).frame_ancestors() == "'self' https://before.example");
    pws::PracticeSettings s;
    s.embed_origins = {"https://after.example"};
    BOOST_REQUIRE(!env().seed.store().write_transaction([&](pws::WriteTxn& t) { return t.update_settings(id, s); }));
    Page p = get("/embed?practice=" + id);
    BOOST_TEST(p.frame_ancestors() == "'self' https://after.example");
    BOOST_TEST(p.header("Cache-Control").find("no-store") == std::string::npos);  // page itself is not secret
}

BOOST_AUTO_TEST_CASE(other_pages_are_never_framable) {
    // The practice parameter only means something on /embed.
    for (const char* path : {"/embed.html?practice=", "/embed.css?practice=", "/healthz?practice="}) {
        Page p = get(std::string(path) + env().framable);
        BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(p.status == 200);
            BOOST_TEST(p.frame_ancestors() == "'none'");
            BOOST_TEST(p.header("X-Frame-Options") == "DENY");
        }
    }
    Page sub = get("/embed/x?practice=" + env().framable);
    BOOST_TEST(sub.status == 404);
    BOOST_TEST(sub.frame_ancestors() == "'none'");
}

BOOST_AUTO_TEST_CASE(embed_is_404_without_a_static_dir) {
    TempDir other;
    ServerProcess bare{other.path().string()};
    BOOST_REQUIRE(bare.start());
    auto c = bare.client();
    auto r = c->Get("/embed");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 404);
    auto body = json::parse(r->body, nullptr, false);
    BOOST_TEST(body.is_object());
    BOOST_TEST(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
}

// /embed?practice=B lets B's site frame the widget, but the link token rides
// in the fragment, which the server never sees: the widget names B in
// Paywidget-Embed-Practice, and a link of practice A is then unknown, on
// every call the link authorizes.
BOOST_AUTO_TEST_CASE(a_framed_widget_cannot_open_a_link_of_another_practice) {
    Env& e = env();
    const std::string owner = e.framable;
    const std::string other = e.plain_http;
    const std::string client_id = e.seed.client(owner);
    const std::string invoice_id = e.seed.invoice(owner, client_id);
    const SeededLink link = e.seed.link(owner, invoice_id);
    auto c = e.server.client();
    auto lookup = [&](const pwhttp::Headers& h) { return to_reply(c->Get("/api/v1/links/" + link.token, h)); };

    BOOST_TEST(lookup({}).status == 200);  // the host's own /pay page names no practice
    BOOST_TEST(lookup({{"Paywidget-Embed-Practice", owner}}).status == 200);
    Reply foreign = lookup({{"Paywidget-Embed-Practice", other}});
    BOOST_TEST(foreign.status == 404);
    BOOST_TEST(foreign.error_code() == "link_unknown");
    // Nothing about the invoice or its practice leaks into the answer.
    BOOST_TEST(foreign.body.dump().find(invoice_id) == std::string::npos);
    BOOST_TEST(!foreign.body.contains("practitioner"));

    // Tokens and payments, authorized by the same link, refuse it the same way.
    pwhttp::Headers h = link_auth(link.token);
    h.emplace("Paywidget-Embed-Practice", other);
    Reply token = to_reply(c->Post("/api/v1/tokens", h, card_body("4242424242424242").dump(), "application/json"));
    BOOST_TEST(token.status == 404);
    BOOST_TEST(token.error_code() == "link_unknown");
    const std::string good = card_token(*c, link.token);
    BOOST_REQUIRE(!good.empty());
    h.emplace("Idempotency-Key", new_key());
    Reply pay = to_reply(c->Post("/api/v1/invoices/" + invoice_id + "/payments", h, pay_body(10000, good).dump(),
                                 "application/json"));
    BOOST_TEST(pay.status == 404);
    BOOST_TEST(pay.error_code() == "link_unknown");
    BOOST_TEST(e.seed.payments(invoice_id).empty());
}
