#include "processor/test_processor.hpp"

#include <algorithm>
#include <thread>

#include "paywidget/card.hpp"
#include "processor/test_behaviour.hpp"
#include "security/random.hpp"

namespace pws {
namespace {

using ledger::Stmt;
using ledger::Transaction;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS methods(
  reference     TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  at_charge     TEXT NOT NULL,     -- charge_status_id of the immediate outcome
  code          TEXT NOT NULL,     -- decline code, or the bank return code
  return_reason TEXT NOT NULL,
  created_ms    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS charges(
  key           TEXT PRIMARY KEY,  -- the caller's idempotency key
  charge_id     TEXT NOT NULL UNIQUE,
  reference     TEXT NOT NULL,
  amount        INTEGER NOT NULL CHECK (amount > 0),
  currency      TEXT NOT NULL,
  status        TEXT NOT NULL,
  code          TEXT NOT NULL,
  return_reason TEXT NOT NULL,
  settle_at_ms  INTEGER NOT NULL,
  created_ms    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS charges_pending ON charges(status, settle_at_ms);
CREATE TABLE IF NOT EXISTS refunds(
  key            TEXT PRIMARY KEY,
  refund_id      TEXT NOT NULL UNIQUE,
  charge_id      TEXT NOT NULL,
  amount         INTEGER NOT NULL CHECK (amount > 0),
  refunded_total INTEGER NOT NULL,
  created_ms     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS refunds_by_charge ON refunds(charge_id);
)sql";

constexpr std::size_t kMaxKeyBytes = 255;

template <class T>
pw::Result<T> unavailable() {
    return pw::Result<T>::failure("processor_unavailable", "",
                                  "Payments are temporarily unavailable. Try again in a few minutes.");
}

std::int64_t to_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::optional<ChargeStatus> status_from_id(std::string_view id) {
    for (ChargeStatus s : {ChargeStatus::succeeded, ChargeStatus::pending, ChargeStatus::declined,
                           ChargeStatus::processing_error, ChargeStatus::returned})
        if (charge_status_id(s) == id) return s;
    return std::nullopt;
}

bool all_digits(std::string_view s, std::size_t min, std::size_t max) {
    if (s.size() < min || s.size() > max) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// ISO 7064 MOD 97-10 over the rearranged IBAN, digit by digit.
bool iban_ok(std::string_view iban) {
    if (iban.size() < 15 || iban.size() > 34) return false;
    int rem = 0;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        const char c = iban[(i + 4) % iban.size()];
        if (c >= '0' && c <= '9') {
            rem = (rem * 10 + (c - '0')) % 97;
        } else if (c >= 'A' && c <= 'Z') {
            rem = (rem * 100 + (c - 'A' + 10)) % 97;
        } else {
            return false;
        }
    }
    return rem == 1;
}

bool valid_currency(std::string_view c) {
    return c.size() == 3 && std::all_of(c.begin(), c.end(), [](char x) { return x >= 'A' && x <= 'Z'; });
}

bool valid_key(std::string_view k) { return !k.empty() && k.size() <= kMaxKeyBytes; }

std::string last4(std::string_view s) { return std::string(s.substr(s.size() > 4 ? s.size() - 4 : 0)); }

// Columns: charge_id, amount, currency, status, code, return_reason.
std::optional<ChargeOutcome> outcome_from_row(const Stmt& st, int first) {
    ChargeOutcome o;
    o.charge_id = st.text(first);
    o.amount = st.int64(first + 1);
    o.currency = st.text(first + 2);
    const auto status = status_from_id(st.text(first + 3));
    if (!status) return std::nullopt;
    o.status = *status;
    if (o.status != ChargeStatus::succeeded && o.status != ChargeStatus::pending) o.decline_code = st.text(first + 4);
    o.return_reason = st.text(first + 5);
    o.retryable = o.status == ChargeStatus::processing_error;
    return o;
}

}  // namespace


std::string_view charge_status_id(ChargeStatus s) {
    switch (s) {
        case ChargeStatus::succeeded: return "succeeded";
        case ChargeStatus::pending: return "pending";
        case ChargeStatus::declined: return "declined";
        case ChargeStatus::processing_error: return "processing_error";
        case ChargeStatus::returned: return "returned";
    }
    return "declined";
}

TestProcessor::TestProcessor(TestProcessorOptions options)
    : options_(std::move(options)), pool_(options_.ledger_path) {}

TestProcessor::~TestProcessor() {
    std::lock_guard lock(landing_mu_);
    for (std::thread& t : landing_) t.join();
}

TimePoint TestProcessor::now() const {
    return options_.clock ? options_.clock() : std::chrono::system_clock::now();
}

pw::Result<std::unique_ptr<TestProcessor>> TestProcessor::open(TestProcessorOptions options) {
    using R = pw::Result<std::unique_ptr<TestProcessor>>;
    if (!ensure_sodium()) return unavailable<std::unique_ptr<TestProcessor>>();
    std::unique_ptr<TestProcessor> p(new TestProcessor(std::move(options)));
    auto db = p->pool_.acquire();
    if (!db || !ledger::exec(db.get(), kSchema)) return unavailable<std::unique_ptr<TestProcessor>>();
    db.reset();
    return R::success(std::move(p));
}

pw::Result<TokenizeResult> TestProcessor::store_method(TokenizeResult method, const TestBehaviour& b) {
    method.reference = random_id("pm_test_");
    const std::int64_t created = to_ms(now());
    const bool stored = durable_writes_.run([&](sqlite3* db) {
        Stmt st(db,
                "INSERT INTO methods(reference, kind, at_charge, code, return_reason, created_ms) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        st.bind(1, method.reference)
            .bind(2, pw::method_type_id(method.kind))
            .bind(3, charge_status_id(b.at_charge))
            .bind(4, b.code)
            .bind(5, b.return_reason)
            .bind(6, created);
        return st.run();
    });
    if (!stored) return unavailable<TokenizeResult>();
    return pw::Result<TokenizeResult>::success(std::move(method));
}

pw::Result<TokenizeResult> TestProcessor::tokenize_card(const CardDetails& card) {
    using R = pw::Result<TokenizeResult>;
    const pw::CardNumberInfo info = pw::inspect_card_number(card.number);
    if (!info.valid) return R::failure("invalid_card_number", "number", "Your card number is invalid. Check it and try again.");
    if (card.exp_month < 1 || card.exp_month > 12 || card.exp_year < 2000 || card.exp_year > 9999)
        return R::failure("invalid_expiry", "exp", "Your card's expiry date is invalid. Check it and try again.");
    TokenizeResult t;
    t.kind = pw::MethodType::card;
    t.brand = std::string(pw::card_brand_id(info.brand));
    t.last4 = last4(info.digits);
    t.exp_month = card.exp_month;
    t.exp_year = card.exp_year;
    t.fingerprint_input = "card:" + info.digits;
    return store_method(std::move(t), test_card_behaviour(info.digits));
}

pw::Result<TokenizeResult> TestProcessor::tokenize_bank(const BankDetails& bank) {
    using R = pw::Result<TokenizeResult>;
    auto bad = [](const char* field) {
        return R::failure("invalid_bank_account", field, "Your bank account details are invalid. Check them and try again.");
    };
    TokenizeResult t;
    t.kind = pw::MethodType::bank_debit;
    switch (bank.scheme) {
        case pw::BankScheme::ach:
            if (!all_digits(bank.routing_number, 9, 9)) return bad("routing_number");
            if (!all_digits(bank.account_number, 4, 17)) return bad("account_number");
            t.brand = "ach";
            t.last4 = last4(bank.account_number);
            t.fingerprint_input = "ach:" + bank.routing_number + ":" + bank.account_number;
            break;
        case pw::BankScheme::pad:
            if (!all_digits(bank.institution_number, 3, 3)) return bad("institution_number");
            if (!all_digits(bank.transit_number, 5, 5)) return bad("transit_number");
            if (!all_digits(bank.account_number, 7, 12)) return bad("account_number");
            t.brand = "pad";
            t.last4 = last4(bank.account_number);
            t.fingerprint_input = "pad:" + bank.institution_number + ":" + bank.transit_number + ":" + bank.account_number;
            break;
        case pw::BankScheme::sepa:
            if (!iban_ok(bank.iban)) return bad("iban");
            t.brand = "sepa";
            t.last4 = last4(bank.iban);
            t.fingerprint_input = "sepa:" + bank.iban;
            break;
    }
    return store_method(std::move(t), test_bank_behaviour(bank));
}

pw::Result<ChargeOutcome> TestProcessor::charge(const ChargeRequest& req) {
    using R = pw::Result<ChargeOutcome>;
    if (!valid_key(req.key)) return R::failure("invalid_key", "key", "The charge key must be 1 to 255 bytes.");
    if (req.amount <= 0) return R::failure("invalid_amount", "amount", "The amount must be above zero.");
    if (!valid_currency(req.currency)) return R::failure("invalid_currency", "currency", "The currency must be an ISO 4217 code.");
    if (options_.latency.count() > 0) std::this_thread::sleep_for(options_.latency);
    if (options_.lands_late.count() > 0) {
        std::lock_guard lock(landing_mu_);
        landing_.emplace_back([this, req] {
            std::this_thread::sleep_for(options_.lands_late);
            (void)record_charge(req);
        });
        return unavailable<ChargeOutcome>();
    }
    return record_charge(req);
}

pw::Result<ChargeOutcome> TestProcessor::record_charge(const ChargeRequest& req) {
    // The outcome is decided inside the ledger transaction and reported
    // only once that transaction is durable.
    pw::Result<ChargeOutcome> result = unavailable<ChargeOutcome>();
    const bool committed = durable_writes_.run([&](sqlite3* db) {
        result = charge_in(db, req);
        return result.ok();
    });
    return committed ? result : unavailable<ChargeOutcome>();
}

pw::Result<ChargeOutcome> TestProcessor::charge_in(sqlite3* db, const ChargeRequest& req) {
    using R = pw::Result<ChargeOutcome>;
    Stmt prior(db,
               "SELECT reference, charge_id, amount, currency, status, code, return_reason "
               "FROM charges WHERE key = ?1");
    prior.bind(1, req.key);
    if (prior.step()) {
        if (prior.text(0) != req.reference || prior.int64(2) != req.amount || prior.text(3) != req.currency)
            return R::failure("idempotency_mismatch", "key", "This charge key was already used with different details.");
        auto o = outcome_from_row(prior, 1);
        return o ? R::success(*o) : unavailable<ChargeOutcome>();
    }
    if (!prior.ok()) return unavailable<ChargeOutcome>();

    Stmt method(db, "SELECT at_charge, code FROM methods WHERE reference = ?1");
    method.bind(1, req.reference);
    if (!method.step()) {
        if (!method.ok()) return unavailable<ChargeOutcome>();
        return R::failure("unknown_reference", "reference", "This payment method is unknown to the processor.");
    }
    const auto at_charge = status_from_id(method.text(0));
    if (!at_charge) return unavailable<ChargeOutcome>();

    ChargeOutcome o;
    o.status = *at_charge;
    o.charge_id = random_id("ch_test_");
    o.amount = req.amount;
    o.currency = req.currency;
    // A debit's return code waits in `methods` until settlement.
    if (o.status == ChargeStatus::declined || o.status == ChargeStatus::processing_error) o.decline_code = method.text(1);
    o.retryable = o.status == ChargeStatus::processing_error;
    const TimePoint t = now();
    const std::int64_t settle_at = to_ms(t + options_.settle_delay);

    Stmt insert(db,
                "INSERT INTO charges(key, charge_id, reference, amount, currency, status, code, "
                "return_reason, settle_at_ms, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8, ?9)");
    insert.bind(1, req.key)
        .bind(2, o.charge_id)
        .bind(3, req.reference)
        .bind(4, req.amount)
        .bind(5, req.currency)
        .bind(6, charge_status_id(o.status))
        .bind(7, o.decline_code)
        .bind(8, settle_at)
        .bind(9, to_ms(t));
    if (!insert.run()) return unavailable<ChargeOutcome>();
    return R::success(std::move(o));
}

pw::Result<std::optional<ChargeOutcome>> TestProcessor::lookup(std::string_view key) {
    using R = pw::Result<std::optional<ChargeOutcome>>;
    auto db = pool_.acquire();
    if (!db) return unavailable<std::optional<ChargeOutcome>>();
    Stmt st(db.get(), "SELECT charge_id, amount, currency, status, code, return_reason FROM charges WHERE key = ?1");
    st.bind(1, key);
    if (st.step()) {
        auto o = outcome_from_row(st, 0);
        return o ? R::success(std::move(o)) : unavailable<std::optional<ChargeOutcome>>();
    }
    if (!st.ok()) return unavailable<std::optional<ChargeOutcome>>();
    return R::success(std::nullopt);
}

pw::Result<RefundOutcome> TestProcessor::refund(const RefundCall& req) {
    using R = pw::Result<RefundOutcome>;
    if (!valid_key(req.key)) return R::failure("invalid_key", "key", "The refund key must be 1 to 255 bytes.");
    if (req.amount <= 0) return R::failure("invalid_amount", "amount", "The refund amount must be above zero.");
    if (options_.latency.count() > 0) std::this_thread::sleep_for(options_.latency);

    auto db = pool_.acquire();
    if (!db) return unavailable<RefundOutcome>();
    Transaction tx(db.get());
    if (!tx.begun()) return unavailable<RefundOutcome>();

    Stmt prior(db.get(), "SELECT refund_id, charge_id, amount, refunded_total FROM refunds WHERE key = ?1");
    prior.bind(1, req.key);
    if (prior.step()) {
        if (prior.text(1) != req.charge_id || prior.int64(2) != req.amount)
            return R::failure("idempotency_mismatch", "key", "This refund key was already used with different details.");
        return R::success(RefundOutcome{prior.text(0), prior.text(1), prior.int64(2), prior.int64(3)});
    }
    if (!prior.ok()) return unavailable<RefundOutcome>();

    Stmt charge(db.get(), "SELECT amount, status FROM charges WHERE charge_id = ?1");
    charge.bind(1, req.charge_id);
    if (!charge.step()) {
        if (!charge.ok()) return unavailable<RefundOutcome>();
        return R::failure("charge_not_found", "charge_id", "There is no charge with this id.");
    }
    const std::int64_t charged = charge.int64(0);
    if (charge.text(1) != charge_status_id(ChargeStatus::succeeded))
        return R::failure("charge_not_refundable", "charge_id", "Only a settled charge can be refunded.");

    Stmt sum(db.get(), "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE charge_id = ?1");
    sum.bind(1, req.charge_id);
    if (!sum.step()) return unavailable<RefundOutcome>();
    const std::int64_t already = sum.int64(0);
    // Written so that it cannot overflow: 0 <= already <= charged.
    if (req.amount > charged - already)
        return R::failure("refund_exceeds_charge", "amount", "A refund cannot be larger than what is left of the charge.");

    RefundOutcome out{random_id("re_test_"), req.charge_id, req.amount, already + req.amount};
    Stmt insert(db.get(),
                "INSERT INTO refunds(key, refund_id, charge_id, amount, refunded_total, created_ms) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, req.key).bind(2, out.refund_id).bind(3, out.charge_id).bind(4, out.amount).bind(5, out.refunded_total).bind(6, to_ms(now()));
    if (!insert.run() || !tx.commit()) return unavailable<RefundOutcome>();
    return R::success(std::move(out));
}

pw::Result<std::optional<RefundOutcome>> TestProcessor::lookup_refund(std::string_view key) {
    using R = pw::Result<std::optional<RefundOutcome>>;
    auto db = pool_.acquire();
    if (!db) return unavailable<std::optional<RefundOutcome>>();
    Stmt st(db.get(), "SELECT refund_id, charge_id, amount, refunded_total FROM refunds WHERE key = ?1");
    st.bind(1, key);
    if (st.step()) return R::success(RefundOutcome{st.text(0), st.text(1), st.int64(2), st.int64(3)});
    if (!st.ok()) return unavailable<std::optional<RefundOutcome>>();
    return R::success(std::nullopt);
}

pw::Result<std::vector<Settlement>> TestProcessor::settle_due(TimePoint now) {
    using R = pw::Result<std::vector<Settlement>>;
    auto db = pool_.acquire();
    if (!db) return unavailable<std::vector<Settlement>>();
    Transaction tx(db.get());
    if (!tx.begun()) return unavailable<std::vector<Settlement>>();

    Stmt due(db.get(),
             "SELECT c.key, c.charge_id, c.amount, c.currency, m.code, m.return_reason "
             "FROM charges c JOIN methods m ON m.reference = c.reference "
             "WHERE c.status = 'pending' AND c.settle_at_ms <= ?1 ORDER BY c.settle_at_ms, c.key");
    due.bind(1, to_ms(now));
    std::vector<Settlement> out;
    while (due.step()) {
        Settlement s;
        s.key = due.text(0);
        s.outcome.charge_id = due.text(1);
        s.outcome.amount = due.int64(2);
        s.outcome.currency = due.text(3);
        s.outcome.decline_code = due.text(4);
        s.outcome.return_reason = due.text(5);
        s.outcome.status = s.outcome.decline_code.empty() ? ChargeStatus::succeeded : ChargeStatus::returned;
        out.push_back(std::move(s));
    }
    if (!due.ok()) return unavailable<std::vector<Settlement>>();
    for (const Settlement& s : out) {
        Stmt up(db.get(), "UPDATE charges SET status = ?1, code = ?2, return_reason = ?3 WHERE key = ?4");
        up.bind(1, charge_status_id(s.outcome.status)).bind(2, s.outcome.decline_code).bind(3, s.outcome.return_reason).bind(4, s.key);
        if (!up.run()) return unavailable<std::vector<Settlement>>();
    }
    if (!tx.commit()) return unavailable<std::vector<Settlement>>();
    return R::success(std::move(out));
}

}  // namespace pws
