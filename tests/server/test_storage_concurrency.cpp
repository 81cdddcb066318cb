#define BOOST_TEST_MODULE storage_concurrency
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "storage_fixture.hpp"

// Races on one database file: threads of one process, and several processes
// (fork) each with their own Store, as several server processes would be.
// The invariants (never more than the total reserved, never more than two
// live payments, no storage error under contention) must hold because write
// transactions take the write lock up front (BEGIN IMMEDIATE); nothing here
// or in the store serialises with an in-process mutex.

using namespace storage_test;
using pw::Error;

namespace {

constexpr std::int64_t kTotal = 10000;

// A start line: every worker waits until all are ready, so they really race.
class Barrier {
public:
    explicit Barrier(int n) : left_(n) {}
    void arrive_and_wait() {
        left_.fetch_sub(1);
        while (left_.load() > 0) std::this_thread::yield();
    }

private:
    std::atomic<int> left_;
};

struct Tally {
    std::atomic<int> reserved{0};
    std::atomic<int> skipped{0};
    std::atomic<int> errors{0};
    std::atomic<std::int64_t> reserved_amount{0};
};

// One payer, the way the payment service works: txn 1 reads the live balance
// and reserves `amount` only if it still fits (and a payment slot is free);
// then, outside any transaction, the "processor" answers; txn 2 settles or
// declines (which gives the amount back). `hold` keeps the write lock a
// little longer to widen any race window.
void pay_once(pws::Store& store, const std::string& invoice, const std::string& pay_id,
              std::int64_t amount, bool decline, std::chrono::microseconds hold, Tally& tally) {
    bool reserved = false;
    Error e = store.write_transaction([&](pws::WriteTxn& t) -> Error {
        auto v = t.invoice_view(invoice);
        if (!v.ok()) return v.error;
        std::this_thread::sleep_for(hold);
        const pw::Invoice& inv = v.value.invoice;
        if (inv.balance < amount || v.value.live_payment_count() >= inv.partial.max_payments) {
            return {};
        }
        if (Error x = t.insert_payment(make_payment(pay_id, "prc_a", invoice, amount, 1))) return x;
        reserved = true;
        return {};
    });
    if (e) {
        ++tally.errors;
        std::fprintf(stderr, "txn1 %s: %s\n", pay_id.c_str(), e.code.c_str());
        return;
    }
    if (!reserved) {
        ++tally.skipped;
        return;
    }
    ++tally.reserved;
    tally.reserved_amount += amount;
    const pws::PaymentState to = decline ? pws::PaymentState::declined : pws::PaymentState::succeeded;
    e = store.write_transaction([&](pws::WriteTxn& t) -> Error {
        return t.update_payment(pay_id, pws::PaymentState::reserved, {to, "ch_" + pay_id, "", "", "", 2});
    });
    if (e) {
        ++tally.errors;
        std::fprintf(stderr, "txn2 %s: %s\n", pay_id.c_str(), e.code.c_str());
    }
}

// Workers racing payers over `invoices`, `attempts` each.
void run_payers(pws::Store& store, const std::vector<std::string>& invoices, int threads, int attempts,
                const std::string& prefix, Tally& tally) {
    Barrier start(threads);
    std::vector<std::thread> pool;
    for (int w = 0; w < threads; ++w) {
        pool.emplace_back([&, w] {
            std::mt19937 rng(static_cast<unsigned>(1234 + w));
            start.arrive_and_wait();
            for (int i = 0; i < attempts; ++i) {
                const std::string& inv = invoices[rng() % invoices.size()];
                const std::int64_t amount = 1500 + static_cast<std::int64_t>(rng() % 4501);
                const bool decline = rng() % 2 == 0;
                const std::string id = "pay_" + prefix + "_" + std::to_string(w) + "_" + std::to_string(i);
                pay_once(store, inv, id, amount, decline, std::chrono::microseconds(rng() % 300), tally);
            }
        });
    }
    for (std::thread& t : pool) t.join();
}

// Seeds prc_a / cli_a and `n` invoices inv_0..inv_{n-1} of kTotal each.
void seed_invoices(pws::Store& store, int n) {
    BOOST_REQUIRE_EQUAL(store.write_transaction([&](pws::WriteTxn& t) -> Error {
                                 if (Error e = t.insert_practice(make_practice("prc_a"))) return e;
                                 if (Error e = t.insert_client(make_client("cli_a", "prc_a", "a@example.com")))
                                     return e;
                                 for (int i = 0; i < n; ++i) {
                                     const std::string id = "inv_" + std::to_string(i);
                                     if (Error e = t.insert_invoice(
                                             make_invoice(id, "prc_a", "cli_a", "N-" + std::to_string(i), kTotal)))
                                         return e;
                                 }
                                 return {};
                             }).code,
                        "");
}

std::vector<std::string> invoice_ids(int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) ids.push_back("inv_" + std::to_string(i));
    return ids;
}

