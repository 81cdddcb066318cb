// Concurrency across processes: two server processes on ONE database file
// (and one processor ledger), 50 payers racing on one invoice. The sum of
// live payments never exceeds the total and at most 2 payments live; the
// same Idempotency-Key sent concurrently charges once; concurrent declining
// charges never pass the decline limit (card testing).
#define BOOST_TEST_MODULE api_races
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>

#include "admin_api.hpp"

using namespace pws_test;

BOOST_AUTO_TEST_CASE(fifty_payers_on_two_processes_never_overpay) {
    TempDir dir;
    Seeder seed(dir.path().string());
    const std::string practice = seed.practice();
    const std::string client = seed.client(practice);
    const std::int64_t total = 10000;
    const std::string inv = seed.invoice(practice, client, InvoiceSpec{}.with_total(total).fixed_min(100));
    BOOST_REQUIRE(seed.ok());

    ServerProcess a(dir.path().string()), b(dir.path().string());
    BOOST_REQUIRE(a.start());
    BOOST_REQUIRE(b.start());
    ServerProcess* servers[2] = {&a, &b};

    // One link and one token per payer (tokens are limited per link).
    constexpr int kPayers = 50;
    std::vector<SeededLink> links;
    std::vector<std::string> tokens;
    for (int i = 0; i < kPayers; ++i) {
        links.push_back(seed.link(practice, inv));
        auto c = servers[i % 2]->client();
        tokens.push_back(card_token(*c, links.back().token));
        BOOST_REQUIRE(!tokens.back().empty());
    }

    std::atomic<int> go{0};
    std::vector<int> statuses(kPayers, 0);
    std::vector<std::string> transport(kPayers);
    std::vector<std::thread> threads;
    for (int i = 0; i < kPayers; ++i) {
        threads.emplace_back([&, i] {
            auto c = servers[i % 2]->client();
            // A mix of full and partial amounts.
            const std::int64_t amount = (i % 3 == 0) ? total : 3000 + 500 * (i % 5);
            while (go.load() == 0) std::this_thread::yield();
            Reply r = post_payment(*c, links[i].token, inv, pay_body(amount, tokens[i]), new_key());
            statuses[i] = r.status;
            if (r.status == 0) transport[i] = r.body.dump();
        });
    }
    go = 1;
    for (auto& t : threads) t.join();

    int ok = 0;
    for (int i = 0; i < kPayers; ++i) {
        const int s = statuses[i];
        // 429: every payer here shares one address, and a charge in flight
        // holds one of the address's 15 decline attempts until it is known
        // not to decline (nothing is charged).
        BOOST_TEST((s == 200 || s == 409 || s == 422 || s == 429 || s == 503), "status " << s << " " << transport[i]);
        if (s == 200) ++ok;
    }
    BOOST_TEST(ok >= 1);
    if (std::count(statuses.begin(), statuses.end(), 0) > 0)
        std::cerr << "server a:\n" << a.stderr_text() << "\nserver b:\n" << b.stderr_text() << "\n";

    std::int64_t live_sum = 0;
    int live = 0;
    for (const pws::PaymentRecord& p : seed.payments(inv)) {
        if (!pws::counts_toward_balance(p.state)) continue;
        live_sum += p.amount;
        ++live;
    }
    BOOST_TEST(live_sum <= total);
    BOOST_TEST(live <= 2);
    BOOST_TEST(live >= 1);
    // The processor agrees: as many succeeded charges as live payments.
    BOOST_TEST(ledger_charge_count(a.ledger_path(), "status = 'succeeded'") == live);
    // Both processes served requests.
    BOOST_TEST(a.stdout_text().find("/payments") != std::string::npos);
    BOOST_TEST(b.stdout_text().find("/payments") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(same_key_in_flight_charges_once) {
    TempDir dir;
    Seeder seed(dir.path().string());
    const std::string practice = seed.practice();
    const std::string client = seed.client(practice);
    const std::string inv = seed.invoice(practice, client, InvoiceSpec{}.with_total(8000));
    const SeededLink link = seed.link(practice, inv);
    BOOST_REQUIRE(seed.ok());
    ServerProcess a(dir.path().string()), b(dir.path().string());
    BOOST_REQUIRE(a.start());
    BOOST_REQUIRE(b.start());
    ServerProcess* servers[2] = {&a, &b};
    std::string tok;
    {
        auto c = a.client();
        tok = card_token(*c, link.token);
    }
    BOOST_REQUIRE(!tok.empty());
    const std::string key = new_key();
    constexpr int kClicks = 12;
    std::vector<Reply> replies(kClicks);
    std::atomic<int> go{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kClicks; ++i) {
        threads.emplace_back([&, i] {
            auto c = servers[i % 2]->client();
            while (go.load() == 0) std::this_thread::yield();
            replies[i] = post_payment(*c, link.token, inv, pay_body(8000, tok), key);
        });
    }
    go = 1;
    for (auto& t : threads) t.join();
    const Reply* success = nullptr;
    for (const Reply& r : replies) {
        BOOST_TEST((r.status == 200 || (r.status == 409 && r.error_code() == "in_progress")),
                   r.status << " " << r.body);
        if (r.status == 200) {
            if (success) BOOST_TEST(r.body == success->body);
            success = &r;
        }
    }
    BOOST_REQUIRE(success != nullptr);
    BOOST_TEST(seed.payments(inv).size() == 1u);
    BOOST_TEST(ledger_charge_count(a.ledger_path()) == 1);
    // After the dust settles, the same key replays the one success.
    auto c = b.client();
    Reply again = post_payment(*c, link.token, inv, pay_body(8000, tok), key);
    BOOST_TEST(again.status == 200);
    BOOST_TEST(again.body == success->body);
}

// A portal client may pay many invoices at once: the 5 declines it is
// allowed must hold when its charges run concurrently (a check before the
// charge and a count after it let all of them through).
BOOST_AUTO_TEST_CASE(concurrent_declining_charges_never_pass_the_decline_limit) {
    TempDir dir;
    Seeder seed(dir.path().string());
    const AdminPractice practice = make_admin_practice(seed);
    BOOST_REQUIRE(seed.ok());
    ServerProcess server(dir.path().string());
    BOOST_REQUIRE(server.start());
    auto admin = server.client();
    const std::string mail = "tester-" + pws::random_token(8) + "@example.com";
    const std::string client = create_client(*admin, practice.key, mail, "portal secret 1");
    BOOST_REQUIRE(!client.empty());
    const std::string session = session_cookie(login(*admin, mail, "portal secret 1"));
    BOOST_REQUIRE(!session.empty());

    constexpr int kCharges = 12;
    constexpr int kDeclineLimit = 5;  // AppLimits::declines_per_link
    std::vector<std::string> invoices, tokens;
    for (int i = 0; i < kCharges; ++i) {
        invoices.push_back(create_invoice(*admin, practice.key, client));
        BOOST_REQUIRE(!invoices.back().empty());
        Reply tok = session_post(*admin, session, "/api/v1/tokens", card_body("4000000000000002"));
        BOOST_REQUIRE(tok.status == 201);
        tokens.push_back(tok.body["token"].get<std::string>());
    }
    std::atomic<int> go{0};
    std::vector<Reply> replies(kCharges);
    std::vector<std::thread> threads;
    for (int i = 0; i < kCharges; ++i) {
        threads.emplace_back([&, i] {
            auto c = server.client();
            while (go.load() == 0) std::this_thread::yield();
            replies[i] = session_post(*c, session, "/api/v1/invoices/" + invoices[i] + "/payments",
                                      pay_body(20000, tokens[i]), new_key());
        });
    }
    go = 1;
    for (auto& t : threads) t.join();
    int declined = 0, limited = 0;
    for (const Reply& r : replies) {
        if (r.status == 200 && r.body["payment"]["status"] == "declined") ++declined;
        else if (r.status == 429 && r.error_code() == "rate_limited") ++limited;
        else BOOST_ERROR("unexpected reply " << r.status << " " << r.body.dump());
    }
    BOOST_TEST(declined <= kDeclineLimit);
    BOOST_TEST(declined + limited == kCharges);
    BOOST_TEST(ledger_charge_count(server.ledger_path()) <= kDeclineLimit);
}
