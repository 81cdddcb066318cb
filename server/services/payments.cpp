#include "services/payments.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "faults/faults.hpp"
#include "http/client_address.hpp"
#include "http/error_cause.hpp"
#include "paywidget/accepted_methods.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/partial_plan.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "services/api_records.hpp"
#include "services/link_view.hpp"
#include "services/reserved_call.hpp"

namespace pws {

std::string payment_idem_scope(const Payer& payer) {
    const std::string who = payer.kind == PayerKind::link ? "link:" + payer.link.id : "client:" + payer.client.id;
    return payer.practice_id + ":payments:" + who;
}

namespace {

PaymentUpdate update_for(const ChargeOutcome& o, UnixTime now) {
    PaymentUpdate u;
    u.updated_at = now;
    u.processor_ref = o.charge_id;
    switch (o.status) {
        case ChargeStatus::succeeded: u.state = PaymentState::succeeded; break;
        case ChargeStatus::pending: u.state = PaymentState::processing; break;
        case ChargeStatus::declined:
            u.state = PaymentState::declined;
            u.decline_code = o.decline_code.empty() ? "card_declined" : o.decline_code;
            break;
        case ChargeStatus::processing_error:
            u.state = PaymentState::failed;
            u.decline_code = o.decline_code.empty() ? "processing_error" : o.decline_code;
            break;
        case ChargeStatus::returned:
            u.state = PaymentState::returned;
            u.decline_code = o.decline_code.empty() ? "debit_returned" : o.decline_code;
            break;
    }
    return u;
}

nlohmann::json response_json(const PaymentRecord& p, const InvoiceView& view) {
    pw::PaymentResponse r;
    r.payment = rec::payment_result(p, view.refunds, rec::Audience::payer);
    r.invoice = rec::invoice_balance(view);
    if (p.state == PaymentState::succeeded || p.state == PaymentState::processing) r.receipt_url = receipt_path(p.id);
    return pw::encode(r);
}

}  // namespace

namespace {

pw::Result<nlohmann::json> settle_in(App& app, WriteTxn& t, const PaymentRecord& p, const ChargeOutcome& outcome) {
    using R = pw::Result<nlohmann::json>;
    const UnixTime now = app.now();
    PaymentUpdate u = update_for(outcome, now);
    if (!u.decline_code.empty()) {
        const pw::DeclineAdvice a = pw::advise_decline(u.decline_code, p.method_type);
        u.decline_message = a.message;
    }
    // A portal payer asked to keep the card: only after a success, and never
    // for a link payer (the payment record says who paid).
    if (p.payer == PayerKind::portal && p.save_method && pw::can_save(p.method_type) && !p.token_hash.empty() &&
        u.state == PaymentState::succeeded) {
        Result<VaultToken> tok = t.token(p.token_hash);
        if (!tok.ok()) return R::failure(tok.error);
        SavedMethodRecord m;
        m.id = random_id("pm_");
        m.practice_id = p.practice_id;
        m.client_id = p.client_id;
        m.kind = tok.value.kind;
        m.processor_ref = tok.value.processor_ref;
        m.brand = tok.value.brand;
        m.last4 = tok.value.last4;
        m.exp_month = tok.value.exp_month;
        m.exp_year = tok.value.exp_year;
        m.fingerprint = tok.value.fingerprint;
        m.created_at = now;
        Result<SavedMethodRecord> saved = t.save_method(m);
        if (!saved.ok()) return R::failure(saved.error);
        u.payment_method_id = saved.value.id;
    }
    if (pw::Error e = t.update_payment(p.id, PaymentState::reserved, u)) return R::failure(e);
    Result<PaymentRecord> after = t.payment(p.id);
    if (!after.ok()) return R::failure(after.error);
    Result<InvoiceView> view = t.invoice_view(p.invoice_id);
    if (!view.ok()) return R::failure(view.error);
    nlohmann::json body = response_json(after.value, view.value);
    if (!p.idem_key.empty()) {
        pw::Error e = t.finish_idempotency(p.idem_scope, p.idem_key, 200, pw::dump_body(body), now);
        if (e && e.code != "not_found") return R::failure(e);
    }
    return R::success(std::move(body));
}

}  // namespace

pw::Result<nlohmann::json> settle_reserved(App& app, const PaymentRecord& p, const ChargeOutcome& outcome,
                                           const std::function<pw::Error(WriteTxn&)>& first) {
    pw::Result<nlohmann::json> body = pw::Result<nlohmann::json>::failure("internal_error", "", "");
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        if (first) {
            if (pw::Error fe = first(t)) return fe;
        }
        body = settle_in(app, t, p, outcome);
        return body.ok() ? pw::Error{} : body.error;
    });
    if (e) return pw::Result<nlohmann::json>::failure(e);
    return body;
}

