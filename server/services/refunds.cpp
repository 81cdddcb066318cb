#include "services/refunds.hpp"

#include "http/error_cause.hpp"
#include "paywidget/money.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "services/api_records.hpp"
#include "services/reserved_call.hpp"

namespace pws {

namespace {

std::string scope_for(const std::string& practice_id) { return "admin:" + practice_id; }

// The path's payment id is part of "the body": the same key reused for
// another payment is a mismatch, not a replay.
// Current key first (stored), then the same body under older keys (a retry
// across a rotation is still the same request).
std::vector<std::string> request_hashes(const App& app, const std::string& payment_id, const pw::RefundRequest& req) {
    return hash_candidates(app.secret, KeyUse::request,
                           "refund\n" + payment_id + "\n" + pw::dump_body(pw::encode(req)));
}

// txn 2 on success: settle, answer, remember the answer.
pw::Result<KeyedReply> settle(App& app, RefundRecord r, const std::string& processor_ref, const Actor& actor) {
    using R = pw::Result<KeyedReply>;
    KeyedReply reply;
    const UnixTime now = app.now();
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        if (pw::Error u = t.update_refund(r.id, RefundState::reserved, RefundState::succeeded, processor_ref, now))
            return u;
        auto payment = t.payment(r.payment_id);
        if (!payment) return payment.error;
        auto view = t.invoice_view(payment.value.invoice_id);
        if (!view) return view.error;
        r.state = RefundState::succeeded;
        std::string detail = "Refunded " + pw::format_money_code(r.amount, r.currency) + " of payment " +
                             r.payment_id + " (invoice " + view.value.invoice.number + ")";
        if (!r.reason.empty()) detail += ": " + r.reason;
        if (pw::Error a = record_activity(t, app, r.practice_id, actor, "refund.issued", r.id, detail)) return a;
        pw::RefundResponse resp{rec::refund_message(r), rec::invoice_balance(view.value)};
        reply.body = pw::dump_body(pw::encode(resp));
        reply.status = 201;
        if (!r.idem_key.empty())
            if (pw::Error f = t.finish_idempotency(r.idem_scope, r.idem_key, reply.status, reply.body, now)) return f;
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(reply));
}

// txn 2 when nothing was refunded: the reservation no longer counts and
// the key may be used again.
pw::Error release(App& app, const RefundRecord& r) {
    const UnixTime now = app.now();
    return release_reservation(
        *app.store,
        [&](WriteTxn& t) { return t.update_refund(r.id, RefundState::reserved, RefundState::failed, "", now); },
        r.idem_scope, r.idem_key);
}

// release() for recovery: only while the lease is still lapsed, checked in
// the releasing transaction (an owner that renewed meanwhile keeps it).
pw::Error release_if_lapsed(App& app, const RefundRecord& r) {
    const UnixTime now = app.now();
    return release_reservation(
        *app.store,
        [&](WriteTxn& t) -> pw::Error {
            auto cur = t.refund(r.id);
            if (!cur) return cur.error;
            if (!lease_lapsed(cur.value.lease, now)) return pw::make_error("state_conflict", "refund", "");
            return t.update_refund(r.id, RefundState::reserved, RefundState::failed, "", now);
        },
        r.idem_scope, r.idem_key);
}

}  // namespace

pw::Error refund_refusal(const pw::Error& processor_error) {
    const std::string& c = processor_error.code;
    if (c == "processor_unavailable" || c == "charge_not_refundable" || c == "charge_not_found")
        return pw::make_error(c, "", "");
    if (c == "refund_exceeds_charge") return pw::make_error(c, "amount", "");
    return pw::make_error("processor_refused", "", "The processor refused the refund (" + c + ").");
}

pw::Result<KeyedReply> refund_payment(App& app, const Practice& practice, const std::string& payment_id,
                                       const std::string& idempotency_key, const pw::RefundRequest& req) {
    return refund_payment(app, practice, payment_id, idempotency_key, req, Actor{"api"});
}

