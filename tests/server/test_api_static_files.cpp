// The static files against the real server binary (--static-dir): the
// precompressed variant the request accepts (br > gzip > identity, q=0
// honoured, never compressed on the fly), Vary, the content type, strong
// ETags with 304, and the caching that makes a repeat visit free: content-
// hashed names immutable for a year, /embed revalidated on every visit, the
// loader pay-widget.js at a stable URL with a short max-age.
#define BOOST_TEST_MODULE api_static_files
#include <boost/test/unit_test.hpp>

#include "raw_reply.hpp"
#include "server_process.hpp"

using namespace pws_test;

namespace {

constexpr const char* kWasm = "paywidget.0123456789abcdef.wasm";

// A stand-in for the wasm build directory as wasm/stage_assets.py leaves it.
// The variants hold marker bytes, not real compressed data: the server must
// hand over the file the build made, whatever it holds.
void write_static(const std::string& dir) {
    std::filesystem::create_directories(dir + "/pages");
    const auto put = [&](const std::string& name, const std::string& bytes) {
        std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
    };
    for (const std::string& f : {std::string("embed.html"), std::string(kWasm), std::string("pay-widget.js")}) {
        put(f, "identity of " + f);
        put(f + ".br", "br of " + f);
        put(f + ".gz", "gzip of " + f);
    }
    put("pages/site.css", "body{margin:0}\n");  // no variants
}

struct Env {
    TempDir dir;
    std::string static_dir = (write_static(dir.file("static")), dir.file("static"));
    ServerProcess server{dir.path().string(), {"--static-dir", static_dir}};
    Env() { BOOST_REQUIRE(server.start()); }
};

Env& env() {
    static Env e;
    return e;
}

RawReply send(const std::string& method, const std::string& path, pwhttp::Headers headers = {}) {
    auto c = env().server.client();
    return to_raw_reply(method == "HEAD" ? c->Head(path, headers) : c->Get(path, headers));
}

RawReply get(const std::string& path, const std::string& accept_encoding) {
    pwhttp::Headers h;
    if (!accept_encoding.empty()) h.emplace("Accept-Encoding", accept_encoding);
    return send("GET", path, h);
}

RawReply revalidate(const std::string& path, const std::string& if_none_match) {
    return send("GET", path, {{"Accept-Encoding", "gzip, deflate, br"}, {"If-None-Match", if_none_match}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(best_accepted_variant_is_served) {
    struct Case {
        const char* accept;
        const char* coding;  // "" : identity
    };
    const Case cases[] = {
        {"gzip, deflate, br", "br"},         // what Chromium sends
        {"br", "br"},
        {"gzip", "gzip"},
        {"deflate, gzip;q=0.5", "gzip"},
        {"br;q=0, gzip", "gzip"},
        {"gzip, BR;Q=0.000", "gzip"},
        {"*", "br"},
        {"*;q=0, gzip", "gzip"},
        {"br;q=0, *", "gzip"},
        {"", ""},                            // no Accept-Encoding at all
        {"identity", ""},
        {"deflate", ""},
        {"br;q=0, gzip;q=0", ""},
        {"*;q=0", ""},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT("Accept-Encoding: " << c.accept) {
            for (const std::string& path : {std::string("/") + kWasm, std::string("/pay-widget.js"), std::string("/embed")}) {
                BOOST_TEST_CONTEXT(path) {
                    RawReply r = get(path, c.accept);
                    BOOST_REQUIRE(r.status == 200);
                    const std::string file = path == "/embed" ? "embed.html" : path.substr(1);
                    const std::string coding = c.coding;
                    BOOST_TEST(r.header("Content-Encoding") == coding);
                    BOOST_TEST(r.count("Content-Encoding") == (coding.empty() ? 0u : 1u));
                    const std::string marker = coding.empty() ? "identity" : coding;
                    BOOST_TEST(r.body == marker + " of " + file);
                    BOOST_TEST(r.header("Vary").find("Accept-Encoding") != std::string::npos);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_file_without_variants_is_sent_as_it_is) {
    RawReply r = get("/pages/site.css", "gzip, deflate, br");
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body == "body{margin:0}\n");
    BOOST_TEST(r.count("Content-Encoding") == 0u);
    BOOST_TEST(r.header("Content-Type").rfind("text/css", 0) == 0u);
    BOOST_TEST(r.header("Cache-Control") == "public, max-age=300");
    BOOST_TEST(!r.header("ETag").empty());
}

BOOST_AUTO_TEST_CASE(content_types_follow_the_plain_name_not_the_variant) {
    BOOST_TEST(get(std::string("/") + kWasm, "br").header("Content-Type") == "application/wasm");
    BOOST_TEST(get(std::string("/") + kWasm, "").header("Content-Type") == "application/wasm");
    BOOST_TEST(get("/pay-widget.js", "gzip").header("Content-Type").rfind("text/javascript", 0) == 0u);
    BOOST_TEST(get("/embed", "br").header("Content-Type") == "text/html; charset=utf-8");
}

BOOST_AUTO_TEST_CASE(hashed_names_are_cached_forever_and_unknown_ones_are_404) {
    RawReply r = get(std::string("/") + kWasm, "br");
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.header("Cache-Control") == "public, max-age=31536000, immutable");
    // A name the build never made (an old page, a guess) must not be cached.
    RawReply unknown = get("/paywidget.fedcba9876543210.wasm", "br");
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(unknown.header("Cache-Control") == "no-store");
    BOOST_TEST(get(std::string("/") + kWasm + ".map", "").status == 404);
}

BOOST_AUTO_TEST_CASE(embed_and_loader_revalidate_with_a_strong_etag) {
    struct Case {
        const char* path;
        const char* cache_control;
    };
    for (const Case& c : {Case{"/embed", "no-cache"}, Case{"/pay-widget.js", "public, max-age=300"},
                          Case{"/embed?practice=prc_none", "no-cache"}}) {
        BOOST_TEST_CONTEXT(c.path) {
            RawReply first = get(c.path, "gzip, deflate, br");
            BOOST_REQUIRE(first.status == 200);
            BOOST_TEST(first.header("Cache-Control") == c.cache_control);
            const std::string etag = first.header("ETag");
            BOOST_REQUIRE(etag.size() > 2);
            BOOST_TEST(etag.front() == '"');  // strong: no W/
            BOOST_TEST(etag.back() == '"');

            for (const std::string& inm : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
                BOOST_TEST_CONTEXT("If-None-Match: " << inm) {
                    RawReply again = revalidate(c.path, inm);
                    BOOST_TEST(again.status == 304);
                    BOOST_TEST(again.body.empty());
                    BOOST_TEST(again.header("ETag") == etag);
                    BOOST_TEST(again.header("Cache-Control") == c.cache_control);
                    BOOST_TEST(again.header("Vary").find("Accept-Encoding") != std::string::npos);
                }
            }
            RawReply changed = revalidate(c.path, "\"0123\"");
            BOOST_TEST(changed.status == 200);
            BOOST_TEST(changed.body == first.body);
            // The br bytes and the identity bytes are different representations.
            RawReply plain = get(c.path, "");
            BOOST_TEST(plain.header("ETag") != etag);
            BOOST_TEST(revalidate(c.path, etag).status == 304);
            BOOST_TEST(send("GET", c.path, {{"If-None-Match", etag}}).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_rebuilt_page_gets_a_new_etag_without_a_restart) {
    const std::string page = env().static_dir + "/embed.html";
    const std::string before = get("/embed", "").header("ETag");
    std::ofstream(page, std::ios::binary) << "identity of embed.html, rebuilt";
    RawReply r = send("GET", "/embed", {{"If-None-Match", before}});
    std::ofstream(page, std::ios::binary) << "identity of embed.html";  // as the other cases expect
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == "identity of embed.html, rebuilt");
    BOOST_TEST(r.header("ETag") != before);
    BOOST_TEST(send("GET", "/embed", {{"If-None-Match", before}}).status == 304);
}

BOOST_AUTO_TEST_CASE(head_sends_the_headers_of_get_without_a_body) {
    RawReply g = get(std::string("/") + kWasm, "gzip");
    RawReply h = send("HEAD", std::string("/") + kWasm, {{"Accept-Encoding", "gzip"}});
    BOOST_REQUIRE(h.status == 200);
    BOOST_TEST(h.body.empty());
    BOOST_TEST(h.header("Content-Encoding") == "gzip");
    BOOST_TEST(h.header("ETag") == g.header("ETag"));
    BOOST_TEST(h.header("Content-Length") == std::to_string(g.body.size()));
    BOOST_TEST(h.header("Content-Type") == "application/wasm");
}

BOOST_AUTO_TEST_CASE(a_range_request_gets_the_whole_file) {
    RawReply r = send("GET", std::string("/") + kWasm, {{"Accept-Encoding", "br"}, {"Range", "bytes=0-3"}});
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == std::string("br of ") + kWasm);
    BOOST_TEST(r.count("Content-Range") == 0u);
}
