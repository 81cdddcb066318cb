// Storage: payments and their life cycle, refunds, history and receipts, idempotency claims.
#define BOOST_TEST_MODULE storage_payments
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

// ---------------------------------------------------------------- payments

BOOST_AUTO_TEST_CASE(payment_round_trips_with_every_field) {
    WithLinks f;
    pws::PaymentRecord p = make_payment("pay_1", "prc_a", "inv_a", 2500, 50);
    p.method_type = pw::MethodType::bank_debit;
    p.method_brand = "ach";
    p.method_last4 = "6789";
    p.link_id = "lnk_1";
    p.payer = pws::PayerKind::link;
    p.idem_scope = "link:lnk_1";
    p.idem_key = "k1";
    p.save_method = false;
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_mandate({"mdt_1", "prc_a", pw::BankScheme::ach, "v", "t", 1, "n", "a"}))
                       return e;
                   p.mandate_id = "mdt_1";
                   return t.insert_payment(p);
               }) == "");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto g = t.payment("pay_1");
        BOOST_REQUIRE(g.ok());
        const pws::PaymentRecord& r = g.value;
        BOOST_TEST(r.practice_id == "prc_a");
        BOOST_TEST(r.invoice_id == "inv_a");
        BOOST_TEST(r.amount == 2500);
        BOOST_TEST(r.currency == "USD");
        BOOST_TEST(r.state == pws::PaymentState::reserved);
        BOOST_TEST((r.method_type == pw::MethodType::bank_debit));
        BOOST_TEST(r.method_brand == "ach");
        BOOST_TEST(r.method_last4 == "6789");
        BOOST_TEST(r.mandate_id == "mdt_1");
        BOOST_TEST(r.charge_key == "ck_pay_1");
        BOOST_TEST((r.payer == pws::PayerKind::link));
        BOOST_TEST(r.link_id == "lnk_1");
        BOOST_TEST(r.client_id == "");
        BOOST_TEST(r.payment_method_id == "");
        BOOST_TEST(r.idem_scope == "link:lnk_1");
        BOOST_TEST(r.idem_key == "k1");
        BOOST_TEST(r.created_at == 50);
        BOOST_TEST(t.payment_by_charge_key("ck_pay_1").value.id == "pay_1");
        BOOST_TEST(t.payment_by_charge_key("ck_none").error.code == "not_found");
        BOOST_TEST(t.payments_in_state(pws::PaymentState::reserved, 10).value.size() == 1u);
        BOOST_TEST(t.payments_in_state(pws::PaymentState::succeeded, 10).value.empty());
        return {};
    });
    pws::PaymentRecord dup = make_payment("pay_2", "prc_a", "inv_a", 100, 60);
    dup.charge_key = "ck_pay_1";
    Error e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_payment(dup); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "charge_key");
}

BOOST_AUTO_TEST_CASE(insert_payment_refuses_overpayment_a_third_payment_and_a_wrong_currency) {
    Seeded f;
    Error over = f.store->write_transaction([](pws::WriteTxn& t) {
        return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 10001, 1));
    });
    BOOST_TEST(over.code == "overpaid");
    pws::PaymentRecord eur = make_payment("pay_1", "prc_a", "inv_a", 100, 1);
    eur.currency = "EUR";
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_payment(eur); }) == "invalid_value");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1))) return e;
                   return t.insert_payment(make_payment("pay_2", "prc_a", "inv_a", 100, 2));
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_3", "prc_a", "inv_a", 100, 3));
               }) == "too_many_payments");
    // A payment row of another practice cannot point at this invoice.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.update_payment("pay_2", pws::PaymentState::reserved,
                                                  {pws::PaymentState::released, "", "", "", "", 4}))
                       return e;
                   return t.insert_payment(make_payment("pay_4", "prc_b", "inv_a", 100, 3));
               }) == "invalid_reference");
    // A declined attempt may be recorded even when nothing is left to pay.
    pws::PaymentRecord declined = make_payment("pay_5", "prc_a", "inv_a", 999999, 5);
    declined.state = pws::PaymentState::declined;
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_payment(declined); }) == "");
}

