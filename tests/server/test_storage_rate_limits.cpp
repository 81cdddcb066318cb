// Rate limits kept in the store (security/rate_limit.hpp): the GCRA rule,
// and that the count is one count for every thread and every Store handle
// on the database (every server instance), committed or rolled back with
// the transaction that made the hit.
#define BOOST_TEST_MODULE storage_rate_limits
#include <atomic>
#include <thread>
#include <vector>

#include "security/rate_limit.hpp"
#include "storage_fixture.hpp"

using namespace std::chrono_literals;
using storage_test::TempDb;
using storage_test::open_store;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;  // ms since the epoch

pws::RateLimit::Decision hit(pws::Store& s, const pws::RateLimit& rl, const std::string& key, std::int64_t now) {
    pws::RateLimit::Decision d;
    pw::Error e = s.write_transaction([&](pws::WriteTxn& t) -> pw::Error {
        pw::Result<pws::RateLimit::Decision> r = rl.hit(t, key, now);
        if (!r.ok()) return r.error;
        d = r.value;
        return {};
    });
    BOOST_REQUIRE_MESSAGE(!e, e.code);
    return d;
}

int allowed_in_a_row(pws::Store& s, const pws::RateLimit& rl, const std::string& key, int tries, std::int64_t now) {
    int n = 0;
    for (int i = 0; i < tries; ++i) n += hit(s, rl, key, now).allowed ? 1 : 0;
    return n;
}

void give_back(pws::Store& s, const pws::RateLimit& rl, const std::string& key, std::int64_t now) {
    pw::Error e = s.write_transaction([&](pws::WriteTxn& t) { return rl.give_back(t, key, now); });
    BOOST_REQUIRE_MESSAGE(!e, e.code);
}

