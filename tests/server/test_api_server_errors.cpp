// Server errors told truthfully, against the real server binary: a busy
// database is 503 storage_busy with Retry-After (never processor_unavailable
// or a bare 500), and every 5xx writes exactly one structured log line (the
// access log's JSON line) with the code answered and its cause.
#define BOOST_TEST_MODULE api_server_errors
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <sstream>

#include "admin_api.hpp"

using namespace pws_test;

namespace {

// Holds the database's write lock (BEGIN IMMEDIATE) while it lives.
struct WriteLock {
    sqlite3* db = nullptr;
    explicit WriteLock(const std::string& path) {
        BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        BOOST_REQUIRE(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ~WriteLock() {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
};

// The access log's lines (stdout) with this status.
std::vector<json> log_lines_with_status(const std::string& text, int status) {
    std::vector<json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        json j = json::parse(line, nullptr, false);
        if (j.is_object() && j.contains("status") && j["status"] == status) out.push_back(j);
    }
    return out;
}

// The same, waiting up to 2 s for `n` of them: a request's log line is
// written just after its response is sent.
std::vector<json> await_log_lines(const ServerProcess& s, int status, std::size_t n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    std::vector<json> lines = log_lines_with_status(s.stdout_text(), status);
    while (lines.size() < n && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        lines = log_lines_with_status(s.stdout_text(), status);
    }
    return lines;
}

struct Fixture {
    TempDir dir;
    Seeder seed{dir.path().string()};
    AdminPractice practice = make_admin_practice(seed);
    std::string client = seed.client(practice.id);
    std::string inv = seed.invoice(practice.id, client);
    SeededLink link = seed.link(practice.id, inv);
    // A short lock wait so a busy database answers quickly.
    ServerProcess server{dir.path().string(), {"--busy-timeout-ms", "100"}};
    std::unique_ptr<pwhttp::Client> c;
    Fixture() {
        BOOST_REQUIRE(seed.ok());
        BOOST_REQUIRE(server.start());
        c = server.client();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(server_errors, Fixture)

BOOST_AUTO_TEST_CASE(a_busy_database_is_storage_busy_with_retry_after_and_one_log_line_each) {
    const std::string tok = card_token(*c, link.token);
    BOOST_REQUIRE(!tok.empty());
    Reply pay, token;
    {
        WriteLock lock(server.db_path());
        pay = post_payment(*c, link.token, inv, pay_body(20000, tok), new_key());
        token = post_token(*c, link.token, card_body("4242424242424242"));
    }
    for (const Reply* r : {&pay, &token}) {
        BOOST_TEST(r->status == 503);
        BOOST_TEST(r->error_code() == "storage_busy");
        BOOST_TEST(r->headers.count("Retry-After") == 1u);
    }
    const std::vector<json> lines = await_log_lines(server, 503, 2);
    BOOST_REQUIRE_MESSAGE(lines.size() == 2u, server.stdout_text());  // one per 5xx, no more
    for (const json& l : lines) BOOST_TEST(l["error"] == "storage_busy");
    BOOST_TEST(lines[0]["cause"] == "payment: reserve: storage_busy");
    BOOST_TEST(lines[1]["cause"] == "tokens: limits and invoice: storage_busy");  // the hit is a write
    // No second structured line about them anywhere (the storage layer's
    // own per-attempt diagnostics on stderr are plain text).
    BOOST_TEST(log_lines_with_status(server.stderr_text(), 503).empty());
    // Once the database is free, the same request goes through.
    Reply again = post_payment(*c, link.token, inv, pay_body(20000, tok), new_key());
    BOOST_TEST(again.status == 200);
}

BOOST_AUTO_TEST_CASE(a_busy_database_during_a_refund_is_storage_busy_not_not_found) {
    Reply paid = post_payment(*c, link.token, inv, pay_body(20000, card_token(*c, link.token)), new_key());
    BOOST_REQUIRE(paid.status == 200);
    const std::string path = "/api/v1/admin/payments/" + paid.body["payment"]["id"].get<std::string>() + "/refunds";
    Reply refund;
    {
        WriteLock lock(server.db_path());
        refund = admin_post(*c, practice.key, path, {{"amount", 100}}, new_key());
    }
    BOOST_TEST(refund.status == 503);
    BOOST_TEST(refund.error_code() == "storage_busy");
    BOOST_TEST(refund.headers.count("Retry-After") == 1u);
    const std::vector<json> lines = await_log_lines(server, 503, 1);
    BOOST_REQUIRE_MESSAGE(lines.size() == 1u, server.stdout_text());
    BOOST_TEST(lines[0]["error"] == "storage_busy");
    BOOST_TEST(lines[0]["cause"].get<std::string>().find("storage: busy") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
