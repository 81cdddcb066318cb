#include "services/seed_demo_history.hpp"

#include <algorithm>
#include <cctype>

#include "auth/payer_auth.hpp"
#include "paywidget/mandate_text.hpp"
#include "security/random.hpp"
#include "services/activity.hpp"
#include "services/admin_links.hpp"
#include "services/clients.hpp"
#include "services/invoices.hpp"
#include "services/payments.hpp"
#include "services/refunds.hpp"
#include "services/tokenize.hpp"

namespace pws {

namespace {

constexpr const char* kNames[kDemoHistoryClients] = {
    "Avery Johnson",  "Blake Martinez", "Casey Nguyen",   "Dana Okafor",    "Elliot Brown",   "Farah Haddad",
    "Gabriel Silva",  "Hana Kobayashi", "Isaac Cohen",    "Jamie O'Neill",  "Kai Peterson",   "Lena Fischer",
    "Mateo Rossi",    "Nia Williams",   "Owen Kowalski",  "Priya Raman",    "Quinn Murphy",   "Rosa Delgado",
    "Sami Virtanen",  "Tariq Aziz",     "Uma Patel",      "Victor Dubois",  "Wren Gallagher", "Ximena Ruiz",
    "Yusuf Demir",    "Zoe Lambert",    "Ari Goldberg",   "Bea Santos",     "Cole Anderson",  "Dev Sharma"};

constexpr const char* kServices[] = {"Massage therapy (60 min)", "Physiotherapy session", "Acupuncture session",
                                     "Nutrition consultation", "Chiropractic adjustment"};

// What happened to each client's invoice, by client index: a little of
// everything, and the last five paid (or not) in the last hours, so "Paid
// this month" is never empty, even on the 1st.
enum class Outcome { card, card_late, bank, partial, refunded, unpaid, declined, void_ };
constexpr Outcome kOutcomes[kDemoHistoryClients] = {
    Outcome::card,   Outcome::card,   Outcome::card_late, Outcome::bank,   Outcome::partial,  Outcome::refunded,
    Outcome::unpaid, Outcome::card,   Outcome::unpaid,    Outcome::void_,  Outcome::card,     Outcome::card,
    Outcome::card_late, Outcome::bank, Outcome::partial,  Outcome::refunded, Outcome::unpaid, Outcome::declined,
    Outcome::card,   Outcome::unpaid, Outcome::card,      Outcome::bank,   Outcome::card,     Outcome::partial,
    Outcome::card,   Outcome::refunded, Outcome::unpaid,  Outcome::declined, Outcome::card,   Outcome::bank};
constexpr int kRecentFrom = kDemoHistoryClients - 5;

// Runs the seeding steps at an earlier instant; puts the real clock back.
class ClockSetBack {
public:
    explicit ClockSetBack(App& app) : app_(app), real_(app.now_ms) {}
    ~ClockSetBack() { app_.now_ms = real_; }
    ClockSetBack(const ClockSetBack&) = delete;
    ClockSetBack& operator=(const ClockSetBack&) = delete;
    void at(UnixTime t) {
        app_.now_ms = [t] { return t * 1000; };
    }
    UnixTime real_now() const { return real_() / 1000; }

private:
    App& app_;
    std::function<std::int64_t()> real_;
};

struct Paying {
    App& app;
    Payer payer;
    std::string invoice_id;
    int address = 0;  // 198.51.100.<n>: each payment its own address, as many payers have

    std::string client_address() const { return "198.51.100." + std::to_string(1 + address % 250); }