// Issue 13 item 2: the live view tells settled from processing money. A
// processing bank debit reserves its amount (the overpay net counts it) but
// is not paid: the invoice reads "processing" until it settles, and a
// return makes the amount due again.
BOOST_AUTO_TEST_CASE(a_processing_debit_is_reserved_in_the_view_but_not_paid) {
    Seeded f;  // inv_a: total 10000
    auto view = [&] { return f.view().invoice; };
    auto move = [&](const char* id, pws::PaymentState from, pws::PaymentState to) {
        return write(*f.store, [&](pws::WriteTxn& t) { return t.update_payment(id, from, {to, "", "", "", "", 9}); });
    };
    pws::PaymentRecord debit = make_payment("pay_1", "prc_a", "inv_a", 8000, 1);
    debit.method_type = pw::MethodType::bank_debit;
    debit.method_brand = "ach";
    BOOST_REQUIRE(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_payment(debit); }) == "");
    BOOST_REQUIRE(move("pay_1", pws::PaymentState::reserved, pws::PaymentState::processing) == "");
    pw::Invoice inv = view();
    BOOST_TEST(inv.amount_paid == 0);
    BOOST_TEST(inv.amount_processing == 8000);
    BOOST_TEST(inv.balance == 2000);
    BOOST_TEST(pw::status_id(inv.status) == "partially_paid");
    BOOST_TEST_REQUIRE(inv.payments.size() == 1u);
    BOOST_TEST(inv.payments[0].processing);
    // The reservation holds against a second payment.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_2", "prc_a", "inv_a", 2001, 2));
               }) == "overpaid");
    BOOST_REQUIRE(write(*f.store, [](pws::WriteTxn& t) {
                      return t.insert_payment(make_payment("pay_2", "prc_a", "inv_a", 2000, 2));
                  }) == "");
    BOOST_REQUIRE(move("pay_2", pws::PaymentState::reserved, pws::PaymentState::succeeded) == "");
    inv = view();
    BOOST_TEST(inv.amount_paid == 2000);
    BOOST_TEST(inv.balance == 0);
    BOOST_TEST(pw::status_id(inv.status) == "processing");  // nothing due, not yet paid
    // Returned: the debit's amount is due again.
    BOOST_REQUIRE(move("pay_1", pws::PaymentState::processing, pws::PaymentState::returned) == "");
    inv = view();
    BOOST_TEST(inv.amount_processing == 0);
    BOOST_TEST(inv.balance == 8000);
    BOOST_TEST(pw::status_id(inv.status) == "partially_paid");
}

BOOST_AUTO_TEST_CASE(a_settled_debit_makes_the_invoice_paid) {
    Seeded f;
    pws::PaymentRecord debit = make_payment("pay_1", "prc_a", "inv_a", 10000, 1);
    debit.method_type = pw::MethodType::bank_debit;
    BOOST_REQUIRE(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_payment(debit); }) == "");
    auto status = [&] {
        const pw::Invoice inv = f.view().invoice;
        return std::string(pw::status_id(inv.status)) + " " + std::to_string(inv.amount_paid);
    };
    BOOST_REQUIRE(write(*f.store, [](pws::WriteTxn& t) {
                      return t.update_payment("pay_1", pws::PaymentState::reserved,
                                              {pws::PaymentState::processing, "", "", "", "", 2});
                  }) == "");
    BOOST_TEST(status() == "processing 0");
    BOOST_REQUIRE(write(*f.store, [](pws::WriteTxn& t) {
                      return t.update_payment("pay_1", pws::PaymentState::processing,
                                              {pws::PaymentState::succeeded, "", "", "", "", 3});
                  }) == "");
    BOOST_TEST(status() == "paid 10000");
}

