#define BOOST_TEST_MODULE processor
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <map>
#include <ostream>
#include <set>
#include <thread>

#include "faults/faults.hpp"
#include "processor/ledger_sqlite.hpp"
#include "processor/test_processor.hpp"
#include "temp_dir.hpp"

// Printable enums for Boost.Test messages (found by ADL).
namespace pws {
std::ostream& operator<<(std::ostream& os, ChargeStatus s) { return os << charge_status_id(s); }
}  // namespace pws
namespace pw {
std::ostream& operator<<(std::ostream& os, MethodType t) { return os << method_type_id(t); }
}  // namespace pw

using namespace std::chrono_literals;
using pws::BankDetails;
using pws::CardDetails;
using pws::ChargeStatus;
using pws::TestProcessor;

namespace {

struct Fixture {
    pws_test::TempDir dir;
    std::string ledger = dir.file("ledger.db");
    std::unique_ptr<TestProcessor> proc = open();

    std::unique_ptr<TestProcessor> open(std::chrono::seconds delay = 0s,
                                        std::function<pws::TimePoint()> clock = {}) {
        pws::TestProcessorOptions o;
        o.ledger_path = ledger;
        o.settle_delay = delay;
        o.clock = std::move(clock);
        auto r = TestProcessor::open(std::move(o));
        BOOST_REQUIRE_MESSAGE(r.ok(), r.error.code);
        return std::move(r.value);
    }

    std::string card(const std::string& number) {
        CardDetails c{number, 12, 2034, "123", "Ada Lovelace", "94107"};
        auto t = proc->tokenize_card(c);
        BOOST_REQUIRE_MESSAGE(t.ok(), number + ": " + t.error.code);
        return t.value.reference;
    }

    std::string bank(BankDetails b) {
        auto t = proc->tokenize_bank(b);
        BOOST_REQUIRE_MESSAGE(t.ok(), t.error.code + " " + t.error.field);
        return t.value.reference;
    }