// Checks every invoice: live payments within the total and the limit, and
// the stored rows agree with what the workers reported.
void check_invariants(pws::Store& store, int invoices, int expected_rows) {
    int rows = 0;
    Error e = store.read_transaction([&](pws::ReadTxn& t) -> Error {
        for (int i = 0; i < invoices; ++i) {
            auto v = t.invoice_view("inv_" + std::to_string(i));
            if (!v.ok()) return v.error;
            std::int64_t live = 0;
            int live_count = 0;
            for (const pws::PaymentRecord& p : v.value.payments) {
                BOOST_TEST(p.state != pws::PaymentState::reserved);  // every txn 2 ran
                if (pws::counts_toward_balance(p.state)) {
                    live += p.amount;
                    ++live_count;
                }
            }
            BOOST_TEST(live <= kTotal);
            BOOST_TEST(live_count <= 2);
            BOOST_TEST(v.value.invoice.amount_paid == live);
            BOOST_TEST(v.value.invoice.balance == kTotal - live);
            rows += static_cast<int>(v.value.payments.size());
        }
        return {};
    });
    BOOST_TEST(e.code == "");
    BOOST_TEST(rows == expected_rows);
}

}  // namespace

// The same race with this process's writer queue on (the default) and off:
// off, the threads meet only at SQLite's write lock, so the invariants hold
// without any in-process serialisation.
void eight_threads(bool local_write_queue) {
    TempDb db;
    auto store = open_store(db.path, pws::kDefaultDurability, local_write_queue);
    BOOST_REQUIRE(store);
    seed_invoices(*store, 3);
    Tally tally;
    run_payers(*store, invoice_ids(3), 8, 40, "t", tally);
    BOOST_TEST(tally.errors.load() == 0);
    BOOST_TEST(tally.reserved.load() + tally.skipped.load() == 8 * 40);
    BOOST_TEST(tally.reserved.load() >= 3);  // every invoice had at least one winner
    check_invariants(*store, 3, tally.reserved.load());
}

BOOST_AUTO_TEST_CASE(eight_threads_never_overpay_and_never_see_a_busy_error) { eight_threads(true); }

BOOST_AUTO_TEST_CASE(eight_threads_without_the_local_queue_never_overpay) { eight_threads(false); }

BOOST_AUTO_TEST_CASE(sixteen_payers_of_the_full_balance_exactly_one_wins) {
    TempDb db;
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    seed_invoices(*store, 1);
    Tally tally;
    Barrier start(16);
    std::vector<std::thread> pool;
    for (int w = 0; w < 16; ++w) {
        pool.emplace_back([&, w] {
            start.arrive_and_wait();
            pay_once(*store, "inv_0", "pay_full_" + std::to_string(w), kTotal, false,
                     std::chrono::microseconds(200), tally);
        });
    }
    for (std::thread& t : pool) t.join();
    BOOST_TEST(tally.errors.load() == 0);
    BOOST_TEST(tally.reserved.load() == 1);
    BOOST_TEST(tally.skipped.load() == 15);
    check_invariants(*store, 1, 1);
}

BOOST_AUTO_TEST_CASE(two_processes_with_four_threads_each_never_overpay) {
    TempDb db;
    {
        auto store = open_store(db.path);
        BOOST_REQUIRE(store);
        seed_invoices(*store, 3);
    }  // closed before fork: SQLite connections must not cross a fork
    int go[2];
    int report[2];
    BOOST_REQUIRE(::pipe(go) == 0);
    BOOST_REQUIRE(::pipe(report) == 0);
    std::vector<pid_t> kids;
    for (int k = 0; k < 2; ++k) {
        const pid_t pid = ::fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0) {
            // Child: its own Store on the shared file. No Boost.Test here;
            // the outcome goes back through the pipe and the exit status.
            ::close(go[1]);
            ::close(report[0]);
            auto store = open_store(db.path);
            if (!store) ::_exit(3);
            char c = 0;
            if (::read(go[0], &c, 1) != 1) ::_exit(4);
            Tally tally;
            run_payers(*store, invoice_ids(3), 4, 40, "p" + std::to_string(k), tally);
            const int counts[2] = {tally.reserved.load(), tally.errors.load()};
            if (::write(report[1], counts, sizeof counts) != static_cast<ssize_t>(sizeof counts)) ::_exit(5);
            store.reset();
            ::_exit(tally.errors.load() == 0 ? 0 : 1);
        }
        kids.push_back(pid);
    }
    ::close(go[0]);
    ::close(report[1]);
    // Both children are waiting on the pipe: start them together.
    const char start[2] = {'g', 'g'};
    BOOST_REQUIRE(::write(go[1], start, 2) == 2);
    ::close(go[1]);
    int reserved = 0;
    for (int k = 0; k < 2; ++k) {
        int counts[2] = {0, 0};
        BOOST_REQUIRE(::read(report[0], counts, sizeof counts) == static_cast<ssize_t>(sizeof counts));
        reserved += counts[0];
        BOOST_TEST(counts[1] == 0);
    }
    ::close(report[0]);
    for (pid_t pid : kids) {
        int status = -1;
        BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
        BOOST_TEST(WIFEXITED(status));
        BOOST_TEST(WEXITSTATUS(status) == 0);
    }
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    BOOST_TEST(reserved >= 3);
    check_invariants(*store, 3, reserved);
}