namespace {

// A token consumed by a payment that was later RELEASED (it never reached
// the processor: a crash before the charge, or a charge call that recorded
// nothing) may be presented again by the retry of that same request (same
// Idempotency-Key, same payer): the widget resends the same body after a
// lost response. Any other reuse stays token_used.
Result<VaultToken> token_of_released_retry(WriteTxn& t, const std::string& hash, const std::string& scope,
                                           const std::string& key, const TokenBinding& by, UnixTime now) {
    using R = Result<VaultToken>;
    Result<VaultToken> tok = t.token(hash);
    if (!tok.ok()) return tok;
    const bool bound = (!by.link_id.empty() && tok.value.link_id == by.link_id) ||
                       (!by.client_id.empty() && tok.value.client_id == by.client_id);
    if (!bound || now >= tok.value.expires_at) return R::failure("token_used", "token", "");
    Result<PaymentRecord> released = t.released_payment_of_retry(hash, scope, key);
    if (released.ok()) return tok;
    if (released.error.code == "not_found") return R::failure("token_used", "token", "");
    return R::failure(released.error);
}

}  // namespace

pw::Result<KeyedReply> pay_invoice(App& app, const Payer& payer, std::string_view invoice_id,
                                   const std::optional<std::string>& idempotency_key,
                                   const pw::PaymentRequest& request, const std::string& client_address) {
    using R = pw::Result<KeyedReply>;
    auto refuse = [](std::string code, std::string field = {}) {
        return R::failure(std::move(code), std::move(field), "");
    };
    if (!idempotency_key) return refuse("idempotency_key_required");
    if (pw::Error e = pw::check_idempotency_key(*idempotency_key)) return R::failure(e);

    if (payer.kind == PayerKind::link) {
        if (!request.payment_method_id.empty()) return refuse("saved_method_not_allowed", "payment_method_id");
        if (request.save_method) return refuse("save_method_not_allowed", "save_method");
    }
    if (request.token.empty() && request.payment_method_id.empty()) return refuse("missing_field", "token");

    // Declines are limited per payer and per address (card testing), in the
    // store, so the limits hold across instances. The attempt is counted in
    // the reserve transaction, before the charge, so concurrent charges
    // cannot all pass the limit; it is taken only once this request owns
    // its idempotency key (a double click answers in_progress and never uses
    // up an attempt), and given back after the settle unless the charge
    // declined. A charge whose outcome stays unknown keeps it.
    const std::string payer_key = payer.rate_key();
    const std::string address_key = rate_limit_key_for_address(client_address);

    const std::string scope = payment_idem_scope(payer);
    const std::string& key = *idempotency_key;
    // Current key first (stored), then the same body under older keys (a
    // retry across a rotation is still the same request).
    const std::vector<std::string> request_hashes =
        hash_candidates(app.secret, KeyUse::request, std::string(invoice_id) + "\n" + pw::canonical_body(request));
    const UnixTime now = app.now();

    std::optional<R> early;  // set when txn 1 ends the request (it then rolls back)
    PaymentRecord pay;
    std::string processor_ref;

    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto end_with = [&](R answer) {
            early = std::move(answer);
            return pw::make_error("answered", "", "");  // any error rolls txn 1 back
        };
        auto fail = [&](std::string code, std::string field = {}) { return end_with(refuse(code, field)); };
        Result<IdempotencyClaim> claim = t.claim_idempotency(scope, key, request_hashes.front(), now,
                                                                  {request_hashes.begin() + 1, request_hashes.end()});
        if (!claim.ok()) return claim.error;
        switch (claim.value.kind) {
            case IdempotencyClaim::Kind::replay:
                return end_with(R::success(KeyedReply{claim.value.status, claim.value.body, true}));
            case IdempotencyClaim::Kind::mismatch: return fail("idempotency_mismatch");
            case IdempotencyClaim::Kind::in_progress: return fail("in_progress");
            case IdempotencyClaim::Kind::claimed: break;
        }
        Result<RateLimit::Decision> attempt = hit_both(t, app.limits.declines_per_link, payer_key,
                                                       app.limits.declines_per_address, address_key, app.now_ms());
        if (!attempt.ok()) return attempt.error;
        if (!attempt.value.allowed) return end_with(R::failure(rate_limited_error(attempt.value.retry_after.count())));

        Result<InvoiceView> view = t.invoice_view(invoice_id);
        if (!view.ok()) {
            if (view.error.code == "not_found") return fail("not_found");
            return view.error;
        }
        const InvoiceView& v = view.value;
        // Another practice's, client's or link's invoice: 404, never 403.
        const bool mine = v.record.practice_id == payer.practice_id &&
                          (payer.kind == PayerKind::link ? payer.link.invoice_id == v.record.id
                                                         : payer.client.id == v.record.client_id);
        if (!mine) return fail("not_found");
        if (request.currency != v.invoice.currency) return fail("currency_mismatch", "currency");

        pw::Result<pw::Plan> plan = pw::plan_payment(v.invoice, pw::payment_progress(v.invoice), request.amount);
        if (!plan.ok()) {
            if (plan.error.code == "invoice_paid" || plan.error.code == "invoice_void") return fail("invoice_not_payable");
            pw::Error pe = plan.error;
            if (pe.field.empty()) pe.field = "amount";
            return end_with(R::failure(pe));
        }

        pay.id = random_id("pay_");
        pay.practice_id = payer.practice_id;
        pay.invoice_id = v.record.id;
        pay.amount = request.amount;
        pay.currency = v.invoice.currency;
        pay.state = PaymentState::reserved;
        pay.charge_key = "ck_" + random_token();
        pay.payer = payer.kind;
        if (payer.kind == PayerKind::link) pay.link_id = payer.link.id;
        else pay.client_id = payer.client.id;
        pay.idem_scope = scope;
        pay.idem_key = key;
        pay.lease = app.leases->fresh();
        pay.created_at = now;
        pay.updated_at = now;

        if (!request.token.empty()) {
            std::string hash;  // the one the token is stored under (it may predate a rotation)
            Result<VaultToken> tok = find_by_token(app.secret, KeyUse::payment_token, request.token, "token_unknown",
                                                   [&](const std::string& h) {
                                                       hash = h;
                                                       return t.consume_token(h, payer.binding(), now);
                                                   });
            if (!tok.ok() && tok.error.code == "token_used")
                tok = token_of_released_retry(t, hash, scope, key, payer.binding(), now);
            if (!tok.ok()) {
                if (tok.error.code == "token_used") return fail("token_used", "token");
                if (tok.error.code == "token_unknown" || tok.error.code == "token_expired")
                    return fail("token_invalid", "token");
                return tok.error;
            }
            const VaultToken& vt = tok.value;
            if (!pw::accepts(v.invoice.accepted, pw::MethodSummary{vt.kind, vt.brand, vt.last4}))
                return fail("method_not_accepted", "type");
            // A bank-debit mandate covers this invoice only (pw::can_save).
            if (request.save_method && !pw::can_save(vt.kind)) return fail("method_not_saveable", "save_method");
            pay.method_type = vt.kind;
            pay.method_brand = vt.brand;
            pay.method_last4 = vt.last4;
            pay.token_hash = hash;
            pay.mandate_id = vt.mandate_id;
            pay.save_method = payer.kind == PayerKind::portal && request.save_method;
            processor_ref = vt.processor_ref;
        } else {
            Result<SavedMethodRecord> m = t.saved_method(request.payment_method_id);
            const bool usable = m.ok() && !m.value.removed_at && m.value.client_id == payer.client.id &&
                                m.value.practice_id == payer.practice_id;
            if (!usable) {
                if (!m.ok() && m.error.code != "not_found") return m.error;
                return fail("payment_method_unknown", "payment_method_id");
            }
            // A saved method is a card (pw::can_save); anything else found
            // in a wallet is refused rather than trusted.
            if (!pw::can_save(m.value.kind) ||
                !pw::accepts(v.invoice.accepted, pw::MethodSummary{m.value.kind, m.value.brand, m.value.last4}))
                return fail("method_not_accepted", "type");
            pay.method_type = m.value.kind;
            pay.method_brand = m.value.brand;
            pay.method_last4 = m.value.last4;
            pay.payment_method_id = m.value.id;
            processor_ref = m.value.processor_ref;
        }
        if (pw::Error ie = t.insert_payment(pay)) {
            if (ie.code == "overpaid" || ie.code == "too_many_payments" || ie.code == "invalid_value")
                return fail("invoice_not_payable");
            return ie;
        }
        return {};
    });
    if (early) return std::move(*early);
    if (e) return R::failure(server_failure("payment: reserve", e));
    // Ours until we settle or release it: recovery in any instance leaves
    // it alone while this hold renews the lease.
    const LeaseKeeper::Hold lease = app.leases->hold(ReservationKind::payment, pay.id);

    ChargeRequest charge;
    charge.key = pay.charge_key;
    charge.reference = processor_ref;
    charge.amount = pay.amount;
    charge.currency = pay.currency;
    const ReservedCallEnd<nlohmann::json> end = run_reserved_call(ReservedCallSteps<ChargeOutcome, nlohmann::json>{
        .call =
            [&] {
                faults::maybe_crash("before_charge");
                return app.processor->charge(charge);
            },
        .lookup = [&] { return app.processor->lookup(pay.charge_key); },
        .settle =
            [&](const ChargeOutcome& outcome) {
                faults::maybe_crash("after_charge");
                // A charge that did not decline gives its decline attempt
                // back, in the settle's own transaction (one write
                // transaction fewer per payment: the store's write lock is
                // what every payment of the process queues for). The limit
                // rows come FIRST: every reserve locks them before the
                // invoice (on PostgreSQL), so a settle and a reserve of the
                // same payer wait for each other briefly, never in a cycle.
                // If the settle fails, the attempt stays counted: the limits
                // err on the safe side.
                const bool gives_back = outcome.status != ChargeStatus::declined &&
                                        outcome.status != ChargeStatus::processing_error;
                const std::int64_t now_ms = app.now_ms();
                return settle_reserved(app, pay, outcome, [&](WriteTxn& t) -> pw::Error {
                    if (!gives_back) return {};
                    if (pw::Error e = app.limits.declines_per_link.give_back(t, payer_key, now_ms)) return e;
                    return app.limits.declines_per_address.give_back(t, address_key, now_ms);
                });
            },
        .release = [&] { return release_reserved_payment(*app.store, pay, app.now()); },
    });
    const std::string payment = "payment " + pay.id;
    switch (end.end) {
        case CallEnd::left_reserved:
            if (end.release_error) {
                note_error_cause(payment + ": charge refused (" + end.call_error.code +
                                 "), nothing recorded; release failed (" + end.release_error.code +
                                 "), left for recovery");
                return refuse("internal_error");
            }
            // The charge may still land (a timeout) or the lookup could not
            // tell: recovery asks again once the lease lapses; until then
            // the same key answers in_progress.
            note_error_cause(payment + ": charge failed (" + end.call_error.code + "), lookup " +
                             (end.lookup_error ? "failed (" + end.lookup_error.code + ")" : "found nothing yet") +
                             "; left reserved for recovery");
            return refuse("in_progress");
        case CallEnd::released:
            // A refusal (unknown reference, invalid amount, ...) that the
            // lookup confirmed: nothing was charged.
            note_error_cause(payment + ": charge refused (" + end.call_error.code + "), nothing recorded; released");
            return refuse("internal_error");
        case CallEnd::settled: break;
    }
    if (!end.settled.ok()) {
        // The charge is recorded at the processor: never a 5xx (the payer
        // would think the card was not charged). Recovery settles it once the
        // lease lapses; until then the same key answers in_progress.
        note_error_cause(payment + ": settle failed (" + end.settled.error.code +
                         "); left reserved for recovery");
        return refuse("in_progress");
    }
    return R::success(KeyedReply{200, pw::dump_body(end.settled.value), false});
}

}  // namespace pws