    pws::ChargeOutcome charge(const std::string& key, const std::string& ref, std::int64_t amount = 1000,
                              const std::string& currency = "USD") {
        auto r = proc->charge({key, ref, amount, currency});
        BOOST_REQUIRE_MESSAGE(r.ok(), r.error.code);
        return r.value;
    }
};

BankDetails ach(const std::string& account) {
    BankDetails b;
    b.scheme = pw::BankScheme::ach;
    b.account_holder = "Ada Lovelace";
    b.routing_number = "110000000";
    b.account_number = account;
    return b;
}

BankDetails pad(const std::string& account) {
    BankDetails b;
    b.scheme = pw::BankScheme::pad;
    b.account_holder = "Ada Lovelace";
    b.institution_number = "000";
    b.transit_number = "11000";
    b.account_number = account;
    return b;
}

BankDetails sepa(const std::string& iban) {
    BankDetails b;
    b.scheme = pw::BankScheme::sepa;
    b.account_holder = "Ada Lovelace";
    b.iban = iban;
    return b;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cards, Fixture)

BOOST_AUTO_TEST_CASE(test_cards_give_stripe_outcomes) {
    // Stripe's published test numbers and what they do.
    struct Row {
        const char* number;
        ChargeStatus status;
        const char* code;
    };
    const Row rows[] = {
        {"4242424242424242", ChargeStatus::succeeded, ""},
        {"4000000000000002", ChargeStatus::declined, "card_declined"},
        {"4000000000009995", ChargeStatus::declined, "insufficient_funds"},
        {"4000000000000069", ChargeStatus::declined, "expired_card"},
        {"4000000000000127", ChargeStatus::declined, "incorrect_cvc"},
        {"4000000000009987", ChargeStatus::declined, "lost_card"},
        {"4000000000009979", ChargeStatus::declined, "stolen_card"},
        {"4000000000000119", ChargeStatus::processing_error, "processing_error"},
    };
    int i = 0;
    for (const Row& row : rows) {
        BOOST_TEST_CONTEXT(row.number) {
            const auto o = charge("k" + std::to_string(i++), card(row.number));
            BOOST_TEST(pws::charge_status_id(o.status) == pws::charge_status_id(row.status));
            BOOST_TEST(o.decline_code == row.code);
            BOOST_TEST(o.retryable == (row.status == ChargeStatus::processing_error));
            BOOST_TEST(o.charge_id.rfind("ch_test_", 0) == 0);
            BOOST_TEST(o.amount == 1000);
            BOOST_TEST(o.currency == "USD");
        }
    }
}

BOOST_AUTO_TEST_CASE(other_valid_cards_succeed_and_are_summarised) {
    struct Row {
        const char* number;
        const char* brand;
        const char* last4;
    };
    const Row rows[] = {{"5555555555554444", "mastercard", "4444"},
                        {"378282246310005", "american-express", "0005"},
                        {"6011111111111117", "discover", "1117"},
                        {"4000056655665556", "visa", "5556"}};
    for (const Row& row : rows) {
        BOOST_TEST_CONTEXT(row.number) {
            auto t = proc->tokenize_card({row.number, 3, 2031, "1234", "A", "1"});
            BOOST_REQUIRE(t.ok());
            BOOST_TEST(t.value.brand == row.brand);
            BOOST_TEST(t.value.last4 == row.last4);
            BOOST_TEST(t.value.exp_month == 3);
            BOOST_TEST(t.value.exp_year == 2031);
            BOOST_TEST(t.value.kind == pw::MethodType::card);
            BOOST_TEST(t.value.reference.rfind("pm_test_", 0) == 0);
            BOOST_TEST(t.value.reference.find(row.number) == std::string::npos);
            BOOST_TEST(t.value.fingerprint_input == std::string("card:") + row.number);
            BOOST_TEST(charge(std::string("k-") + row.number, t.value.reference).status == ChargeStatus::succeeded);
        }
    }
}

BOOST_AUTO_TEST_CASE(matching_is_on_the_whole_number_not_a_suffix) {
    // A Mastercard that happens to end in 0002 is not Stripe's decline card.
    BOOST_TEST(charge("k", card("5105105105100002")).status != ChargeStatus::declined);
}

BOOST_AUTO_TEST_CASE(invalid_cards_are_refused) {
    auto bad_luhn = proc->tokenize_card({"4242424242424241", 12, 2034, "123", "A", "1"});
    BOOST_TEST(bad_luhn.error.code == "invalid_card_number");
    BOOST_TEST(bad_luhn.error.field == "number");
    auto letters = proc->tokenize_card({"4242x24242424242", 12, 2034, "123", "A", "1"});
    BOOST_TEST(letters.error.code == "invalid_card_number");
    auto month = proc->tokenize_card({"4242424242424242", 13, 2034, "123", "A", "1"});
    BOOST_TEST(month.error.code == "invalid_expiry");
    BOOST_TEST(month.error.field == "exp");
}

BOOST_AUTO_TEST_CASE(ledger_never_holds_the_pan_or_cvc) {
    const std::string ref = card("4000000000009995");
    charge("k", ref);
    proc.reset();  // close connections so everything is in the files
    const std::string bytes = slurp(ledger) + slurp(ledger + "-wal");
    BOOST_TEST(!bytes.empty());
    BOOST_TEST(bytes.find("4000000000009995") == std::string::npos);
    BOOST_TEST(bytes.find(ref) != std::string::npos);  // the file is readable at all
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(charges, Fixture)

BOOST_AUTO_TEST_CASE(same_key_returns_first_outcome_and_charges_once) {
    const std::string ref = card("4242424242424242");
    const auto first = charge("pay_1", ref, 2500, "CAD");
    const auto again = charge("pay_1", ref, 2500, "CAD");
    BOOST_TEST(again.charge_id == first.charge_id);
    BOOST_TEST(again.amount == 2500);
    const auto other = charge("pay_2", ref, 2500, "CAD");
    BOOST_TEST(other.charge_id != first.charge_id);
    // A declined charge is recorded too: a retry with the key reads the decline.
    const std::string declined = card("4000000000000002");
    const auto d1 = charge("pay_3", declined);
    const auto d2 = charge("pay_3", declined);
    BOOST_TEST(d1.charge_id == d2.charge_id);
    BOOST_TEST(d2.decline_code == "card_declined");
}

BOOST_AUTO_TEST_CASE(same_key_with_other_arguments_is_a_mismatch) {
    const std::string ref = card("4242424242424242");
    charge("pay_1", ref, 2500);
    BOOST_TEST(proc->charge({"pay_1", ref, 2501, "USD"}).error.code == "idempotency_mismatch");
    BOOST_TEST(proc->charge({"pay_1", ref, 2500, "EUR"}).error.code == "idempotency_mismatch");
    BOOST_TEST(proc->charge({"pay_1", card("5555555555554444"), 2500, "USD"}).error.code == "idempotency_mismatch");
}

BOOST_AUTO_TEST_CASE(concurrent_charges_with_one_key_charge_once) {
    const std::string ref = card("4242424242424242");
    std::vector<std::string> ids(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            auto r = proc->charge({"race", ref, 700, "USD"});
            ids[i] = r.ok() ? r.value.charge_id : "error:" + r.error.code;
        });
    for (auto& t : threads) t.join();
    BOOST_TEST(std::set<std::string>(ids.begin(), ids.end()).size() == 1u);
    BOOST_TEST(ids[0].rfind("ch_test_", 0) == 0);
}

BOOST_AUTO_TEST_CASE(charges_committed_in_one_batch_stay_separate) {
    // Many callers at once share ledger transactions (group commit): one
    // caller's failure must not undo, or leak into, another's charge; a key
    // charged by two callers in the same batch still charges once; and every
    // acknowledged charge is there after reopening the ledger.
    const std::string ref = card("4242424242424242");
    constexpr int kThreads = 32, kEach = 20;
    std::vector<std::vector<std::string>> ids(kThreads, std::vector<std::string>(kEach));
    std::atomic<int> wrong_failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                // Threads t and t^1 charge the same keys at the same time.
                const std::string key = "batch-" + std::to_string(t / 2) + "-" + std::to_string(i);
                auto r = proc->charge({key, ref, 100 + i, "USD"});
                ids[t][i] = r.ok() ? r.value.charge_id : "error:" + r.error.code;
                // Failures in the same batches: nothing of them is kept.
                if (proc->charge({"nope-" + std::to_string(t) + "-" + std::to_string(i), "pm_test_nope", 100, "USD"})
                        .error.code != "unknown_reference")
                    ++wrong_failures;
                if (proc->charge({key, ref, 999, "USD"}).error.code != "idempotency_mismatch") ++wrong_failures;
            }
        });
    for (auto& th : threads) th.join();
    BOOST_TEST(wrong_failures.load() == 0);
    proc.reset();
    proc = open();
    std::set<std::string> distinct;
    for (int t = 0; t < kThreads; t += 2)
        for (int i = 0; i < kEach; ++i) {
            BOOST_TEST(ids[t][i].rfind("ch_test_", 0) == 0, ids[t][i]);
            BOOST_TEST(ids[t][i] == ids[t + 1][i]);
            distinct.insert(ids[t][i]);
            auto seen = proc->lookup("batch-" + std::to_string(t / 2) + "-" + std::to_string(i));
            BOOST_REQUIRE(seen.ok());
            BOOST_REQUIRE(seen.value.has_value());
            BOOST_TEST(seen.value->charge_id == ids[t][i]);
            BOOST_TEST(seen.value->amount == 100 + i);
        }
    BOOST_TEST(distinct.size() == static_cast<std::size_t>(kThreads / 2 * kEach));
    auto none = proc->lookup("nope-0-0");
    BOOST_REQUIRE(none.ok());
    BOOST_TEST(!none.value.has_value());
}

