#define BOOST_TEST_MODULE rate_limiter
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "http/rate_limiter.hpp"

using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand; safe to read from many threads.
struct ManualClock {
    std::shared_ptr<std::atomic<std::int64_t>> ns = std::make_shared<std::atomic<std::int64_t>>(1'000'000'000'000);
    void advance(std::chrono::nanoseconds d) { *ns += d.count(); }
    pws::RateLimiter::Clock fn() const {
        auto p = ns;
        return [p] { return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(p->load())); };
    }
};

int allowed_in_a_row(pws::RateLimiter& rl, const std::string& key, int tries) {
    int n = 0;
    for (int i = 0; i < tries; ++i) n += rl.hit(key).allowed ? 1 : 0;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(burst_up_to_the_limit_then_refuse) {
    ManualClock clock;
    pws::RateLimiter rl(5, 60s, clock.fn());
    BOOST_TEST(allowed_in_a_row(rl, "link:a", 5) == 5);
    const auto refused = rl.hit("link:a");
    BOOST_TEST(!refused.allowed);
    BOOST_TEST(refused.retry_after.count() == 12);  // one hit refills every 60/5 s
}

BOOST_AUTO_TEST_CASE(refills_one_hit_per_interval) {
    ManualClock clock;
    pws::RateLimiter rl(5, 60s, clock.fn());
    BOOST_TEST(allowed_in_a_row(rl, "k", 10) == 5);
    clock.advance(11s);
    BOOST_TEST(!rl.hit("k").allowed);
    BOOST_TEST(rl.hit("k").retry_after.count() == 1);
    clock.advance(1s);
    BOOST_TEST(rl.hit("k").allowed);
    BOOST_TEST(!rl.hit("k").allowed);
    clock.advance(60s);  // a whole window idle: the full burst again, no more
    BOOST_TEST(allowed_in_a_row(rl, "k", 10) == 5);
}

BOOST_AUTO_TEST_CASE(steady_rate_never_exceeds_the_limit_per_window) {
    ManualClock clock;
    pws::RateLimiter rl(10, 60s, clock.fn());
    // Hammer once per second for 10 minutes: at most 10 + 600/6 allowed.
    int allowed = 0;
    for (int s = 0; s < 600; ++s) {
        allowed += rl.hit("ip").allowed ? 1 : 0;
        clock.advance(1s);
    }
    BOOST_TEST(allowed <= 10 + 100);
    BOOST_TEST(allowed >= 100);
}

BOOST_AUTO_TEST_CASE(keys_are_independent_and_check_does_not_count) {
    ManualClock clock;
    pws::RateLimiter rl(2, 10s, clock.fn());
    BOOST_TEST(rl.check("a").allowed);
    BOOST_TEST(rl.check("a").allowed);
    BOOST_TEST(rl.check("a").allowed);
    BOOST_TEST(allowed_in_a_row(rl, "a", 3) == 2);
    BOOST_TEST(!rl.check("a").allowed);
    BOOST_TEST(rl.check("a").retry_after.count() == 5);
    BOOST_TEST(allowed_in_a_row(rl, "b", 3) == 2);
    rl.reset("a");
    BOOST_TEST(rl.hit("a").allowed);
}

BOOST_AUTO_TEST_CASE(limit_holds_under_eight_threads) {
    ManualClock clock;  // frozen: no refill during the race
    pws::RateLimiter rl(50, 60s, clock.fn());
    std::atomic<int> allowed{0}, other_key{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                if (rl.hit("shared").allowed) ++allowed;
                if (rl.hit("own" + std::to_string(t)).allowed) ++other_key;
            }
        });
    for (auto& th : threads) th.join();
    BOOST_TEST(allowed.load() == 50);
    BOOST_TEST(other_key.load() == 8 * 50);
}

BOOST_AUTO_TEST_CASE(idle_keys_are_swept) {
    ManualClock clock;
    pws::RateLimiter rl(3, 1s, clock.fn());
    for (int i = 0; i < 5000; ++i) rl.hit("ip" + std::to_string(i));
    BOOST_TEST(rl.tracked_keys() > 1000u);
    clock.advance(2s);
    for (int i = 0; i < 20000; ++i) rl.hit("fresh");  // triggers sweeps in its shard
    for (int i = 0; i < 20000; ++i) rl.hit("x" + std::to_string(i % 16));
    BOOST_TEST(rl.tracked_keys() < 5000u);
}

BOOST_AUTO_TEST_CASE(a_hit_given_back_is_available_again_but_never_beyond_the_limit) {
    ManualClock clock;
    pws::RateLimiter rl(5, 60s, clock.fn());
    BOOST_TEST(allowed_in_a_row(rl, "link:a", 5) == 5);
    BOOST_TEST(!rl.check("link:a").allowed);
    rl.give_back("link:a");
    BOOST_TEST(rl.hit("link:a").allowed);
    BOOST_TEST(!rl.hit("link:a").allowed);
    // Giving back more than was taken refills to a full bucket, no further.
    for (int i = 0; i < 20; ++i) rl.give_back("link:a");
    BOOST_TEST(allowed_in_a_row(rl, "link:a", 10) == 5);
    rl.give_back("link:never-hit");  // nothing to give back: no effect
    BOOST_TEST(allowed_in_a_row(rl, "link:never-hit", 10) == 5);
}
