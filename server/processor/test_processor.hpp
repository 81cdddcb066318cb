// The bundled test processor: outcomes by test card / bank account number
// (test_behaviour.hpp, README.md), with a DURABLE ledger in its own SQLite
// file, so it behaves like an external processor that outlives a crash of
// the server: a charge recorded before the server died is still there, with
// the same key, after the restart.
//
// Several server processes may open the same ledger file at once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "processor/group_commit.hpp"
#include "processor/ledger_sqlite.hpp"
#include "processor/processor.hpp"

namespace pws {

struct TestBehaviour;

struct TestProcessorOptions {
    std::string ledger_path;  // SQLite file, created when missing
    // How long a bank debit stays pending after the charge; settle_due(now)
    // settles those whose time has come. 0 in tests: the next settle_due call.
    std::chrono::seconds settle_delay{0};
    // Simulated network time of each charge and refund (slept BEFORE touching
    // the ledger and never inside any lock). 0 by default.
    std::chrono::milliseconds latency{0};
    // "The charge call times out, then succeeds at the processor": when > 0,
    // charge() answers processor_unavailable at once and the charge is
    // recorded this much later, on a thread of its own, so an immediate
    // lookup() still finds nothing. Test mode only (PWS_CHARGE_LANDS_LATE_MS).
    std::chrono::milliseconds lands_late{0};
    // "now" for charge timestamps and settle_at; system_clock::now when empty.
    std::function<TimePoint()> clock;
};

class TestProcessor final : public Processor {
public:
    // Opens (creating when missing) the ledger and its schema. Error:
    // processor_unavailable (the file cannot be opened or written).
    static pw::Result<std::unique_ptr<TestProcessor>> open(TestProcessorOptions options);
    ~TestProcessor() override;  // waits for charges still landing (lands_late)

    pw::Result<TokenizeResult> tokenize_card(const CardDetails& card) override;
    pw::Result<TokenizeResult> tokenize_bank(const BankDetails& bank) override;
    pw::Result<ChargeOutcome> charge(const ChargeRequest& request) override;
    pw::Result<std::optional<ChargeOutcome>> lookup(std::string_view key) override;
    pw::Result<RefundOutcome> refund(const RefundCall& request) override;
    pw::Result<std::optional<RefundOutcome>> lookup_refund(std::string_view key) override;
    pw::Result<std::vector<Settlement>> settle_due(TimePoint now) override;

private:
    explicit TestProcessor(TestProcessorOptions options);
    pw::Result<TokenizeResult> store_method(TokenizeResult method, const TestBehaviour& b);
    // charge() inside the ledger's write transaction.
    pw::Result<ChargeOutcome> charge_in(sqlite3* db, const ChargeRequest& request);
    TimePoint now() const;
    pw::Result<ChargeOutcome> record_charge(const ChargeRequest& request);

    TestProcessorOptions options_;
    ledger::Pool pool_;
    // Charges and new methods: fsynced in batches, each caller answered
    // only once its write is durable (processor/group_commit.hpp).
    ledger::GroupCommit durable_writes_{pool_};
    std::mutex landing_mu_;
    std::vector<std::thread> landing_;  // lands_late charges on their way
};

}  // namespace pws