// A fresh database and one Store on it.
struct OneDb {
    TempDb db;
    std::unique_ptr<pws::Store> s = open_store(db.path);
    OneDb() { BOOST_REQUIRE(s); }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(burst_up_to_the_limit_then_refuse, OneDb) {
    const pws::RateLimit rl("tokens_per_link", 5, 60s);
    BOOST_TEST(allowed_in_a_row(*s, rl, "lnk_a", 5, kT0) == 5);
    const auto refused = hit(*s, rl, "lnk_a", kT0);
    BOOST_TEST(!refused.allowed);
    BOOST_TEST(refused.retry_after.count() == 12);  // one hit refills every 60/5 s
}

BOOST_FIXTURE_TEST_CASE(refills_one_hit_per_interval, OneDb) {
    const pws::RateLimit rl("l", 5, 60s);
    BOOST_TEST(allowed_in_a_row(*s, rl, "k", 10, kT0) == 5);
    BOOST_TEST(!hit(*s, rl, "k", kT0 + 11'000).allowed);
    BOOST_TEST(hit(*s, rl, "k", kT0 + 11'000).retry_after.count() == 1);
    BOOST_TEST(hit(*s, rl, "k", kT0 + 12'000).allowed);
    BOOST_TEST(!hit(*s, rl, "k", kT0 + 12'000).allowed);
    // A whole window idle: the full burst again, no more.
    BOOST_TEST(allowed_in_a_row(*s, rl, "k", 10, kT0 + 72'000) == 5);
}

BOOST_AUTO_TEST_CASE(steady_rate_never_exceeds_the_limit_per_window) {
    const pws::RateLimit rl("l", 10, 60s);
    // The pure rule, hammered once per second for 10 minutes: at most
    // 10 + 600/6 allowed.
    std::int64_t tat = 0;
    int allowed = 0;
    for (int sec = 0; sec < 600; ++sec) {
        std::int64_t next = 0;
        if (rl.decide(tat, kT0 + sec * 1000, &next).allowed) {
            ++allowed;
            tat = next;
        }
    }
    BOOST_TEST(allowed <= 10 + 100);
    BOOST_TEST(allowed >= 100);
}

BOOST_FIXTURE_TEST_CASE(keys_and_limits_are_independent_and_reset_forgets, OneDb) {
    const pws::RateLimit a("a", 2, 10s), b("b", 2, 10s);
    BOOST_TEST(allowed_in_a_row(*s, a, "k", 3, kT0) == 2);
    BOOST_TEST(allowed_in_a_row(*s, a, "other", 3, kT0) == 2);
    BOOST_TEST(allowed_in_a_row(*s, b, "k", 3, kT0) == 2);  // same key, another limit
    pw::Error e = s->write_transaction([&](pws::WriteTxn& t) { return a.reset(t, "k"); });
    BOOST_REQUIRE(!e);
    BOOST_TEST(hit(*s, a, "k", kT0).allowed);
}

BOOST_FIXTURE_TEST_CASE(a_hit_in_a_rolled_back_transaction_does_not_count, OneDb) {
    const pws::RateLimit rl("declines_per_link", 2, 60s);
    for (int i = 0; i < 5; ++i) {
        pw::Error e = s->write_transaction([&](pws::WriteTxn& t) -> pw::Error {
            pw::Result<pws::RateLimit::Decision> d = rl.hit(t, "lnk_a", kT0);
            BOOST_TEST(d.ok());
            return pw::make_error("invoice_not_payable", "", "");  // the request failed for another reason
        });
        BOOST_TEST(e.code == "invoice_not_payable");
    }
    BOOST_TEST(allowed_in_a_row(*s, rl, "lnk_a", 5, kT0) == 2);
}

BOOST_AUTO_TEST_CASE(one_limit_for_every_handle_on_the_database) {
    // Two Store handles on one file stand for two server instances; eight
    // threads race over both. Frozen time: no refill during the race.
    TempDb db;
    auto s1 = open_store(db.path);
    auto s2 = open_store(db.path);
    BOOST_REQUIRE(s1);
    BOOST_REQUIRE(s2);
    const pws::RateLimit rl("tokens_per_link", 50, 60s);
    std::atomic<int> allowed{0}, own{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            pws::Store& s = t % 2 == 0 ? *s1 : *s2;
            for (int i = 0; i < 40; ++i) {
                if (hit(s, rl, "shared", kT0).allowed) ++allowed;
                if (hit(s, rl, "own" + std::to_string(t), kT0).allowed) ++own;
            }
        });
    for (auto& th : threads) th.join();
    BOOST_TEST(allowed.load() == 50);
    BOOST_TEST(own.load() == 8 * 40);
}

BOOST_FIXTURE_TEST_CASE(a_hit_given_back_is_available_again_but_never_beyond_the_limit, OneDb) {
    const pws::RateLimit rl("l", 5, 60s);
    BOOST_TEST(allowed_in_a_row(*s, rl, "lnk_a", 5, kT0) == 5);
    give_back(*s, rl, "lnk_a", kT0);
    BOOST_TEST(hit(*s, rl, "lnk_a", kT0).allowed);
    BOOST_TEST(!hit(*s, rl, "lnk_a", kT0).allowed);
    // Giving back more than was taken refills to a full bucket, no further.
    for (int i = 0; i < 20; ++i) give_back(*s, rl, "lnk_a", kT0);
    BOOST_TEST(allowed_in_a_row(*s, rl, "lnk_a", 10, kT0) == 5);
    give_back(*s, rl, "never-hit", kT0);  // nothing to give back: no effect
    BOOST_TEST(allowed_in_a_row(*s, rl, "never-hit", 10, kT0) == 5);
}

BOOST_FIXTURE_TEST_CASE(hit_both_counts_in_both_or_neither, OneDb) {
    const pws::RateLimit per_link("declines_per_link", 5, 60s), per_address("declines_per_address", 2, 60s);
    auto both = [&](const std::string& link) {
        pws::RateLimit::Decision d;
        pw::Error e = s->write_transaction([&](pws::WriteTxn& t) -> pw::Error {
            auto r = pws::hit_both(t, per_link, link, per_address, "10.0.0.1", kT0);
            if (!r.ok()) return r.error;
            d = r.value;
            return {};
        });
        BOOST_REQUIRE(!e);
        return d;
    };
    BOOST_TEST(both("lnk_a").allowed);
    BOOST_TEST(both("lnk_a").allowed);
    BOOST_TEST(!both("lnk_a").allowed);  // the address is spent
    // The refused attempt took nothing from the link: 3 left of 5.
    BOOST_TEST(allowed_in_a_row(*s, per_link, "lnk_a", 10, kT0) == 3);
}

BOOST_FIXTURE_TEST_CASE(full_buckets_are_swept_and_the_rest_kept, OneDb) {
    const pws::RateLimit rl("l", 3, 1s);
    for (int i = 0; i < 500; ++i) hit(*s, rl, "ip" + std::to_string(i), kT0);
    hit(*s, rl, "late", kT0 + 5'000);
    BOOST_TEST(storage_test::raw_count(db.path, "SELECT COUNT(*) FROM rate_limit_tats") == 501);
    auto swept = pws::sweep_rate_limits(*s, kT0 + 2'000, 200);
    BOOST_REQUIRE(swept.ok());
    BOOST_TEST(swept.value == 200u);  // bounded per call
    swept = pws::sweep_rate_limits(*s, kT0 + 2'000, 10'000);
    BOOST_REQUIRE(swept.ok());
    BOOST_TEST(swept.value == 300u);
    BOOST_TEST(storage_test::raw_count(db.path, "SELECT COUNT(*) FROM rate_limit_tats") == 1);  // "late" is still counting
    BOOST_TEST(hit(*s, rl, "late", kT0 + 5'000).allowed);  // 2 of 3 used
}