BOOST_AUTO_TEST_CASE(two_processes_racing_for_the_full_balance_take_it_once) {
    TempDb db;
    {
        auto store = open_store(db.path);
        BOOST_REQUIRE(store);
        seed_invoices(*store, 1);
    }
    int go[2];
    BOOST_REQUIRE(::pipe(go) == 0);
    std::vector<pid_t> kids;
    for (int k = 0; k < 2; ++k) {
        const pid_t pid = ::fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(go[1]);
            auto store = open_store(db.path);
            if (!store) ::_exit(3);
            char c = 0;
            if (::read(go[0], &c, 1) != 1) ::_exit(4);
            Tally tally;
            Barrier start(8);
            std::vector<std::thread> pool;
            for (int w = 0; w < 8; ++w) {
                pool.emplace_back([&, w] {
                    start.arrive_and_wait();
                    pay_once(*store, "inv_0", "pay_" + std::to_string(k) + "_" + std::to_string(w), kTotal,
                             false, std::chrono::microseconds(300), tally);
                });
            }
            for (std::thread& t : pool) t.join();
            store.reset();
            // Exit code: 10 + reservations won, or 1 on any error.
            ::_exit(tally.errors.load() != 0 ? 1 : 10 + tally.reserved.load());
        }
        kids.push_back(pid);
    }
    ::close(go[0]);
    const char start[2] = {'g', 'g'};
    BOOST_REQUIRE(::write(go[1], start, 2) == 2);
    ::close(go[1]);
    int won = 0;
    for (pid_t pid : kids) {
        int status = -1;
        BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
        BOOST_REQUIRE(WIFEXITED(status));
        BOOST_TEST(WEXITSTATUS(status) >= 10);
        won += WEXITSTATUS(status) - 10;
    }
    BOOST_TEST(won == 1);
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    check_invariants(*store, 1, 1);
}

BOOST_AUTO_TEST_CASE(concurrent_claims_of_one_idempotency_key_admit_one_request) {
    TempDb db;
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    std::atomic<int> claimed{0}, in_progress{0}, errors{0};
    Barrier start(8);
    std::vector<std::thread> pool;
    for (int w = 0; w < 8; ++w) {
        pool.emplace_back([&] {
            start.arrive_and_wait();
            Error e = store->write_transaction([&](pws::WriteTxn& t) -> Error {
                auto c = t.claim_idempotency("link:l1", "double-click", "h", 1);
                if (!c.ok()) return c.error;
                if (c.value.kind == pws::IdempotencyClaim::Kind::claimed) ++claimed;
                if (c.value.kind == pws::IdempotencyClaim::Kind::in_progress) ++in_progress;
                return {};
            });
            if (e) ++errors;
        });
    }
    for (std::thread& t : pool) t.join();
    BOOST_TEST(errors.load() == 0);
    BOOST_TEST(claimed.load() == 1);
    BOOST_TEST(in_progress.load() == 7);
}

BOOST_AUTO_TEST_CASE(concurrent_refunds_never_exceed_the_settled_amount) {
    TempDb db;
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    seed_invoices(*store, 1);
    BOOST_REQUIRE_EQUAL(store->write_transaction([](pws::WriteTxn& t) -> Error {
                                 if (Error e = t.insert_payment(make_payment("pay_1", "prc_a", "inv_0", 5000, 1)))
                                     return e;
                                 return t.update_payment("pay_1", pws::PaymentState::reserved,
                                                         {pws::PaymentState::succeeded, "ch", "", "", "", 2});
                             }).code,
                        "");
    std::atomic<int> ok{0}, too_large{0}, other{0};
    Barrier start(8);
    std::vector<std::thread> pool;
    for (int w = 0; w < 8; ++w) {
        pool.emplace_back([&, w] {
            start.arrive_and_wait();
            const std::string id = "re_" + std::to_string(w);
            Error e = store->write_transaction([&](pws::WriteTxn& t) {
                return t.insert_refund(pws::RefundRecord{id, "pay_1", "prc_a", 1000, "USD", "", pws::RefundState::reserved,
                                                         "rk_" + id, "", "", "", 3, 3, {}});
            });
            if (e.ok()) ++ok;
            else if (e.code == "refund_too_large") ++too_large;
            else ++other;
        });
    }
    for (std::thread& t : pool) t.join();
    BOOST_TEST(ok.load() == 5);
    BOOST_TEST(too_large.load() == 3);
    BOOST_TEST(other.load() == 0);
    Error e = store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.refundable_amount("pay_1").value == 0);
        return {};
    });
    BOOST_TEST(e.code == "");
}

