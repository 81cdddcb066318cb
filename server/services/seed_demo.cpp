#include "services/seed_demo.hpp"

#include "services/practice_users.hpp"

#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "services/admin_links.hpp"
#include "services/api_records.hpp"
#include "services/clients.hpp"
#include "services/invoices.hpp"
#include "services/practices.hpp"

namespace pws {

namespace {

pw::CreateInvoiceRequest invoice_request(const App& app, const Client& client, const std::string& currency) {
    pw::CreateInvoiceRequest r;
    r.client_id = client.id;
    r.currency = currency;
    r.issue_date = app.today();
    r.due_date = pw::add_days(r.issue_date, 30);
    r.accepted.card = true;
    return r;
}

bool demo_exists(App& app, pw::Error& error) {
    bool exists = false;
    error = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto p = t.practice(kDemoPracticeId);
        if (p) exists = true;
        else if (p.error.code != "not_found") return p.error;
        return {};
    });
    return exists;
}

// A saved Visa 4242 in the client's wallet, vaulted through the processor
// like a real "save my card" payment would.
pw::Error save_demo_card(App& app, const Practice& practice, const Client& client) {
    CardDetails card;
    card.number = "4242424242424242";
    card.exp_month = 12;
    card.exp_year = app.today().year + 3;
    card.cvc = "123";
    card.name = client.name;
    card.postal_code = "94107";
    auto tok = app.processor->tokenize_card(card);
    if (!tok) return tok.error;
    SavedMethodRecord m;
    m.id = random_id("pm_");
    m.practice_id = practice.id;
    m.client_id = client.id;
    m.kind = pw::MethodType::card;
    m.processor_ref = tok.value.reference;
    m.brand = tok.value.brand;
    m.last4 = tok.value.last4;
    m.exp_month = tok.value.exp_month;
    m.exp_year = tok.value.exp_year;
    m.fingerprint = card_fingerprint(app.secret, practice.id, tok.value.fingerprint_input);
    m.created_at = app.now();
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto saved = t.save_method(m);
        return saved ? pw::Error{} : saved.error;
    });
}

}  // namespace

