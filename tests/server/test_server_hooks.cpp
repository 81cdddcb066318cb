#define BOOST_TEST_MODULE server_hooks
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <unistd.h>

#include <mutex>
#include <stdexcept>
#include <thread>

#include "http_client.hpp"
#include <nlohmann/json.hpp>

#include "http/common_handlers.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/security_headers.hpp"
#include "http/shutdown.hpp"

using namespace std::chrono_literals;

namespace {

const std::string kTok = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";

// The real listener on a free loopback port with the common handlers and a
// few routes standing in for the real ones.
struct LiveServer {
    pws::http::Router server;
    std::unique_ptr<pws::http::Listener> listener;
    std::mutex log_mu;
    std::vector<std::string> log_lines;
    pws::AccessLog log{[this](const std::string& l) {
        std::lock_guard lock(log_mu);
        log_lines.push_back(l);
    }};
    int port = 0;
    std::thread thread;

    LiveServer() {
        pws::CommonHandlerOptions options;
        options.access_log = &log;
        pws::install_common_handlers(server, options);
        server.Post("/api/v1/echo", [](const pws::http::Request& req, pws::http::Response& res) {
            auto body = pws::read_json_body(req, res);
            if (!body) return;
            pws::send_json(res, 200, *body);
        });
        server.Get("/api/v1/throw", [](const pws::http::Request&, pws::http::Response&) {
            throw std::runtime_error("secret internal detail");
        });
        server.Get(R"(/pay/([A-Za-z0-9_-]+))", [](const pws::http::Request&, pws::http::Response& res) {
            res.set_content("<!doctype html><title>Pay</title>", "text/html; charset=utf-8");
        });
        server.Get("/embed", [](const pws::http::Request&, pws::http::Response& res) {
            pws::allow_framing_by(res, {"https://clinic.example"});
            res.set_content("<!doctype html>", "text/html; charset=utf-8");
        });
        pws::http::Limits limits;
        limits.general_workers = limits.processor_workers = 4;
        listener = std::make_unique<pws::http::Listener>(server, limits, pws::answer_busy);
        std::string error;
        BOOST_REQUIRE(listener->bind("127.0.0.1", 0, error));
        port = listener->port();
        BOOST_REQUIRE(port > 0);
        thread = std::thread([this] { listener->run(); });
    }
    ~LiveServer() {
        listener->stop();
        if (thread.joinable()) thread.join();
    }
    pwhttp::Client client() {
        pwhttp::Client c("127.0.0.1", port);
        c.set_read_timeout(5, 0);
        return c;
    }
    std::vector<std::string> lines() {
        std::lock_guard lock(log_mu);
        return log_lines;
    }
};

nlohmann::json json_of(const std::string& s) { return nlohmann::json::parse(s, nullptr, false); }

void expect_security_headers(const pwhttp::Result& r) {
    BOOST_TEST(r->get_header_value("X-Content-Type-Options") == "nosniff");
    BOOST_TEST(r->get_header_value("Referrer-Policy") == "no-referrer");
    BOOST_TEST(r->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(live, LiveServer)

BOOST_AUTO_TEST_CASE(json_roundtrip_with_headers) {
    auto c = client();
    auto r = c.Post("/api/v1/echo", R"({"amount":2500})", "application/json");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 200);
    BOOST_TEST(json_of(r->body)["amount"] == 2500);
    expect_security_headers(r);
    BOOST_TEST(r->get_header_value("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_CASE(one_megabyte_body_is_413_in_the_error_shape) {
    auto c = client();
    const std::string big = "{\"a\":\"" + std::string(1 << 20, 'x') + "\"}";
    auto r = c.Post("/api/v1/echo", big, "application/json");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 413);
    const auto j = json_of(r->body);
    BOOST_REQUIRE(j.is_object());
    BOOST_TEST(j["error"]["code"] == "body_too_large");
    expect_security_headers(r);
}

BOOST_AUTO_TEST_CASE(malformed_and_deep_json_are_400) {
    auto c = client();
    auto r = c.Post("/api/v1/echo", "{\"a\":", "application/json");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 400);
    BOOST_TEST(json_of(r->body)["error"]["code"] == "invalid_json");
    auto deep = c.Post("/api/v1/echo", std::string(5000, '[') + std::string(5000, ']'), "application/json");
    BOOST_REQUIRE(deep);
    BOOST_TEST(deep->status == 400);
    BOOST_TEST(json_of(deep->body)["error"]["code"] == "too_deeply_nested");
    auto form = c.Post("/api/v1/echo", "a=1", "application/x-www-form-urlencoded");
    BOOST_REQUIRE(form);
    BOOST_TEST(form->status == 415);
}

BOOST_AUTO_TEST_CASE(unknown_route_is_404_json) {
    auto c = client();
    auto r = c.Get("/api/v1/nope");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 404);
    BOOST_TEST(json_of(r->body)["error"]["code"] == "not_found");
    expect_security_headers(r);
    BOOST_TEST(r->get_header_value("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_CASE(escaped_exception_is_a_plain_500) {
    auto c = client();
    auto r = c.Get("/api/v1/throw");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 500);
    BOOST_TEST(json_of(r->body)["error"]["code"] == "internal_error");
    BOOST_TEST(r->body.find("secret internal detail") == std::string::npos);
    BOOST_TEST(!r->has_header("EXCEPTION_WHAT"));
    // The server is still serving.
    auto again = c.Get("/pay/abc");
    BOOST_REQUIRE(again);
    BOOST_TEST(again->status == 200);
}

BOOST_AUTO_TEST_CASE(pay_page_is_not_framable_and_logged_without_its_token) {
    auto c = client();
    auto r = c.Get("/pay/" + kTok + "?token=" + kTok);
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 200);
    BOOST_TEST(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    BOOST_TEST(r->get_header_value("X-Frame-Options") == "DENY");
    BOOST_TEST(r->get_header_value("Referrer-Policy") == "no-referrer");
    // The logger runs after the response is written: wait for the line.
    std::vector<std::string> l;
    for (int i = 0; i < 200 && (l = lines()).empty(); ++i) std::this_thread::sleep_for(5ms);
    BOOST_REQUIRE(l.size() == 1u);
    BOOST_TEST(l[0].find(kTok) == std::string::npos);
    const auto j = json_of(l[0]);
    BOOST_TEST(j["path"] == "/pay/[redacted]?token=[redacted]");
    BOOST_TEST(j["status"] == 200);
    BOOST_TEST(j["method"] == "GET");
    BOOST_TEST(j["client"] == "127.0.0.1");
    BOOST_TEST(j["duration_ms"].is_number_integer());
}

BOOST_AUTO_TEST_CASE(embed_is_framable_by_the_practice_only) {
    auto c = client();
    auto r = c.Get("/embed");
    BOOST_REQUIRE(r);
    BOOST_TEST(r->get_header_value_count("Content-Security-Policy") == 1u);
    BOOST_TEST(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'self' https://clinic.example") !=
               std::string::npos);
    BOOST_TEST(!r->has_header("X-Frame-Options"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(sigterm_stops_the_server_gracefully) {
    // Signals blocked BEFORE the server's threads exist (as main() must do).
    std::atomic<pws::http::Listener*> target{nullptr};
    std::atomic<int> got{0};
    pws::ShutdownSignals signals([&](int sig) {
        got = sig;
        if (auto* t = target.load()) t->stop();
    });
    LiveServer live;
    target = live.listener.get();
    auto c = live.client();
    BOOST_REQUIRE(c.Get("/pay/abc"));
    BOOST_REQUIRE(kill(getpid(), SIGTERM) == 0);
    live.thread.join();  // run() returned: the listener stopped
    BOOST_TEST(got.load() == SIGTERM);
    BOOST_TEST(signals.received() == SIGTERM);
}

BOOST_AUTO_TEST_CASE(shutdown_helper_ends_quietly_without_a_signal) {
    std::atomic<int> calls{0};
    {
        pws::ShutdownSignals signals([&](int) { ++calls; });
        BOOST_TEST(signals.received() == 0);
    }
    BOOST_TEST(calls.load() == 0);
}