BOOST_AUTO_TEST_CASE(payment_state_changes_are_compare_and_set_along_the_life_cycle) {
    Seeded f;
    using S = pws::PaymentState;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1));
               }) == "");
    auto move = [&](S from, S to) {
        return write(*f.store, [&](pws::WriteTxn& t) {
            return t.update_payment("pay_1", from, {to, "ch_9", "", "", "", 10});
        });
    };
    BOOST_TEST(move(S::succeeded, S::returned) == "state_conflict");  // it is reserved
    BOOST_TEST(move(S::reserved, S::reserved) == "invalid_transition");
    BOOST_TEST(move(S::reserved, S::processing) == "");
    BOOST_TEST(move(S::reserved, S::succeeded) == "state_conflict");  // someone settled first
    BOOST_TEST(move(S::processing, S::declined) == "invalid_transition");
    BOOST_TEST(move(S::processing, S::succeeded) == "");
    BOOST_TEST(move(S::succeeded, S::returned) == "");
    BOOST_TEST(move(S::returned, S::succeeded) == "invalid_transition");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_payment("pay_none", S::reserved, {S::succeeded, "", "", "", "", 1});
               }) == "not_found");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto p = t.payment("pay_1").value;
        BOOST_TEST(p.state == S::returned);
        BOOST_TEST(p.processor_ref == "ch_9");
        BOOST_TEST(p.updated_at == 10);
        return {};
    });
    // A returned debit gives the balance back.
    BOOST_TEST(f.view().invoice.balance == 10000);
    for (S s : {S::reserved, S::succeeded, S::processing, S::declined, S::failed, S::returned, S::released}) {
        BOOST_TEST((pws::parse_payment_state(pws::payment_state_id(s)) == s));
    }
    BOOST_TEST(!pws::parse_payment_state("paid").has_value());
}

// ---------------------------------------------------------------- refunds

namespace {

struct Settled : Seeded {
    Settled() {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                                if (Error e = t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 5000, 1)))
                                    return e;
                                return t.update_payment("pay_1", pws::PaymentState::reserved,
                                                        {pws::PaymentState::succeeded, "ch_1", "", "", "", 2});
                            }),
                            "");
    }
};

pws::RefundRecord make_refund(const std::string& id, std::int64_t amount) {
    return pws::RefundRecord{id, "pay_1", "prc_a", amount, "USD", "overcharged", pws::RefundState::reserved,
                             "rk_" + id, "", "admin:prc_a", "key_" + id, 10, 10, {}};
}

std::int64_t refundable(pws::Store& s, const char* pay) {
    std::int64_t n = -1;
    (void)s.read_transaction([&](pws::ReadTxn& t) -> Error {
        n = t.refundable_amount(pay).value;
        return {};
    });
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(refunds_never_exceed_the_settled_amount_and_are_credits) {
    Settled f;
    using R = pws::RefundState;
    BOOST_TEST(refundable(*f.store, "pay_1") == 5000);
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_1", 3000)); }) == "");
    BOOST_TEST(refundable(*f.store, "pay_1") == 2000);  // reserved refunds count
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_2", 2001)); }) ==
               "refund_too_large");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_refund("re_1", R::reserved, R::succeeded, "re_test_1", 11);
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_refund("re_1", R::reserved, R::failed, "", 12);
               }) == "state_conflict");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_2", 2000)); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_refund("re_2", R::reserved, R::failed, "", 12);
               }) == "");
    BOOST_TEST(refundable(*f.store, "pay_1") == 2000);  // a failed refund frees its amount
    pws::RefundRecord dup_key = make_refund("re_3", 10);
    dup_key.refund_key = "rk_re_1";
    Error e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_refund(dup_key); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "refund_key");
    pws::RefundRecord orphan = make_refund("re_4", 10);
    orphan.payment_id = "pay_none";
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_refund(orphan); }) == "not_found");

    // Refunds are a credit: the balance does not reopen.
    pws::InvoiceView v = f.view();
    BOOST_TEST(v.invoice.amount_paid == 5000);
    BOOST_TEST(v.invoice.balance == 5000);
    BOOST_TEST(v.invoice.refunded == 3000);
    BOOST_TEST(v.refunds.size() == 2u);
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.refund("re_1").value.processor_ref == "re_test_1");
        BOOST_TEST(t.refund("re_1").value.reason == "overcharged");
        BOOST_TEST(t.refunds_in_state(R::failed, 10).value.size() == 1u);
        BOOST_TEST(t.refunds_in_state(R::reserved, 10).value.empty());
        return {};
    });
}