pw::Error seed_demo(App& app, std::ostream& out) {
    pw::Error error;
    if (demo_exists(app, error)) {
        out << "demo: already loaded (practice " << kDemoPracticeId
            << "); its admin key and links were printed when it was created.\n";
        return {};
    }
    if (error) return error;

    // The practice, with a fixed id so a second run can tell it exists.
    Practice practice;
    practice.id = kDemoPracticeId;
    practice.name = "Dr. Maya Chen, Harbor Wellness Clinic";
    practice.email = "maya.chen@harborwellness.example";
    practice.phone = "+1 555 0142";
    practice.settings.allow_card_removal = true;
    practice.settings.settlement_currency = "USD";
    practice.settings.embed_origins = {"http://localhost:8081"};
    auto created = create_practice(app, practice);
    if (!created) return created.error;
    practice = created.value.practice;
    NewPracticeUser owner{practice.id, kDemoOwnerEmail, "Maya Chen", PracticeRole::owner, kDemoOwnerPassword};
    if (auto made = create_practice_user(app, owner); !made) return made.error;

    pw::CreateClientRequest sam_req{"Sam Rivera", kDemoPortalEmail, kDemoPortalPassword};
    auto sam = create_client(app, practice, sam_req, "+1 555 0199");
    if (!sam) return sam.error;
    if (pw::Error e = save_demo_card(app, practice, sam.value)) return e;
    pw::CreateClientRequest taylor_req{"Taylor Brooks", "taylor@example.com", ""};
    auto taylor = create_client(app, practice, taylor_req);
    if (!taylor) return taylor.error;

    struct Made {
        std::string label;
        std::string number;
        std::string url;
    };
    std::vector<Made> made;
    auto make = [&](const std::string& label, const pw::CreateInvoiceRequest& req) -> pw::Error {
        auto view = create_invoice(app, practice, req);
        if (!view) return view.error;
        auto link = issue_link(app, practice, view.value.record.id, kDefaultLinkDays);
        if (!link) return link.error;
        made.push_back({label, view.value.invoice.number, link.value.url});
        return {};
    };

    // 1. Partial payments, minimum 25% of the balance; card or ACH.
    pw::CreateInvoiceRequest partial = invoice_request(app, taylor.value, "USD");
    partial.items = {{"Initial consultation", 1, 15000, 0}, {"Supplements", 2, 2500, 400}};
    partial.partial.enabled = true;
    partial.partial.minimum_kind = pw::MinimumKind::percent;
    partial.partial.minimum_bps = 2500;
    partial.accepted.bank_debit = {pw::BankScheme::ach};
    if (pw::Error e = make("partial payments (min 25%), card or ACH", partial)) return e;

    // 2. Bank debit (ACH) only.
    pw::CreateInvoiceRequest ach = invoice_request(app, taylor.value, "USD");
    ach.items = {{"Physiotherapy (6 sessions)", 6, 9500, 0}};
    ach.accepted.card = false;
    ach.accepted.bank_debit = {pw::BankScheme::ach};
    if (pw::Error e = make("bank debit (ACH) only", ach)) return e;

    // 3. CAD, settled in USD at a display rate; card or PAD.
    pw::CreateInvoiceRequest cad = invoice_request(app, taylor.value, "CAD");
    cad.items = {{"Follow-up", 1, 9000, 1170}, {"Lab test", 3, 1500, 0}};
    cad.discount = 500;
    cad.partial.enabled = true;
    cad.partial.minimum_kind = pw::MinimumKind::fixed;
    cad.partial.minimum_amount = 2500;
    cad.accepted.bank_debit = {pw::BankScheme::pad};
    cad.settlement_currency = "USD";
    cad.fx_rate = pw::FxRate{732100000};  // 0.7321
    if (pw::Error e = make("CAD invoice settled in USD (fx 0.7321), card or PAD", cad)) return e;

    // 4. The portal client's invoice: its link asks to sign in.
    pw::CreateInvoiceRequest portal = invoice_request(app, sam.value, "USD");
    portal.items = {{"Acupuncture session", 1, 12000, 0}};
    portal.partial.enabled = true;
    portal.partial.minimum_kind = pw::MinimumKind::percent;
    portal.partial.minimum_bps = 2500;
    if (pw::Error e = make("portal client's invoice (link answers login_required)", portal)) return e;

    // 5. An expired link (to invoice 1), to see the expired-link page.
    auto first = create_invoice(app, practice, [&] {
        pw::CreateInvoiceRequest r = invoice_request(app, taylor.value, "USD");
        r.items = {{"Missed appointment fee", 1, 5000, 0}};
        return r;
    }());
    if (!first) return first.error;
    const std::string expired_token = random_token();
    Link expired;
    expired.id = random_id("lnk_");
    expired.invoice_id = first.value.record.id;
    expired.practice_id = practice.id;
    expired.token_hash = hash_token(app.secret, KeyUse::link_token, expired_token);
    expired.created_at = app.now() - 40 * 86400;
    expired.expires_at = app.now() - 10 * 86400;
    if (pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.insert_link(expired); })) return e;
    made.push_back({"expired link", first.value.invoice.number, app.url("/pay/" + expired_token)});

    out << "demo practice: " << practice.name << " (" << practice.id << ")\n"
        << "  admin key: " << created.value.admin_key << "\n"
        << "  portal login: " << kDemoPortalEmail << " / " << kDemoPortalPassword << "  at "
        << app.url("/portal/login") << "\n"
        << "  client without portal account: taylor@example.com\n"
        << "  console login: " << kDemoOwnerEmail << " / " << kDemoOwnerPassword << "  at "
        << app.url("/console/login") << "\n"
        << "pay links:\n";
    for (const Made& m : made) out << "  " << m.number << "  " << m.label << "\n    " << m.url << "\n";
    return {};
}

}  // namespace pws