pw::Result<KeyedReply> refund_payment(App& app, const Practice& practice, const std::string& payment_id,
                                       const std::string& idempotency_key, const pw::RefundRequest& req,
                                       const Actor& actor) {
    using R = pw::Result<KeyedReply>;
    const UnixTime now = app.now();
    RefundRecord r;
    r.id = random_id("re_");
    r.payment_id = payment_id;
    r.practice_id = practice.id;
    r.amount = req.amount;
    r.reason = req.reason;
    r.state = RefundState::reserved;
    r.refund_key = "rk_" + r.id;
    r.idem_scope = scope_for(practice.id);
    r.idem_key = idempotency_key;
    r.lease = app.leases->fresh();
    r.created_at = now;
    r.updated_at = now;
    const std::vector<std::string> hashes = request_hashes(app, payment_id, req);

    std::optional<IdempotencyClaim> earlier;
    std::string charge_id;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto claim = t.claim_idempotency(r.idem_scope, r.idem_key, hashes.front(), now,
                                         {hashes.begin() + 1, hashes.end()});
        if (!claim) return claim.error;
        if (claim.value.kind != IdempotencyClaim::Kind::claimed) {
            earlier = claim.value;
            return {};
        }
        auto payment = t.payment(payment_id);
        if (!payment && payment.error.code != "not_found") return payment.error;  // storage: say so
        if (!payment || payment.value.practice_id != practice.id) return pw::make_error("not_found", "", "");
        r.currency = payment.value.currency;
        charge_id = payment.value.processor_ref;
        if (payment.value.state != PaymentState::succeeded || charge_id.empty())
            return pw::make_error("refund_exceeds_settled", "amount", "");
        pw::Error ins = t.insert_refund(r);  // refund_too_large under the write lock
        if (ins.code == "refund_too_large") return pw::make_error("refund_exceeds_settled", "amount", "");
        return ins;
    });
    if (e) return R::failure(e);
    if (earlier) {
        switch (earlier->kind) {
            case IdempotencyClaim::Kind::replay:
                return R::success(KeyedReply{earlier->status, earlier->body, true});
            case IdempotencyClaim::Kind::mismatch: return R::failure("idempotency_mismatch", "", "");
            default: return R::failure("in_progress", "", "");
        }
    }

    // Ours until settled or released: recovery leaves it alone meanwhile.
    const LeaseKeeper::Hold lease = app.leases->hold(ReservationKind::refund, r.id);
    // Outside any transaction: other writers never wait for the processor.
    const RefundCall call{r.refund_key, charge_id, r.amount};
    const ReservedCallEnd<KeyedReply> end = run_reserved_call(ReservedCallSteps<RefundOutcome, KeyedReply>{
        .call = [&] { return app.processor->refund(call); },
        .lookup = [&] { return app.processor->lookup_refund(r.refund_key); },
        .settle = [&](const RefundOutcome& done) { return settle(app, r, done.refund_id, actor); },
        .release = [&] { return release(app, r); },
    });
    switch (end.end) {
        case CallEnd::settled: return end.settled;
        case CallEnd::released: return R::failure(refund_refusal(end.call_error));
        case CallEnd::left_reserved: break;
    }
    if (end.release_error) {
        note_error_cause("refund " + r.id + ": refused (" + end.call_error.code + "), nothing recorded; release failed (" +
                         end.release_error.code + ")");
        return R::failure(end.release_error);
    }
    // Nothing is known (a timed-out refund may still land, or the lookup
    // failed): it stays reserved, and recovery decides once the lease lapses.
    note_error_cause("refund " + r.id + ": refund failed (" + end.call_error.code + "), lookup " +
                     (end.lookup_error ? "failed (" + end.lookup_error.code + ")" : "found nothing yet") +
                     "; left reserved for recovery");
    return R::failure("processor_unavailable", "", "");
}

pw::Result<int> recover_refunds(App& app) {
    using R = pw::Result<int>;
    std::vector<RefundRecord> pending;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto list = t.refunds_with_lapsed_lease(app.now(), kRecoveryBatch);
        if (!list) return list.error;
        pending = std::move(list.value);
        return {};
    });
    if (e) return R::failure(e);
    int resolved = 0;
    for (const RefundRecord& r : pending) {
        // No call: only what the processor recorded under the refund key decides.
        const ReservedCallEnd<KeyedReply> end = run_reserved_call(ReservedCallSteps<RefundOutcome, KeyedReply>{
            .call = {},
            .lookup = [&] { return app.processor->lookup_refund(r.refund_key); },
            // Whoever asked is not known any more: the log says recovery settled it.
            .settle = [&](const RefundOutcome& done) { return settle(app, r, done.refund_id, Actor{"recovery"}); },
            .release = [&] { return release_if_lapsed(app, r); },
        });
        if (end.lookup_error) return R::failure(end.lookup_error);
        const pw::Error& failed = end.end == CallEnd::settled ? end.settled.error : end.release_error;
        if (failed && failed.code != "state_conflict") return R::failure(failed);
        ++resolved;
    }
    return R::success(resolved);
}

}  // namespace pws