BOOST_AUTO_TEST_CASE(only_a_succeeded_payment_is_refundable) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 5000, 1));
               }) == "");
    BOOST_TEST(refundable(*f.store, "pay_1") == 0);
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_1", 1)); }) ==
               "refund_too_large");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.refundable_amount("pay_none").error.code == "not_found");
        return {};
    });
}

// ---------------------------------------------------------------- history and receipts

BOOST_AUTO_TEST_CASE(history_and_receipt_show_payments_and_refunds) {
    Settled f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_refund(make_refund("re_1", 1000))) return e;
                   auto later = make_payment("pay_2", "prc_a", "inv_a", 5000, 100);
                   later.state = pws::PaymentState::declined;
                   return t.insert_payment(later);
               }) == "");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto h = t.client_payments("cli_a");
        BOOST_REQUIRE(h.ok());
        BOOST_REQUIRE(h.value.size() == 2u);
        BOOST_TEST(h.value[0].payment.id == "pay_2");  // newest first
        BOOST_TEST(h.value[0].invoice_number == "INV-0001");
        BOOST_TEST(h.value[0].refunds.empty());
        BOOST_REQUIRE(h.value[1].refunds.size() == 1u);
        BOOST_TEST(h.value[1].refunds[0].amount == 1000);
        BOOST_TEST(t.client_payments("cli_other").value.empty());

        auto r = t.receipt("pay_1");
        BOOST_REQUIRE(r.ok());
        BOOST_TEST(r.value.payment.amount == 5000);
        BOOST_TEST(r.value.view.record.id == "inv_a");
        BOOST_TEST(r.value.view.invoice.balance == 5000);
        BOOST_TEST(r.value.view.payments.size() == 2u);
        BOOST_TEST(r.value.view.refunds.size() == 1u);
        BOOST_TEST(r.value.practice.id == "prc_a");
        BOOST_TEST(r.value.client.id == "cli_a");
        BOOST_TEST(t.receipt("pay_none").error.code == "not_found");
        return {};
    });
}

// ---------------------------------------------------------------- idempotency

BOOST_AUTO_TEST_CASE(idempotency_claims_replays_mismatches_and_drops) {
    Seeded f;
    using K = pws::IdempotencyClaim::Kind;
    auto claim = [&](const char* scope, const char* key, const char* hash) {
        pws::IdempotencyClaim c;
        std::string code = write(*f.store, [&](pws::WriteTxn& t) -> Error {
            auto r = t.claim_idempotency(scope, key, hash, 10);
            c = r.value;
            return r.error;
        });
        BOOST_TEST(code == "");
        return c;
    };
    BOOST_TEST((claim("link:l1", "k", "h1").kind == K::claimed));
    BOOST_TEST((claim("link:l1", "k", "h1").kind == K::in_progress));
    BOOST_TEST((claim("link:l1", "k", "h2").kind == K::mismatch));
    BOOST_TEST((claim("link:l2", "k", "h2").kind == K::claimed));  // scopes are separate
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.finish_idempotency("link:l1", "k", 200, "{\"payment\":1}", 11);
               }) == "");
    auto replay = claim("link:l1", "k", "h1");
    BOOST_TEST((replay.kind == K::replay));
    BOOST_TEST(replay.status == 200);
    BOOST_TEST(replay.body == "{\"payment\":1}");
    BOOST_TEST((claim("link:l1", "k", "h2").kind == K::mismatch));
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.drop_idempotency("link:l2", "k"); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.drop_idempotency("link:l9", "k"); }) == "");
    BOOST_TEST((claim("link:l2", "k", "h3").kind == K::claimed));
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.finish_idempotency("link:l9", "k", 200, "", 11);
               }) == "not_found");
    // A claim made in a transaction that rolls back never existed.
    (void)f.store->write_transaction([](pws::WriteTxn& t) -> Error {
        (void)t.claim_idempotency("client:c1", "k", "h", 12);
        return pw::make_error("validation_failed", "amount", "no");
    });
    BOOST_TEST((claim("client:c1", "k", "h").kind == K::claimed));
}
