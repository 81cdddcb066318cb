// The demo's history (--seed-demo, services/seed_demo_history.*) against the
// real server binary: every kind of outcome the console shows is there, the
// numbers obey the core (each invoice's live view), Home's bounded reads
// give what reading every invoice gives, and two runs seed the same data.
#define BOOST_TEST_MODULE console_demo
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>

#include "server_process.hpp"
#include "services/seed_demo.hpp"
#include "services/seed_demo_history.hpp"

using namespace pws_test;

namespace {

struct Seeded {
    TempDir dir;
    ServerProcess server{dir.path().string(), {"--seed-demo"}};
    std::unique_ptr<Seeder> seed;
    Seeded() {
        // Bank debits stay processing for an hour, as a real one does for days.
        server.set_settle_delay_seconds(3600);
        BOOST_REQUIRE(server.start());
        seed = std::make_unique<Seeder>(dir.path().string());
        BOOST_REQUIRE(seed->ok());
    }
    template <class Fn>
    void read(Fn fn) {
        BOOST_REQUIRE_EQUAL(seed->store().read_transaction([&](pws::ReadTxn& t) -> pw::Error { return fn(t); }).code, "");
    }
};

// The invoices' clients, numbers and totals, and every payment's amount and
// state: what must not change from one run to the next.
std::vector<std::string> fingerprint(pws::ReadTxn& t) {
    std::vector<std::string> out;
    for (const pws::InvoiceView& v : t.practice_invoices(pws::kDemoPracticeId, pws::InvoiceFilter::all).value) {
        out.push_back(v.invoice.number + " " + v.invoice.client.name + " " + std::to_string(v.invoice.total) + " " +
                      std::string(pw::status_id(v.invoice.status)));
        for (const pws::PaymentRecord& p : v.payments)
            out.push_back(v.invoice.number + " paid " + std::to_string(p.amount) + " " +
                          std::string(pws::payment_state_id(p.state)));
    }
    // Invoices made in the same second are listed in id order, and ids are random.
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_history_has_every_outcome_and_obeys_the_core) {
    Seeded s;
    BOOST_TEST(s.server.stdout_text().find("history: 30 more clients") != std::string::npos, s.server.stdout_text());
    s.read([](pws::ReadTxn& t) -> pw::Error {
        BOOST_TEST(t.practice_clients(pws::kDemoPracticeId).value.size() >= 2u + pws::kDemoHistoryClients);
        std::map<pw::InvoiceStatus, int> statuses;
        const pw::Date today = pw::civil_from_days(Seeder::now() / 86400);
        int overdue = 0;
        std::map<std::string, std::int64_t> due;
        for (const pws::InvoiceView& v : t.practice_invoices(pws::kDemoPracticeId, pws::InvoiceFilter::all).value) {
            ++statuses[v.invoice.status];
            const bool unpaid = v.invoice.status == pw::InvoiceStatus::open ||
                                v.invoice.status == pw::InvoiceStatus::partially_paid;
            if (unpaid) due[v.invoice.currency] += v.invoice.balance;
            if (unpaid && v.invoice.due_date < today) ++overdue;
            // Issued within the last 120 days (the seed's own invoices: today).
            BOOST_TEST(pw::days_from_civil(today) - pw::days_from_civil(v.invoice.issue_date) <= pws::kDemoHistoryDays);
        }
        BOOST_TEST(statuses[pw::InvoiceStatus::paid] >= 10);
        BOOST_TEST(statuses[pw::InvoiceStatus::partially_paid] >= 3);
        BOOST_TEST(statuses[pw::InvoiceStatus::void_] == 1);
        BOOST_TEST(statuses[pw::InvoiceStatus::open] >= 5);
        BOOST_TEST(overdue >= 3);

        // Home's bounded reads: the same money due as reading every invoice.
        std::map<std::string, std::int64_t> bounded;
        for (const pws::InvoiceView& v : t.practice_unpaid_invoices(pws::kDemoPracticeId).value)
            if (v.invoice.status == pw::InvoiceStatus::open || v.invoice.status == pw::InvoiceStatus::partially_paid)
                bounded[v.invoice.currency] += v.invoice.balance;
        BOOST_TEST((bounded == due));
        BOOST_TEST(due["USD"] > 0);

        pws::PaymentFilter declined;
        declined.states = {pws::PaymentState::declined};
        auto refused = t.practice_payments(pws::kDemoPracticeId, declined, 10, 0).value;
        BOOST_REQUIRE(!refused.empty());
        BOOST_TEST(refused[0].payment.decline_code == "card_declined");
        pws::PaymentFilter refunded;
        refunded.refunded = true;
        BOOST_TEST(t.practice_payments(pws::kDemoPracticeId, refunded, 10, 0).value.size() == 3u);
        pws::PaymentFilter bank;
        bank.method = pw::MethodType::bank_debit;
        BOOST_TEST(t.practice_payments(pws::kDemoPracticeId, bank, 10, 0).value.size() >= 4u);
        pws::PaymentFilter processing;
        processing.states = {pws::PaymentState::processing};
        BOOST_TEST(!t.practice_payments(pws::kDemoPracticeId, processing, 10, 0).value.empty());
        // Something was paid this month (the last clients paid in the last hours).
        const pws::UnixTime month = pw::days_from_civil(pw::Date{today.year, today.month, 1}) * 86400;
        BOOST_TEST(!t.practice_paid_since(pws::kDemoPracticeId, month).value.empty());
        int refunds_logged = 0;
        for (const pws::ActivityEntry& a : t.activity(pws::kDemoPracticeId, 100, 0).value)
            refunds_logged += a.action == "refund.issued";
        BOOST_TEST(refunds_logged == 3);
        return {};
    });
}

BOOST_AUTO_TEST_CASE(two_runs_seed_the_same_history) {
    std::vector<std::string> first, second;
    {
        Seeded s;
        s.read([&](pws::ReadTxn& t) -> pw::Error { first = fingerprint(t); return {}; });
    }
    Seeded s;
    s.read([&](pws::ReadTxn& t) -> pw::Error { second = fingerprint(t); return {}; });
    BOOST_TEST(first.size() > 50u);  // 35 invoices and their payments
    BOOST_TEST(first == second, boost::test_tools::per_element());
}