BOOST_AUTO_TEST_CASE(bad_requests_record_nothing) {
    const std::string ref = card("4242424242424242");
    BOOST_TEST(proc->charge({"k", "pm_test_nope", 100, "USD"}).error.code == "unknown_reference");
    BOOST_TEST(proc->charge({"k", ref, 0, "USD"}).error.code == "invalid_amount");
    BOOST_TEST(proc->charge({"k", ref, -5, "USD"}).error.code == "invalid_amount");
    BOOST_TEST(proc->charge({"k", ref, 100, "usd"}).error.code == "invalid_currency");
    BOOST_TEST(proc->charge({"", ref, 100, "USD"}).error.code == "invalid_key");
    BOOST_TEST(proc->charge({std::string(256, 'k'), ref, 100, "USD"}).error.code == "invalid_key");
    auto none = proc->lookup("k");
    BOOST_REQUIRE(none.ok());
    BOOST_TEST(!none.value.has_value());
}

BOOST_AUTO_TEST_CASE(lookup_survives_reopening_the_ledger) {
    const std::string ref = card("4242424242424242");
    const auto first = charge("pay_9", ref, 4200, "EUR");
    proc.reset();
    proc = open();
    auto found = proc->lookup("pay_9");
    BOOST_REQUIRE(found.ok());
    BOOST_REQUIRE(found.value.has_value());
    BOOST_TEST(found.value->charge_id == first.charge_id);
    BOOST_TEST(found.value->status == ChargeStatus::succeeded);
    BOOST_TEST(found.value->amount == 4200);
    BOOST_TEST(found.value->currency == "EUR");
    auto missing = proc->lookup("pay_never");
    BOOST_REQUIRE(missing.ok());
    BOOST_TEST(!missing.value.has_value());
    // Charging the key again after the "restart" still does not charge twice.
    BOOST_TEST(charge("pay_9", ref, 4200, "EUR").charge_id == first.charge_id);
}