BOOST_AUTO_TEST_CASE(rolled_back_writers_leave_nothing_while_others_commit) {
    TempDb db;
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    seed_invoices(*store, 1);
    std::atomic<int> errors{0};
    Barrier start(8);
    std::vector<std::thread> pool;
    for (int w = 0; w < 8; ++w) {
        pool.emplace_back([&, w] {
            start.arrive_and_wait();
            for (int i = 0; i < 20; ++i) {
                const std::string id = "cli_" + std::to_string(w) + "_" + std::to_string(i);
                const bool keep = (w + i) % 2 == 0;
                Error e = store->write_transaction([&](pws::WriteTxn& t) -> Error {
                    if (Error x = t.insert_client(make_client(id, "prc_a", id + "@example.com"))) return x;
                    if (Error x = t.insert_outbox({"eml_" + id, "prc_a", "", id, "s", "p", 1})) return x;
                    if (!keep) return pw::make_error("abandoned", "", "rolled back on purpose");
                    return {};
                });
                if (keep != e.ok() || (!keep && e.code != "abandoned")) ++errors;
            }
        });
    }
    for (std::thread& t : pool) t.join();
    BOOST_TEST(errors.load() == 0);
    Error e = store->read_transaction([](pws::ReadTxn& t) -> Error {
        int kept = 0;
        for (int w = 0; w < 8; ++w) {
            for (int i = 0; i < 20; ++i) {
                const std::string id = "cli_" + std::to_string(w) + "_" + std::to_string(i);
                const bool keep = (w + i) % 2 == 0;
                const bool exists = t.client(id).ok();
                BOOST_TEST(exists == keep);
                kept += exists ? 1 : 0;
            }
        }
        BOOST_TEST(kept == 80);
        BOOST_TEST(t.outbox("prc_a").value.size() == 80u);
        return {};
    });
    BOOST_TEST(e.code == "");
}

BOOST_AUTO_TEST_CASE(a_lock_held_past_the_busy_timeout_is_storage_busy_not_a_hang) {
    TempDb db;
    auto holder = open_store(db.path);
    BOOST_REQUIRE(holder);
    seed_invoices(*holder, 1);
    pws::StoreOptions o;
    o.path = db.path;
    o.busy_timeout_ms = 100;
    o.log = [](std::string_view) {};
    auto waiter = pws::open_store(o);
    BOOST_REQUIRE(waiter.ok());

    std::atomic<bool> locked{false}, release{false};
    std::thread t([&] {
        Error e = holder->write_transaction([&](pws::WriteTxn& w) -> Error {
            if (Error x = w.insert_client(make_client("cli_h", "prc_a", "h@example.com"))) return x;
            locked = true;
            while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return {};
        });
        BOOST_TEST(e.code == "");
    });
    while (!locked.load()) std::this_thread::yield();
    const auto t0 = std::chrono::steady_clock::now();
    // The row the holder wrote: on PostgreSQL writers of different rows do
    // not wait for each other, so the waiter must want the same one.
    Error e = waiter.value->write_transaction([](pws::WriteTxn& w) {
        return w.insert_client(make_client("cli_h", "prc_a", "w@example.com"));
    });
    const auto waited = std::chrono::steady_clock::now() - t0;
    // Readers are not blocked by the writer (WAL).
    Error r = waiter.value->read_transaction([](pws::ReadTxn& rt) { return rt.client("cli_a").error; });
    release = true;
    t.join();
    BOOST_TEST(e.code == "storage_busy");
    BOOST_TEST(r.code == "");
    BOOST_TEST(waited >= std::chrono::milliseconds(100));
    BOOST_TEST(waited < std::chrono::seconds(3));
    // Once the lock is free, the same store writes normally.
    BOOST_TEST(waiter.value->write_transaction([](pws::WriteTxn& w) {
                   return w.insert_client(make_client("cli_w", "prc_a", "w@example.com"));
               }).code == "");
}
