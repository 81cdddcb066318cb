#define BOOST_TEST_MODULE api_admin
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

#include "api_steps.hpp"

using namespace pws_test;

namespace {

// One server for the whole suite (admin calls are not rate limited), with
// two practices so tenant isolation can be checked.
struct World {
    TempDir dir;
    Seeder seed{dir.path().string()};
    ServerProcess server{dir.path().string()};
    AdminPractice a, b;
    bool started = false;
    World() {
        a = make_admin_practice(seed, "Dr. Ada Lovelace");
        b = make_admin_practice(seed, "Dr. Other Practice");
        started = seed.ok() && server.start();
    }
};

World& world() {
    static World w;
    return w;
}

struct Fixture {
    World& w = world();
    std::unique_ptr<pwhttp::Client> c = w.server.client();
    Fixture() { BOOST_REQUIRE(w.started); }
    std::string client(const std::string& tag, const std::string& password = "") {
        return create_client(*c, w.a.key, unique_email(tag), password);
    }
    // A succeeded card payment of `amount` on a fresh invoice of practice a.
    std::string paid(std::int64_t amount, std::string* invoice_out = nullptr) {
        const std::string cl = client("payer");
        const LinkedInvoice inv = invoice_with_link(*c, w.a.key, cl, amount);
        Reply r = pay_by_card(*c, inv.link, inv.invoice, amount);
        if (invoice_out) *invoice_out = inv.invoice;
        if (r.status != 200 || r.body["payment"]["status"] != "succeeded") return "";
        return r.body["payment"]["id"].get<std::string>();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(admin, Fixture)

BOOST_AUTO_TEST_CASE(admin_calls_need_a_valid_bearer_key) {
    Reply none = to_reply(c->Get("/api/v1/admin/invoices/inv_x"));
    BOOST_TEST(none.status == 401);
    BOOST_TEST(none.error_code() == "unauthorized");
    Reply wrong = admin_get(*c, "pwk_not_a_key", "/api/v1/admin/invoices/inv_x");
    BOOST_TEST(wrong.status == 401);
    Reply basic = to_reply(c->Get("/api/v1/admin/invoices/inv_x", {{"Authorization", "Basic " + w.a.key}}));
    BOOST_TEST(basic.status == 401);
    Reply create = to_reply(c->Post("/api/v1/admin/clients", json{{"name", "X"}, {"email", "x@example.com"}}.dump(),
                                    "application/json"));
    BOOST_TEST(create.status == 401);
}

BOOST_AUTO_TEST_CASE(another_practices_resources_are_not_found) {
    std::string inv;
    const std::string pay = paid(20000, &inv);
    BOOST_REQUIRE(!pay.empty());
    const std::string cl = client("mine");
    BOOST_TEST(admin_get(*c, w.a.key, "/api/v1/admin/invoices/" + inv).status == 200);
    Reply other = admin_get(*c, w.b.key, "/api/v1/admin/invoices/" + inv);
    BOOST_TEST(other.status == 404);
    BOOST_TEST(other.error_code() == "not_found");
    BOOST_TEST(admin_post(*c, w.b.key, "/api/v1/admin/invoices/" + inv + "/links", json::object()).status == 404);
    BOOST_TEST(admin_post(*c, w.b.key, "/api/v1/admin/invoices/" + inv + "/send", json::object()).status == 404);
    Reply foreign_client = admin_post(*c, w.b.key, "/api/v1/admin/invoices", invoice_body(cl));
    BOOST_TEST(foreign_client.status == 404);
    BOOST_TEST(foreign_client.error_field() == "client_id");
    BOOST_TEST(admin_post(*c, w.b.key, "/api/v1/admin/clients/" + cl + "/invite", json::object()).status == 404);
    Reply refund = admin_post(*c, w.b.key, "/api/v1/admin/payments/" + pay + "/refunds", {{"amount", 100}}, new_key());
    BOOST_TEST(refund.status == 404);
    BOOST_TEST(admin_get(*c, w.a.key, "/api/v1/admin/invoices/inv_does_not_exist").status == 404);
}

BOOST_AUTO_TEST_CASE(create_client_validates_and_refuses_duplicates) {
    const std::string email = unique_email("dup");
    Reply ok = admin_post(*c, w.a.key, "/api/v1/admin/clients", {{"name", "Grace"}, {"email", email}});
    BOOST_TEST(ok.status == 201);
    BOOST_TEST(ok.body["client"]["portal_activated"] == false);
    BOOST_TEST(ok.body["client"]["email"] == email);
    Reply dup = admin_post(*c, w.a.key, "/api/v1/admin/clients", {{"name", "Grace"}, {"email", email}});
    BOOST_TEST(dup.status == 409);
    BOOST_TEST(dup.error_code() == "email_taken");
    BOOST_TEST(dup.error_field() == "email");
    // The same email is fine at another practice (tenants are separate).
    BOOST_TEST(admin_post(*c, w.b.key, "/api/v1/admin/clients", {{"name", "Grace"}, {"email", email}}).status == 201);

    Reply missing = admin_post(*c, w.a.key, "/api/v1/admin/clients", {{"name", "Grace"}});
    BOOST_TEST(missing.status == 422);
    BOOST_TEST(missing.error_code() == "missing_field");
    BOOST_TEST(missing.error_field() == "email");
    Reply bad_email = admin_post(*c, w.a.key, "/api/v1/admin/clients", {{"name", "G"}, {"email", "not-an-email"}});
    BOOST_TEST(bad_email.status == 422);
    BOOST_TEST(bad_email.error_field() == "email");
    Reply typo = admin_post(*c, w.a.key, "/api/v1/admin/clients",
                            {{"name", "G"}, {"email", "t@example.com"}, {"portal_pasword", "x"}});
    BOOST_TEST(typo.error_code() == "unknown_field");
    Reply short_pw = admin_post(*c, w.a.key, "/api/v1/admin/clients",
                                {{"name", "G"}, {"email", "s@example.com"}, {"portal_password", "short"}});
    BOOST_TEST(short_pw.error_code() == "password_too_short");
    BOOST_TEST(short_pw.error_field() == "portal_password");
    Reply activated = admin_post(*c, w.a.key, "/api/v1/admin/clients",
                                 {{"name", "G"}, {"email", unique_email("act")},
                                  {"portal_password", "portal secret 1"}});
    BOOST_TEST(activated.status == 201);
    BOOST_TEST(activated.body["client"]["portal_activated"] == true);
    Reply form = to_reply(c->Post("/api/v1/admin/clients", bearer(w.a.key), "name=x", "application/x-www-form-urlencoded"));
    BOOST_TEST(form.status == 415);
}

BOOST_AUTO_TEST_CASE(create_invoice_numbers_computes_and_validates) {
    // A practice of its own so its numbering starts at INV-0001.
    ServerProcess& srv = w.server;
    AdminPractice p = make_admin_practice(w.seed, "Dr. Numbering");
    auto cc = srv.client();
    const std::string cl = create_client(*cc, p.key, unique_email("num"));
    BOOST_REQUIRE(!cl.empty());
    json body = invoice_body(cl, 15000);
    body["items"].push_back({{"description", "Supplements"}, {"quantity", 2}, {"unit_amount", 2500}, {"tax", 400}});
    body["discount"] = 500;
    Reply first = admin_post(*cc, p.key, "/api/v1/admin/invoices", body);
    BOOST_REQUIRE(first.status == 201);
    const json& inv = first.body["invoice"];
    BOOST_TEST(inv["number"] == "INV-0001");
    BOOST_TEST(inv["subtotal"] == 20000);
    BOOST_TEST(inv["tax"] == 400);
    BOOST_TEST(inv["total"] == 19900);
    BOOST_TEST(inv["balance"] == 19900);
    BOOST_TEST(inv["status"] == "open");
    BOOST_TEST(inv["practitioner"]["name"] == "Dr. Numbering");
    BOOST_TEST(inv["client"]["name"] == "Grace Hopper");
    BOOST_TEST(inv["partial_payments"]["minimum"]["basis_points"] == 2500);
    BOOST_TEST(admin_post(*cc, p.key, "/api/v1/admin/invoices", invoice_body(cl)).body["invoice"]["number"] ==
               "INV-0002");

    // Settlement currency defaults to the practice's setting.
    Reply settings = admin_put(*cc, p.key, "/api/v1/admin/settings",
                               {{"allow_saved_method_removal", false}, {"settlement_currency", "USD"},
                                {"embed_origins", json::array()}});
    BOOST_REQUIRE(settings.status == 200);
    Reply cad = admin_post(*cc, p.key, "/api/v1/admin/invoices", invoice_body(cl, 9000, "CAD"));
    BOOST_REQUIRE(cad.status == 201);
    BOOST_TEST(cad.body["invoice"]["settlement_currency"] == "USD");
    json with_fx = invoice_body(cl, 9000, "CAD");
    with_fx["settlement_currency"] = "USD";
    with_fx["fx_rate"] = "0.7321";
    Reply fx = admin_post(*cc, p.key, "/api/v1/admin/invoices", with_fx);
    BOOST_REQUIRE(fx.status == 201);
    BOOST_TEST(fx.body["invoice"]["fx_rate"] == "0.7321");
    Reply usd = admin_post(*cc, p.key, "/api/v1/admin/invoices", invoice_body(cl));
    BOOST_TEST(usd.body["invoice"]["settlement_currency"].is_null());

    // Validation errors name the field.
    auto expect = [&](json b, const std::string& field) {
        Reply r = admin_post(*cc, p.key, "/api/v1/admin/invoices", b);
        BOOST_TEST(r.status == 422, field << ": status " << r.status);
        BOOST_TEST(r.error_field() == field, field << " vs " << r.error_field() << " " << r.error_code());
    };
    json zero_qty = invoice_body(cl);
    zero_qty["items"][0]["quantity"] = 0;
    expect(zero_qty, "items[0].quantity");
    json big_discount = invoice_body(cl, 1000);
    big_discount["discount"] = 5000;
    expect(big_discount, "discount");
    json no_items = invoice_body(cl);
    no_items["items"] = json::array();
    expect(no_items, "items");
    json due = invoice_body(cl);
    due["due_date"] = "2025-02-01";
    expect(due, "due_date");
    json fx_same = invoice_body(cl);
    fx_same["fx_rate"] = "1.2";
    expect(fx_same, "fx_rate");
    json no_method = invoice_body(cl);
    no_method["accepted_methods"]["card"] = false;
    expect(no_method, "accepted_methods");
    json bad_currency = invoice_body(cl);
    bad_currency["currency"] = "XYZ";
    expect(bad_currency, "currency");
    json decimal = invoice_body(cl);
    decimal["items"][0]["unit_amount"] = 10.5;
    expect(decimal, "items[0].unit_amount");
    json taken = invoice_body(cl);
    taken["number"] = "INV-0001";
    expect(taken, "number");
}

BOOST_AUTO_TEST_CASE(links_are_created_listed_and_revoked) {
    const std::string cl = client("links");
    const std::string inv = create_invoice(*c, w.a.key, cl);
    Reply made = admin_post(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/links", {{"expires_in_days", 10}});
    BOOST_REQUIRE(made.status == 201);
    const std::string token = made.body["token"].get<std::string>();
    const std::string link_id = made.body["id"].get<std::string>();
    BOOST_TEST(token.size() >= 22u);
    BOOST_TEST(made.body["url"].get<std::string>().find("/pay/" + token) != std::string::npos);
    BOOST_TEST(made.body["revoked"] == false);
    // expires_at is 10 days out.
    const std::string exp = made.body["expires_at"].get<std::string>();
    const pw::Date today = pw::civil_from_days(Seeder::now() / 86400);
    BOOST_TEST(exp.substr(0, 10) == pw::format_iso_date(pw::add_days(today, 10)));

    // Default 30 days with an empty body; out of range refused.
    Reply dflt = to_reply(c->Post(("/api/v1/admin/invoices/" + inv + "/links").c_str(), bearer(w.a.key), "", "application/json"));
    BOOST_TEST(dflt.status == 201);
    BOOST_TEST(dflt.body["expires_at"].get<std::string>().substr(0, 10) == pw::format_iso_date(pw::add_days(today, 30)));
    for (int days : {0, 366}) {
        Reply bad = admin_post(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/links", {{"expires_in_days", days}});
        BOOST_TEST(bad.status == 422);
        BOOST_TEST(bad.error_field() == "expires_in_days");
    }

    BOOST_TEST(get_link(*c, token).status == 200);
    Reply view = admin_get(*c, w.a.key, "/api/v1/admin/invoices/" + inv);
    BOOST_REQUIRE(view.status == 200);
    BOOST_TEST(view.body["links"].size() == 2u);
    for (const json& l : view.body["links"]) BOOST_TEST(l["token"].is_null());

    BOOST_TEST(admin_delete(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/links/" + link_id).status == 204);
    Reply gone = get_link(*c, token);
    BOOST_TEST(gone.status == 410);
    BOOST_TEST(gone.error_code() == "link_revoked");
    BOOST_TEST(gone.body["error"]["practitioner"]["name"] == "Dr. Ada Lovelace");
    view = admin_get(*c, w.a.key, "/api/v1/admin/invoices/" + inv);
    int revoked = 0;
    for (const json& l : view.body["links"]) revoked += l["revoked"].get<bool>() ? 1 : 0;
    BOOST_TEST(revoked == 1);
    // Twice is fine; unknown or another practice's link is 404.
    BOOST_TEST(admin_delete(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/links/" + link_id).status == 204);
    BOOST_TEST(admin_delete(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/links/lnk_nope").status == 404);
    BOOST_TEST(admin_delete(*c, w.b.key, "/api/v1/admin/invoices/" + inv + "/links/" + link_id).status == 404);
}

BOOST_AUTO_TEST_CASE(refund_is_idempotent_bounded_and_a_credit) {
    std::string inv;
    const std::string pay = paid(20000, &inv);
    BOOST_REQUIRE(!pay.empty());
    const std::string path = "/api/v1/admin/payments/" + pay + "/refunds";

    Reply no_key = admin_post(*c, w.a.key, path, {{"amount", 1000}});
    BOOST_TEST(no_key.status == 400);
    BOOST_TEST(no_key.error_code() == "idempotency_key_required");

    const std::string key = new_key();
    json body = {{"amount", 5000}, {"reason", "Duplicate supplement"}};
    Reply first = admin_post(*c, w.a.key, path, body, key);
    BOOST_REQUIRE(first.status == 201);
    BOOST_TEST(first.body["refund"]["amount"] == 5000);
    BOOST_TEST(first.body["refund"]["payment_id"] == pay);
    BOOST_TEST(first.body["refund"]["reason"] == "Duplicate supplement");
    // A credit: the balance is not reopened.
    BOOST_TEST(first.body["invoice"]["balance"] == 0);
    BOOST_TEST(first.body["invoice"]["status"] == "paid");

    Reply replay = admin_post(*c, w.a.key, path, body, key);
    BOOST_TEST(replay.status == 201);
    BOOST_TEST(replay.body == first.body);
    BOOST_TEST(replay.headers.count("Idempotent-Replayed") == 1u);
    Reply mismatch = admin_post(*c, w.a.key, path, {{"amount", 6000}, {"reason", "Duplicate supplement"}}, key);
    BOOST_TEST(mismatch.status == 409);
    BOOST_TEST(mismatch.error_code() == "idempotency_mismatch");

    Reply too_much = admin_post(*c, w.a.key, path, {{"amount", 15001}}, new_key());
    BOOST_TEST(too_much.status == 422);
    BOOST_TEST(too_much.error_code() == "refund_exceeds_settled");
    BOOST_TEST(too_much.error_field() == "amount");
    Reply zero = admin_post(*c, w.a.key, path, {{"amount", 0}}, new_key());
    BOOST_TEST(zero.status == 422);

    // Two concurrent refunds of 10000 against the 15000 left: one wins.
    std::atomic<int> ok{0}, refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&] {
            auto cc = w.server.client();
            Reply r = admin_post(*cc, w.a.key, path, {{"amount", 10000}}, new_key());
            if (r.status == 201) ++ok;
            else if (r.error_code() == "refund_exceeds_settled") ++refused;
        });
    for (auto& t : threads) t.join();
    BOOST_TEST(ok.load() == 1);
    BOOST_TEST(refused.load() == 1);

    Reply view = admin_get(*c, w.a.key, "/api/v1/admin/invoices/" + inv);
    BOOST_REQUIRE(view.status == 200);
    std::int64_t refunded = 0;
    for (const json& r : view.body["refunds"]) refunded += r["amount"].get<std::int64_t>();
    BOOST_TEST(refunded == 15000);
    BOOST_TEST(view.body["payments"][0]["refunded"] == 15000);
    BOOST_TEST(view.body["invoice"]["balance"] == 0);
    BOOST_TEST(view.body["invoice"]["refunded"] == 15000);
    Reply rest = admin_post(*c, w.a.key, path, {{"amount", 5001}}, new_key());
    BOOST_TEST(rest.error_code() == "refund_exceeds_settled");
    BOOST_TEST(admin_post(*c, w.a.key, path, {{"amount", 5000}}, new_key()).status == 201);
    BOOST_TEST(admin_post(*c, w.a.key, path, {{"amount", 1}}, new_key()).status == 422);
}

BOOST_AUTO_TEST_CASE(many_concurrent_refunds_never_exceed_the_payment) {
    const std::string pay = paid(10000);
    BOOST_REQUIRE(!pay.empty());
    std::atomic<std::int64_t> total{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            auto cc = w.server.client();
            Reply r = admin_post(*cc, w.a.key, "/api/v1/admin/payments/" + pay + "/refunds", {{"amount", 3000}}, new_key());
            if (r.status == 201) total += 3000;
        });
    for (auto& t : threads) t.join();
    BOOST_TEST(total.load() == 9000);
}

// What the settings answer holds besides the members a test sets: the
// default partial-payment policy for new invoices, off unless set.
// The answer to settings sent without the optional members: partial
// payments off and no default email language ("" : English).
json with_partial_off(json settings) {
    settings["default_partial_payments"] = {
        {"enabled", false}, {"minimum", {{"type", "percent"}, {"basis_points", 0}}}, {"max_payments", 2}};
    settings["default_locale"] = "";
    return settings;
}

BOOST_AUTO_TEST_CASE(settings_are_validated_and_echoed) {
    json s = {{"allow_saved_method_removal", true},
              {"settlement_currency", "CAD"},
              {"embed_origins", {"https://practice.example", "http://localhost:8081"}}};
    Reply ok = admin_put(*c, w.b.key, "/api/v1/admin/settings", s);
    BOOST_TEST(ok.status == 200);
    BOOST_TEST(ok.body == with_partial_off(s));
    json bad = s;
    bad["embed_origins"] = {"https://practice.example/path"};
    Reply r = admin_put(*c, w.b.key, "/api/v1/admin/settings", bad);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.error_code() == "invalid_origin");
    BOOST_TEST(r.error_field() == "embed_origins[0]");
    json missing = s;
    missing.erase("settlement_currency");
    Reply m = admin_put(*c, w.b.key, "/api/v1/admin/settings", missing);
    BOOST_TEST(m.error_code() == "missing_field");
    BOOST_TEST(m.error_field() == "settlement_currency");
    BOOST_TEST(to_reply(c->Put("/api/v1/admin/settings", s.dump(), "application/json")).status == 401);
}

// PUT replaced every setting and there was no GET: changing one setting
// silently wiped the embed origins unless the caller resent them.
BOOST_AUTO_TEST_CASE(settings_can_be_read_and_changed_one_member_at_a_time) {
    AdminPractice p = make_admin_practice(w.seed, "Dr. Settings Practice");
    const std::string path = "/api/v1/admin/settings";
    Reply fresh = admin_get(*c, p.key, path);
    BOOST_TEST(fresh.status == 200);
    BOOST_TEST(fresh.body["embed_origins"] == json::array());
    json all = {{"allow_saved_method_removal", true},
                {"settlement_currency", "CAD"},
                {"embed_origins", {"https://practice.example"}}};
    BOOST_REQUIRE(admin_put(*c, p.key, path, all).status == 200);
    BOOST_TEST(admin_get(*c, p.key, path).body == with_partial_off(all));

    Reply one = admin_patch(*c, p.key, path, {{"allow_saved_method_removal", false}});
    BOOST_TEST(one.status == 200);
    json expected = with_partial_off(all);
    expected["allow_saved_method_removal"] = false;
    BOOST_TEST(one.body == expected);
    BOOST_TEST(admin_get(*c, p.key, path).body == expected);  // the origins are still there

    // Checked as a whole, as PUT is; nothing is written when it fails.
    Reply bad = admin_patch(*c, p.key, path, {{"embed_origins", {"https://practice.example/path"}}});
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(bad.error_code() == "invalid_origin");
    BOOST_TEST(bad.error_field() == "embed_origins[0]");
    Reply removed = admin_patch(*c, p.key, path, {{"settlement_currency", nullptr}});
    BOOST_TEST(removed.status == 422);
    BOOST_TEST(removed.error_code() == "missing_field");
    BOOST_TEST(admin_patch(*c, p.key, path, json::array()).status == 422);
    BOOST_TEST(admin_get(*c, p.key, path).body == expected);
    // "" settles each invoice in its own currency.
    BOOST_TEST(admin_patch(*c, p.key, path, {{"settlement_currency", ""}}).body["settlement_currency"] == "");

    // Another practice's settings are untouched; no key, no settings.
    BOOST_TEST(admin_get(*c, w.b.key, path).body != admin_get(*c, p.key, path).body);
    BOOST_TEST(to_reply(c->Get(path)).status == 401);
    BOOST_TEST(to_reply(c->send("PATCH", path, {}, "{}", "application/json")).status == 401);
}

BOOST_AUTO_TEST_CASE(send_writes_an_email_with_the_pay_link) {
    const std::string cl = client("send");
    const std::string inv = create_invoice(*c, w.a.key, cl, 12345);
    const std::string old_token = create_link(*c, w.a.key, inv);
    BOOST_REQUIRE(!old_token.empty());
    const std::size_t before = outbox_messages(w.dir.path().string()).size();
    Reply sent = admin_post(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/send", json::object());
    BOOST_REQUIRE(sent.status == 200);
    BOOST_TEST(sent.body["delivery"] == "outbox");
    const std::string url = sent.body["link"]["url"].get<std::string>();
    const std::string token = sent.body["link"]["token"].get<std::string>();
    BOOST_TEST(url.find("/pay/" + token) != std::string::npos);
    // revoke_previous defaults to true: the older link is dead, the new one works.
    BOOST_TEST(get_link(*c, old_token).error_code() == "link_revoked");
    BOOST_TEST(get_link(*c, token).status == 200);

    std::vector<std::string> mails = outbox_messages(w.dir.path().string());
    BOOST_REQUIRE(mails.size() == before + 1);
    std::string mail;
    for (const std::string& m : mails)
        if (m.find(token) != std::string::npos) mail = m;
    BOOST_REQUIRE(!mail.empty());
    BOOST_TEST(mail.find("Pay Invoice") != std::string::npos);
    BOOST_TEST(mail.find("href=\"" + url + "\"") != std::string::npos);
    BOOST_TEST(mail.find("multipart/alternative") != std::string::npos);
    BOOST_TEST(mail.find("text/plain") != std::string::npos);
    BOOST_TEST(mail.find("text/html") != std::string::npos);
    BOOST_TEST(mail.find("$123.45") != std::string::npos);
    BOOST_TEST(mail.find("ada@practice.example") != std::string::npos);
    BOOST_TEST(mail.find("Subject: Invoice INV-") != std::string::npos);

    // revoke_previous false keeps the earlier link.
    Reply again = admin_post(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/send",
                             {{"revoke_previous", false}, {"expires_in_days", 5}});
    BOOST_REQUIRE(again.status == 200);
    BOOST_TEST(get_link(*c, token).status == 200);
    Reply bad = admin_post(*c, w.a.key, "/api/v1/admin/invoices/" + inv + "/send", {{"expires_in_days", 0}});
    BOOST_TEST(bad.error_field() == "expires_in_days");
}

BOOST_AUTO_TEST_CASE(invite_emails_a_fragment_url_and_admin_removes_cards) {
    const std::string cl = client("invite");
    const std::size_t before = outbox_messages(w.dir.path().string()).size();
    Reply inv = admin_post(*c, w.a.key, "/api/v1/admin/clients/" + cl + "/invite", json::object());
    BOOST_REQUIRE(inv.status == 202);
    BOOST_TEST(!inv.body.contains("url"));  // the link goes to the client's mailbox only
    const std::vector<std::string> mails = outbox_messages(w.dir.path().string());
    BOOST_REQUIRE(mails.size() == before + 1);
    bool has_link = false;
    for (const std::string& m : mails) has_link = has_link || m.find("/portal/invite#token=") != std::string::npos;
    BOOST_TEST(has_link);
    const pw::Date today = pw::civil_from_days(Seeder::now() / 86400);
    BOOST_TEST(inv.body["expires_at"].get<std::string>().substr(0, 10) == pw::format_iso_date(pw::add_days(today, 7)));
    BOOST_TEST(admin_post(*c, w.a.key, "/api/v1/admin/clients/cli_nobody/invite", json::object()).status == 404);

    const std::string pm = w.seed.saved_card(w.a.id, cl);
    BOOST_REQUIRE(!pm.empty());
    const std::string path = "/api/v1/admin/clients/" + cl + "/payment-methods/" + pm;
    BOOST_TEST(admin_delete(*c, w.b.key, path).status == 404);
    BOOST_TEST(admin_delete(*c, w.a.key, path).status == 204);
    BOOST_TEST(admin_delete(*c, w.a.key, path).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