BOOST_AUTO_TEST_CASE(unusable_ledger_is_unavailable_not_not_found) {
    pws::TestProcessorOptions o;
    o.ledger_path = dir.file("no/such/dir/ledger.db");
    auto r = TestProcessor::open(o);
    BOOST_TEST(!r.ok());
    BOOST_TEST(r.error.code == "processor_unavailable");
}

BOOST_AUTO_TEST_CASE(two_processes_share_the_ledger) {
    const std::string ref = card("4242424242424242");
    // Both processes race to charge the same key; one charge id results.
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        pws::TestProcessorOptions o;
        o.ledger_path = ledger;
        auto p = TestProcessor::open(o);
        bool ok = p.ok();
        for (int i = 0; ok && i < 20; ++i) ok = p.value->charge({"shared" + std::to_string(i), ref, 100, "USD"}).ok();
        _exit(ok ? 0 : 1);
    }
    std::vector<std::string> mine;
    for (int i = 0; i < 20; ++i) mine.push_back(charge("shared" + std::to_string(i), ref, 100).charge_id);
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_REQUIRE(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
    for (int i = 0; i < 20; ++i) {
        auto seen = proc->lookup("shared" + std::to_string(i));
        BOOST_REQUIRE(seen.ok());
        BOOST_REQUIRE(seen.value.has_value());
        BOOST_TEST(seen.value->charge_id == mine[i]);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(bank_debits, Fixture)

BOOST_AUTO_TEST_CASE(debits_are_pending_until_settled) {
    struct Row {
        BankDetails details;
        const char* code;    // "" settles
        const char* reason;
        const char* brand;
        const char* last4;
    };
    const Row rows[] = {
        {ach("000123456789"), "", "", "ach", "6789"},
        {ach("000222222227"), "insufficient_funds", "R01", "ach", "2227"},
        {ach("000111111113"), "account_closed", "R02", "ach", "1113"},
        {ach("000111111116"), "no_account", "R03", "ach", "1116"},
        {pad("000123456789"), "", "", "pad", "6789"},
        {pad("000222222227"), "insufficient_funds", "901", "pad", "2227"},
        {pad("000111111113"), "account_closed", "905", "pad", "1113"},
        {sepa("DE89370400440532013000"), "", "", "sepa", "3000"},
        {sepa("AT611904300234573201"), "", "", "sepa", "3201"},
        {sepa("DE62370400440532013001"), "insufficient_funds", "AM04", "sepa", "3001"},
        {sepa("DE78370400440532013004"), "account_closed", "AC04", "sepa", "3004"},
    };
    std::map<std::string, const Row*> by_key;
    int i = 0;
    for (const Row& row : rows) {
        auto t = proc->tokenize_bank(row.details);
        BOOST_REQUIRE_MESSAGE(t.ok(), t.error.code + " " + t.error.field);
        BOOST_TEST(t.value.brand == row.brand);
        BOOST_TEST(t.value.last4 == row.last4);
        BOOST_TEST(t.value.kind == pw::MethodType::bank_debit);
        const std::string key = "debit" + std::to_string(i++);
        const auto o = charge(key, t.value.reference, 5000, "USD");
        BOOST_TEST(o.status == ChargeStatus::pending);
        BOOST_TEST(o.decline_code.empty());
        by_key[key] = &row;
    }
    auto settled = proc->settle_due(std::chrono::system_clock::now() + 1s);
    BOOST_REQUIRE(settled.ok());
    BOOST_TEST(settled.value.size() == std::size(rows));
    for (const auto& s : settled.value) {
        const Row& row = *by_key.at(s.key);
        BOOST_TEST_CONTEXT(s.key) {
            const bool returns = *row.code != '\0';
            BOOST_TEST(s.outcome.status == (returns ? ChargeStatus::returned : ChargeStatus::succeeded));
            BOOST_TEST(s.outcome.decline_code == row.code);
            BOOST_TEST(s.outcome.return_reason == row.reason);
            auto now = proc->lookup(s.key);
            BOOST_REQUIRE(now.ok());
            BOOST_TEST(now.value->status == s.outcome.status);
            BOOST_TEST(now.value->decline_code == row.code);
        }
    }
    // Each transition is reported once.
    auto again = proc->settle_due(std::chrono::system_clock::now() + 1s);
    BOOST_REQUIRE(again.ok());
    BOOST_TEST(again.value.empty());
}

BOOST_AUTO_TEST_CASE(settlement_waits_for_the_delay) {
    auto now = std::make_shared<pws::TimePoint>(std::chrono::system_clock::now());
    proc = open(std::chrono::hours(72), [now] { return *now; });
    const std::string ref = bank(ach("000123456789"));
    BOOST_TEST(charge("d1", ref).status == ChargeStatus::pending);
    auto early = proc->settle_due(*now + std::chrono::hours(71));
    BOOST_REQUIRE(early.ok());
    BOOST_TEST(early.value.empty());
    BOOST_TEST(proc->lookup("d1").value->status == ChargeStatus::pending);
    auto due = proc->settle_due(*now + std::chrono::hours(72));
    BOOST_REQUIRE(due.ok());
    BOOST_REQUIRE(due.value.size() == 1u);
    BOOST_TEST(due.value[0].key == "d1");
    BOOST_TEST(due.value[0].outcome.status == ChargeStatus::succeeded);
}

BOOST_AUTO_TEST_CASE(invalid_bank_details_are_refused) {
    auto r = proc->tokenize_bank(ach("12"));
    BOOST_TEST(r.error.code == "invalid_bank_account");
    BOOST_TEST(r.error.field == "account_number");
    BankDetails bad_routing = ach("000123456789");
    bad_routing.routing_number = "11000000";
    BOOST_TEST(proc->tokenize_bank(bad_routing).error.field == "routing_number");
    BOOST_TEST(proc->tokenize_bank(sepa("DE89370400440532013001")).error.field == "iban");  // checksum
    BOOST_TEST(proc->tokenize_bank(pad("123")).error.field == "account_number");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(refunds, Fixture)

BOOST_AUTO_TEST_CASE(refunds_never_exceed_the_charge) {
    const auto c = charge("pay", card("4242424242424242"), 1000);
    auto r1 = proc->refund({"re1", c.charge_id, 600});
    BOOST_REQUIRE(r1.ok());
    BOOST_TEST(r1.value.refunded_total == 600);
    BOOST_TEST(proc->refund({"re2", c.charge_id, 401}).error.code == "refund_exceeds_charge");
    auto r3 = proc->refund({"re3", c.charge_id, 400});
    BOOST_REQUIRE(r3.ok());
    BOOST_TEST(r3.value.refunded_total == 1000);
    BOOST_TEST(proc->refund({"re4", c.charge_id, 1}).error.code == "refund_exceeds_charge");
    BOOST_TEST(proc->refund({"re5", c.charge_id, 0}).error.code == "invalid_amount");
}

BOOST_AUTO_TEST_CASE(refunds_are_idempotent_by_key) {
    const auto c = charge("pay", card("4242424242424242"), 1000);
    auto a = proc->refund({"re", c.charge_id, 300});
    auto b = proc->refund({"re", c.charge_id, 300});
    BOOST_REQUIRE(a.ok());
    BOOST_REQUIRE(b.ok());
    BOOST_TEST(a.value.refund_id == b.value.refund_id);
    BOOST_TEST(b.value.refunded_total == 300);
    BOOST_TEST(proc->refund({"re", c.charge_id, 301}).error.code == "idempotency_mismatch");
    auto found = proc->lookup_refund("re");
    BOOST_REQUIRE(found.ok());
    BOOST_TEST(found.value->refund_id == a.value.refund_id);
    BOOST_TEST(!proc->lookup_refund("other").value.has_value());
}

BOOST_AUTO_TEST_CASE(only_succeeded_charges_are_refundable) {
    const auto declined = charge("d", card("4000000000000002"));
    BOOST_TEST(proc->refund({"r1", declined.charge_id, 100}).error.code == "charge_not_refundable");
    const auto pending = charge("p", bank(ach("000123456789")));
    BOOST_TEST(proc->refund({"r2", pending.charge_id, 100}).error.code == "charge_not_refundable");
    BOOST_TEST(proc->refund({"r3", "ch_test_missing", 100}).error.code == "charge_not_found");
}

BOOST_AUTO_TEST_CASE(concurrent_refunds_cannot_overshoot) {
    const auto c = charge("pay", card("4242424242424242"), 1000);
    std::atomic<int> ok{0}, exceeded{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            auto r = proc->refund({"re" + std::to_string(i), c.charge_id, 300});
            if (r.ok()) ++ok;
            else if (r.error.code == "refund_exceeds_charge") ++exceeded;
        });
    for (auto& t : threads) t.join();
    BOOST_TEST(ok.load() == 3);
    BOOST_TEST(exceeded.load() == 5);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(faults, Fixture)

BOOST_AUTO_TEST_CASE(crash_after_charge_keeps_the_charge) {
    const std::string ref = card("4242424242424242");
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        setenv("PWS_CRASH_AT", "after_charge", 1);
        pws::faults::arm_from_environment();
        pws::faults::maybe_crash("before_charge");  // not armed: no effect
        pws::TestProcessorOptions o;
        o.ledger_path = ledger;
        auto p = TestProcessor::open(o);
        if (!p.ok() || !p.value->charge({"pay_crash", ref, 1234, "USD"}).ok()) _exit(1);
        pws::faults::maybe_crash("after_charge");
        _exit(0);  // not reached
    }
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_REQUIRE(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == pws::faults::kCrashExitCode);
    auto found = proc->lookup("pay_crash");
    BOOST_REQUIRE(found.ok());
    BOOST_REQUIRE(found.value.has_value());
    BOOST_TEST(found.value->status == ChargeStatus::succeeded);
    BOOST_TEST(found.value->amount == 1234);
}

BOOST_AUTO_TEST_CASE(the_environment_arms_nothing_until_asked) {
    pws::faults::set_crash_point("");
    setenv("PWS_CRASH_AT", "before_charge", 1);
    BOOST_TEST(pws::faults::crash_point().empty());
    pws::faults::maybe_crash("before_charge");  // still alive
    pws::faults::arm_from_environment();
    BOOST_TEST(pws::faults::crash_point() == "before_charge");
    pws::faults::set_crash_point("");
    unsetenv("PWS_CRASH_AT");
}

BOOST_AUTO_TEST_CASE(crash_point_setter_overrides_and_disarms) {
    pws::faults::set_crash_point("before_charge");
    BOOST_TEST(pws::faults::crash_point() == "before_charge");
    pws::faults::maybe_crash("after_charge");  // a different point: still alive
    pws::faults::set_crash_point("");
    BOOST_TEST(pws::faults::crash_point().empty());
    pws::faults::maybe_crash("before_charge");  // disarmed: still alive
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        pws::faults::set_crash_point("before_charge");
        pws::faults::maybe_crash("before_charge");
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_REQUIRE(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 137);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ledger_statements)

BOOST_AUTO_TEST_CASE(reused_statements_are_independent_reset_and_released) {
    pws_test::TempDir dir;
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(dir.file("stmts.db").c_str(), &db) == SQLITE_OK);
    BOOST_REQUIRE(pws::ledger::exec(db, "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3);"));
    const char* sql = "SELECT x FROM t ORDER BY x";
    for (int round = 0; round < 2; ++round) {  // the second round reuses kept statements
        pws::ledger::Stmt a(db, sql);
        BOOST_REQUIRE(a.step());
        BOOST_TEST(a.int64(0) == 1);
        {
            // The same SQL while `a` is in the middle of its rows: its own statement.
            pws::ledger::Stmt b(db, sql);
            BOOST_REQUIRE(b.step());
            BOOST_TEST(b.int64(0) == 1);
        }
        BOOST_REQUIRE(a.step());
        BOOST_TEST(a.int64(0) == 2);
    }
    {
        pws::ledger::Stmt bound(db, "SELECT ?1");
        bound.bind(1, std::int64_t{5});
        BOOST_REQUIRE(bound.step());
        BOOST_TEST(bound.int64(0) == 5);
    }
    {
        pws::ledger::Stmt again(db, "SELECT ?1");  // a kept statement starts unbound
        BOOST_REQUIRE(again.step());
        BOOST_TEST(again.text(0).empty());
        BOOST_TEST(again.run());
    }
    // Every kept statement is finalized: the connection closes cleanly.
    pws::ledger::forget_statements(db);
    BOOST_TEST(sqlite3_close(db) == SQLITE_OK);
}

BOOST_AUTO_TEST_SUITE_END()

// The fault behind "a charge times out, then succeeds" (lands_late): the
// call fails as unknown, an immediate lookup finds nothing, and the charge
// is in the ledger a moment later, once.
BOOST_AUTO_TEST_CASE(a_late_landing_charge_answers_unavailable_and_is_recorded_later) {
    Fixture f;
    const std::string ref = f.card("4242424242424242");
    pws::TestProcessorOptions o;
    o.ledger_path = f.ledger;
    o.lands_late = std::chrono::milliseconds(200);
    auto late = TestProcessor::open(std::move(o));
    BOOST_REQUIRE(late.ok());
    auto r = late.value->charge({"ck_late", ref, 1000, "USD"});
    BOOST_TEST(!r.ok());
    BOOST_TEST(r.error.code == "processor_unavailable");
    auto now = late.value->lookup("ck_late");
    BOOST_REQUIRE(now.ok());
    BOOST_TEST(!now.value.has_value());
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    auto later = f.proc->lookup("ck_late");
    BOOST_REQUIRE(later.ok());
    BOOST_REQUIRE(later.value.has_value());
    BOOST_TEST(later.value->status == ChargeStatus::succeeded);
}