    // Tokenize (card number, or ACH) then pay, as the widget does.
    pw::Error pay(std::int64_t amount, const std::string& card_number, bool bank = false) {
        pw::TokenRequest tr;
        if (bank) {
            tr.type = pw::MethodType::bank_debit;
            tr.bank.scheme = pw::BankScheme::ach;
            tr.bank.account_holder = payer.client.name;
            tr.bank.routing_number = "110000000";
            tr.bank.account_number = "000123456789";
            tr.bank.account_type = "checking";
            tr.mandate = {true, pw::mandate_text(pw::BankScheme::ach, "en", "").version};  // names the wording only
        } else {
            tr.card = {card_number, "12/" + std::to_string((app.today().year + 3) % 100), "123", payer.client.name,
                       "94107"};
        }
        pw::Result<pw::TokenResponse> tok = create_token(app, payer, client_address(), tr);
        if (!tok.ok()) return pw::make_error("demo_history", "token", tok.error.code);
        pw::PaymentRequest pr;
        pr.amount = amount;
        pr.currency = "USD";
        pr.token = tok.value.token;
        pw::Result<KeyedReply> paid = pay_invoice(app, payer, invoice_id, "demo-" + random_token(), pr, client_address());
        if (!paid.ok()) return pw::make_error("demo_history", "payment", paid.error.code);
        pw::PaymentResponse made;
        if (pw::Error e = pw::decode(nlohmann::json::parse(paid.value.body, nullptr, false), made))
            return pw::make_error("demo_history", "payment", e.code);
        last_payment = made.payment.id;
        return {};
    }
    std::string last_payment;
};

}  // namespace

pw::Error seed_demo_history(App& app, const Practice& practice) {
    ClockSetBack clock(app);
    const UnixTime today_start = clock.real_now() / 86400 * 86400;
    for (int i = 0; i < kDemoHistoryClients; ++i) {
        // Issued from 120 days ago up to 4 days ago, in the working day (UTC).
        const UnixTime issued = today_start - static_cast<UnixTime>(kDemoHistoryDays - i * 4) * 86400 + 9 * 3600 + i * 600;
        clock.at(issued);
        const std::string name = kNames[i];
        std::string email;  // "jamie.oneill@example.com"
        for (char c : name)
            if (c == ' ') email += '.';
            else if (std::isalpha(static_cast<unsigned char>(c))) email += static_cast<char>(std::tolower(c));
        auto client = create_client(app, practice, pw::CreateClientRequest{name, email + "@example.com", ""});
        if (!client) return client.error;

        const Outcome outcome = kOutcomes[i];
        pw::CreateInvoiceRequest req;
        req.client_id = client.value.id;
        req.currency = "USD";
        req.issue_date = app.today();
        req.due_date = pw::add_days(req.issue_date, 21);
        const std::int64_t unit = 6000 + (i * 1750) % 9000;  // $60 .. $150, in $2.50 steps
        req.items = {{kServices[i % 5], 1 + i % 3, unit, 0}};
        req.accepted.card = true;
        req.accepted.bank_debit = {pw::BankScheme::ach};
        req.partial.enabled = outcome == Outcome::partial;
        req.partial.minimum_kind = pw::MinimumKind::percent;
        req.partial.minimum_bps = req.partial.enabled ? 2500 : 0;
        auto invoice = create_invoice(app, practice, req);
        if (!invoice) return invoice.error;
        const std::string invoice_id = invoice.value.record.id;
        const std::int64_t total = invoice.value.invoice.total;

        if (outcome == Outcome::void_) {
            if (pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
                    if (pw::Error v = t.set_invoice_void(invoice_id, true)) return v;
                    return record_activity(t, app, practice.id, Actor{"demo"}, "invoice.voided", invoice_id,
                                           "Voided invoice " + invoice.value.invoice.number);
                }))
                return e;
            continue;
        }
        if (outcome == Outcome::unpaid) continue;

        auto link = issue_link(app, practice, invoice_id, kDefaultLinkDays);
        if (!link) return link.error;
        AuthFailure failure;
        auto payer = resolve_link(app, link.value.token, &failure);
        if (!payer) return payer.error;
        Paying paying{app, payer.value, invoice_id, i, ""};

        // Paid a few days after the invoice went out (the last few: in the
        // last hours), never later than now.
        const UnixTime latest = clock.real_now() - 3600;
        auto when = [&](UnixTime t) { clock.at(std::min(t, latest)); };
        when(i >= kRecentFrom ? latest - (kDemoHistoryClients - i) * 1800 : issued + (2 + i % 5) * 86400);
        pw::Error e;
        switch (outcome) {
            case Outcome::card:
            case Outcome::refunded: e = paying.pay(total, "4242424242424242"); break;
            case Outcome::card_late:  // after the due date
                when(issued + 25 * 86400);
                e = paying.pay(total, "5555555555554444");
                break;
            case Outcome::bank: e = paying.pay(total, "", true); break;
            case Outcome::partial: e = paying.pay(total / 2, "4242424242424242"); break;
            case Outcome::declined: e = paying.pay(total, "4000000000000002"); break;
            default: break;
        }
        if (e) return e;
        if (outcome == Outcome::refunded) {
            when(i >= kRecentFrom ? latest : issued + 10 * 86400);
            pw::RefundRequest refund{total / 4, "Session shortened: part refunded"};
            auto made = refund_payment(app, practice, paying.last_payment, "demo-refund-" + random_token(), refund,
                                       Actor{"demo"});
            if (!made) return made.error;
        }
    }
    return {};
}

}  // namespace pws
