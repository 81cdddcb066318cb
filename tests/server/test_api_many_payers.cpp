// 512 payers at once against a slow processor (--processor-latency-ms 300):
// every one completes, nobody is charged twice, throughput is the processor
// pool's (pool size / latency), and link lookups stay fast meanwhile.
//
// The server runs behind a "proxy" (--trusted-proxy 127.0.0.1) and each payer
// sends its own X-Forwarded-For address: one real address holds at most 15
// charges in flight (the per-address decline limit), and 512 connections from
// one address would meet the per-address connection cap, which a trusted
// proxy is exempt from. A payer answered 503 processor_busy retries after
// Retry-After with the SAME Idempotency-Key, as the widget does.
#define BOOST_TEST_MODULE api_many_payers
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

#include "api_steps.hpp"
#include "server_process.hpp"

using namespace pws_test;
using namespace std::chrono_literals;

namespace {

constexpr int kPayers = 512;
constexpr int kPoolSize = 16;  // --workers (server_process.hpp): threads of the processor pool
constexpr double kLatencySeconds = 0.3;
constexpr std::int64_t kAmount = 5000;

// Payer i's own address, as the proxy would forward it (198.18.0.0/15 is
// set aside for benchmarks).
std::string payer_address(int i) { return "198.18." + std::to_string(i / 250) + "." + std::to_string(1 + i % 250); }

struct Payer {
    std::string invoice;
    SeededLink link;
    std::string card_token;
    std::string key = new_key();
    std::string address;
};

// `c`: what server.client() returns (whichever HTTP client library it wraps).
Reply tokenize_from(auto& c, const Payer& p) {
    return to_reply(c.Post("/api/v1/tokens", {{"Authorization", "Link " + p.link.token}, {"X-Forwarded-For", p.address}},
                           card_body("4242424242424242").dump(), "application/json"));
}

Reply pay_from(auto& c, const Payer& p) {
    return to_reply(c.Post(("/api/v1/invoices/" + p.invoice + "/payments").c_str(),
                           {{"Authorization", "Link " + p.link.token},
                            {"Idempotency-Key", p.key},
                            {"X-Forwarded-For", p.address}},
                           pay_body(kAmount, p.card_token).dump(), "application/json"));
}

// Seconds the reply asks to wait (Retry-After), 1 when absent or odd.
int retry_after(const Reply& r) {
    const auto it = r.headers.find("Retry-After");
    if (it == r.headers.end()) return 1;
    const int s = std::atoi(it->second.c_str());
    return s >= 1 && s <= 5 ? s : 1;
}

double p99(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, v.size() * 99 / 100)];
}

}  // namespace

BOOST_AUTO_TEST_CASE(five_hundred_twelve_payers_complete_at_the_processor_pool_rate) {
    TempDir dir;
    Seeder seed(dir.path().string());
    const std::string practice = seed.practice();
    const std::string client = seed.client(practice);
    std::vector<Payer> payers(kPayers);
    for (int i = 0; i < kPayers; ++i) {
        payers[i].invoice = seed.invoice(practice, client, InvoiceSpec{}.with_total(kAmount));
        payers[i].link = seed.link(practice, payers[i].invoice);
        payers[i].address = payer_address(i);
    }
    BOOST_REQUIRE(seed.ok());
    ServerProcess server(dir.path().string(), {"--processor-latency-ms", "300", "--trusted-proxy", "127.0.0.1"});
    BOOST_REQUIRE(server.start());

    // Setup, not measured: one card token per payer (tokenizing has no
    // simulated latency).
    {
        std::atomic<int> next{0};
        std::vector<std::thread> ts;
        for (int w = 0; w < 16; ++w)
            ts.emplace_back([&] {
                auto c = server.client();
                for (int i = next++; i < kPayers; i = next++) {
                    const Reply r = tokenize_from(*c, payers[i]);
                    if (r.status == 201 && r.body.contains("token")) payers[i].card_token = r.body["token"].get<std::string>();
                }
            });
        for (auto& t : ts) t.join();
    }
    for (const Payer& p : payers) BOOST_REQUIRE(!p.card_token.empty());

    std::atomic<bool> paying{true};
    std::vector<double> lookup_ms;
    std::atomic<int> lookup_failures{0};
    std::thread lookups([&] {
        auto c = server.client();
        while (paying.load()) {
            const auto t0 = std::chrono::steady_clock::now();
            const Reply l = get_link(*c, payers[0].link.token);
            lookup_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            if (l.status != 200) ++lookup_failures;
            std::this_thread::sleep_for(20ms);
        }
    });

    std::atomic<int> succeeded{0}, busy_retries{0};
    std::vector<std::string> failures(kPayers);
    // All payers start together (a promise, not a spin: 512 threads
    // polling would take the CPU the server needs).
    std::promise<void> go;
    std::shared_future<void> started = go.get_future().share();
    std::vector<std::thread> threads;
    threads.reserve(kPayers);
    for (int i = 0; i < kPayers; ++i)
        threads.emplace_back([&, i] {
            auto c = server.client();
            started.wait();
            // Bounded: a payer tries at most 20 times.
            for (int attempt = 0; attempt < 20; ++attempt) {
                const Reply r = pay_from(*c, payers[i]);
                if (r.status == 503 && r.error_code() == "processor_busy") {
                    ++busy_retries;
                    std::this_thread::sleep_for(std::chrono::seconds(retry_after(r)));
                    continue;
                }
                if (r.status == 200 && r.body["payment"]["status"] == "succeeded") ++succeeded;
                else failures[i] = std::to_string(r.status) + " " + r.body.dump();
                return;
            }
            failures[i] = "still busy after 20 attempts";
        });
    const auto t0 = std::chrono::steady_clock::now();
    go.set_value();
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    paying = false;
    lookups.join();

    for (int i = 0; i < kPayers; ++i) BOOST_TEST(failures[i].empty(), "payer " << i << ": " << failures[i]);
    BOOST_TEST(succeeded.load() == kPayers);
    // No double charge: the processor saw each payment exactly once.
    BOOST_TEST(ledger_charge_count(server.ledger_path()) == kPayers);
    int stored = 0;
    for (const Payer& p : payers)
        for (const pws::PaymentRecord& r : seed.payments(p.invoice))
            if (r.state == pws::PaymentState::succeeded) ++stored;
    BOOST_TEST(stored == kPayers);

    // The pool runs kPoolSize charges at a time, each taking the latency:
    // faster is impossible, and more than twice as slow means charges did
    // not run side by side.
    const double ideal = kPayers * kLatencySeconds / kPoolSize;
    const double lookup_p99 = p99(lookup_ms);
    std::printf("api_many_payers: %d payments in %.2f s (ideal %.2f s: %d x %.1f s / %d workers), %.0f payments/s, "
                "%d processor_busy retries; link lookup p99 %.1f ms over %zu lookups\n",
                kPayers, seconds, ideal, kPayers, kLatencySeconds, kPoolSize, kPayers / seconds, busy_retries.load(),
                lookup_p99, lookup_ms.size());
    BOOST_TEST(seconds >= ideal * 0.95, "took " << seconds << " s, ideal " << ideal << " s");
    BOOST_TEST(seconds <= ideal * 2.0, "took " << seconds << " s, ideal " << ideal << " s");
    BOOST_TEST(lookup_failures.load() == 0);
    BOOST_TEST_REQUIRE(!lookup_ms.empty());
    // A lookup queued behind charges would wait at least the processor's
    // 300 ms; half of it leaves room for a loaded 2-core machine.
    BOOST_TEST(lookup_p99 < 150.0, "link lookup p99 " << lookup_p99 << " ms");
}
