// The real server binary on PostgreSQL: --db postgresql://... on a throwaway
// cluster (tests/fixtures/pg_cluster.hpp); an invoice made through the admin
// API is paid by card end to end, replayed by its Idempotency-Key, and the
// rows are in PostgreSQL (not in a stray SQLite file).
#define BOOST_TEST_MODULE api_postgres
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "api_steps.hpp"
#include "pg_cluster.hpp"

using namespace pws_test;

BOOST_AUTO_TEST_CASE(an_invoice_is_paid_end_to_end_on_postgresql) {
    const std::string db = pwtest::PgCluster::instance().fresh_database();
    TempDir dir;
    const std::string secret = dir.file("server-secret");
    Seeder seed(dir.path().string(), secret, db);
    BOOST_REQUIRE(seed.ok());
    AdminPractice practice = make_admin_practice(seed);

    ServerProcess server(dir.path().string(), {"--secret-file", secret, "--db-pool-size", "8"});
    server.set_db(db);
    BOOST_REQUIRE_MESSAGE(server.start(), server.stderr_text());
    auto c = server.client();

    const std::string client = create_client(*c, practice.key, unique_email("pg"));
    BOOST_REQUIRE(!client.empty());
    LinkedInvoice li = invoice_with_link(*c, practice.key, client, 20000);
    BOOST_REQUIRE(!li.link.empty());

    const std::string key = new_key();
    const json body = pay_body(20000, card_token(*c, li.link, "4242424242424242"));
    Reply r = post_payment(*c, li.link, li.invoice, body, key);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    BOOST_TEST(r.body["payment"]["status"] == "succeeded");
    BOOST_TEST(r.body["invoice"]["balance"] == 0);
    BOOST_TEST(r.body["invoice"]["status"] == "paid");

    // The same request again: the stored answer, no second charge.
    Reply again = post_payment(*c, li.link, li.invoice, body, key);
    BOOST_TEST(again.status == 200);
    BOOST_TEST(again.body["payment"]["id"] == r.body["payment"]["id"]);

    BOOST_TEST(pwtest::PgCluster::count(db, "SELECT COUNT(*) FROM payments WHERE state = 'succeeded'") == 1);
    BOOST_TEST(pwtest::PgCluster::count(db, "SELECT COUNT(*) FROM idempotency WHERE state = 'done'") >= 1);
    BOOST_TEST(!std::filesystem::exists(dir.file("paywidget.db")));
    BOOST_TEST(server.terminate() == 0);
}
