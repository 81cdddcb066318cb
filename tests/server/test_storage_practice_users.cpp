// Storage: the practitioner console's users, sessions (idle and absolute
// expiry), activity log, and the practice-wide reads its Home page uses.
#define BOOST_TEST_MODULE storage_practice_users
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

BOOST_AUTO_TEST_CASE(users_round_trip_and_emails_are_unique_across_practices) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_practice(make_practice("prc_b"))) return e;
                   if (Error e = t.insert_practice_user(make_practice_user("usr_1", "prc_a", "Owner@Clinic.example",
                                                                  pws::PracticeRole::owner)))
                       return e;
                   return t.insert_practice_user(make_practice_user("usr_2", "prc_a", "staff@clinic.example"));
               }) == "");
    // The same email in ANOTHER practice is refused too (sign-in has no practice).
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_practice_user(make_practice_user("usr_3", "prc_b", "owner@clinic.EXAMPLE"));
               }) == "already_exists");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_practice_user(make_practice_user("usr_4", "prc_none", "x@clinic.example"));
               }) == "invalid_reference");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto u = t.practice_user_by_email("owner@clinic.example");
        BOOST_TEST(u.value.id == "usr_1");
        BOOST_TEST((u.value.role == pws::PracticeRole::owner));
        BOOST_TEST(u.value.email == "Owner@Clinic.example");
        BOOST_TEST(!u.value.disabled_at.has_value());
        BOOST_TEST((t.practice_user("usr_2").value.role == pws::PracticeRole::staff));
        BOOST_TEST(t.practice_user("usr_9").error.code == "not_found");
        BOOST_TEST(t.practice_user_by_email("nobody@clinic.example").error.code == "not_found");
        BOOST_TEST(t.practice_users("prc_a").value.size() == 2u);
        BOOST_TEST(t.practice_users("prc_b").value.empty());
        return {};
    });
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_practice_user_password("usr_2", "$new"); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_practice_user_password("usr_9", "$new"); }) ==
               "not_found");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.practice_user("usr_2").value.password_hash == "$new");
        return {};
    });
}

BOOST_AUTO_TEST_CASE(console_sessions_end_at_the_idle_or_the_absolute_expiry) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_practice_user(make_practice_user("usr_1", "prc_a", "o@clinic.example"))) return e;
                   // created 100, idle until 130, absolute 200
                   return t.insert_console_session({"cs_1", "usr_1", 100, 130, 200});
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_console_session({"cs_2", "usr_none", 100, 130, 200});
               }) == "invalid_reference");
    auto alive = [&](const char* h, pws::UnixTime now) {
        std::string code;
        (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
            code = t.console_session(h, now).error.code;
            return {};
        });
        return code;
    };
    BOOST_TEST(alive("cs_1", 129) == "");
    BOOST_TEST(alive("cs_1", 130) == "not_found");  // idle
    // Activity moves the idle expiry forward, never past the absolute one
    // and never backwards.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.touch_console_session("cs_1", 160); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.touch_console_session("cs_1", 150); }) == "");
    BOOST_TEST(alive("cs_1", 159) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.touch_console_session("cs_1", 900); }) == "");
    BOOST_TEST(alive("cs_1", 199) == "");
    BOOST_TEST(alive("cs_1", 200) == "not_found");  // absolute
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.touch_console_session("cs_gone", 900); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.delete_console_session("cs_1"); }) == "");
    BOOST_TEST(alive("cs_1", 150) == "not_found");
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM console_sessions") == 0);
    // Portal sessions are another table: a console hash is no portal session.
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM portal_sessions") == 0);
}

BOOST_AUTO_TEST_CASE(activity_is_listed_newest_first_per_practice_and_paged) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_practice(make_practice("prc_b"))) return e;
                   for (int i = 1; i <= 5; ++i) {
                       const std::string n = std::to_string(i);
                       if (Error e = t.insert_activity({"act_" + n, "prc_a", 100 + i, "usr_1", "settings.changed",
                                                        "settings", "step " + n}))
                           return e;
                   }
                   return t.insert_activity({"act_b", "prc_b", 500, "api key ci", "api_key.created", "key_1", ""});
               }) == "");
    // A change and its log line commit or roll back together.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_activity({"act_x", "prc_a", 900, "usr_1", "x", "", ""})) return e;
                   return pw::make_error("state_conflict", "", "");
               }) == "state_conflict");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto first = t.activity("prc_a", 2, 0).value;
        BOOST_REQUIRE_EQUAL(first.size(), 2u);
        BOOST_TEST(first[0].id == "act_5");
        BOOST_TEST(first[0].detail == "step 5");
        BOOST_TEST(first[1].id == "act_4");
        auto rest = t.activity("prc_a", 10, 2).value;
        BOOST_REQUIRE_EQUAL(rest.size(), 3u);
        BOOST_TEST(rest[2].id == "act_1");
        auto other = t.activity("prc_b", 10, 0).value;
        BOOST_REQUIRE_EQUAL(other.size(), 1u);
        BOOST_TEST(other[0].actor == "api key ci");
        return {};
    });
}

BOOST_AUTO_TEST_CASE(practice_wide_reads_stay_inside_the_practice) {
    Seeded f(10000);
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_practice(make_practice("prc_b"))) return e;
                   if (Error e = t.insert_client(make_client("cli_b", "prc_b", "bob@example.com"))) return e;
                   if (Error e = t.insert_invoice(make_invoice("inv_b", "prc_b", "cli_b", "INV-0001", 500))) return e;
                   if (Error e = t.insert_invoice(make_invoice("inv_a2", "prc_a", "cli_a", "INV-0002", 700))) return e;
                   pws::PaymentRecord p = make_payment("pay_1", "prc_a", "inv_a", 700, 1000);
                   if (Error e = t.insert_payment(p)) return e;
                   pws::PaymentUpdate u;
                   u.state = pws::PaymentState::succeeded;
                   u.updated_at = 1001;
                   if (Error e = t.update_payment("pay_1", pws::PaymentState::reserved, u)) return e;
                   return t.insert_payment(make_payment("pay_b", "prc_b", "inv_b", 100, 1002));
               }) == "");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto all = t.practice_invoices("prc_a", pws::InvoiceFilter::all).value;
        BOOST_TEST(all.size() == 2u);
        auto pending = t.practice_invoices("prc_a", pws::InvoiceFilter::pending).value;
        BOOST_TEST(pending.size() == 2u);  // one partially paid, one open
        BOOST_TEST(t.practice_invoices("prc_b", pws::InvoiceFilter::all).value.size() == 1u);
        auto pays = t.practice_payments("prc_a", 10).value;
        BOOST_REQUIRE_EQUAL(pays.size(), 1u);
        BOOST_TEST(pays[0].payment.id == "pay_1");
        BOOST_TEST(pays[0].invoice_number == "INV-0001");
        BOOST_TEST(t.practice_payments("prc_b", 10).value.size() == 1u);
        BOOST_TEST(t.practice_payments("prc_a", 0).value.empty());
        auto clients = t.practice_clients("prc_a").value;
        BOOST_REQUIRE_EQUAL(clients.size(), 1u);
        BOOST_TEST(clients[0].id == "cli_a");
        BOOST_TEST(t.practice_clients("prc_b").value.size() == 1u);
        BOOST_TEST(t.practice_clients("prc_none").value.empty());
        return {};
    });
}

BOOST_AUTO_TEST_CASE(the_practice_profile_changes_alone) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_practice_profile("prc_a", {"Dr. New Name", "new@practice.example", ""});
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_practice_profile("prc_none", {"X", "x@practice.example", ""});
               }) == "not_found");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto p = t.practice("prc_a").value;
        BOOST_TEST(p.name == "Dr. New Name");
        BOOST_TEST(p.email == "new@practice.example");
        BOOST_TEST(p.phone == "");
        BOOST_TEST(p.settings.settlement_currency == "USD");  // settings untouched
        return {};
    });
}
