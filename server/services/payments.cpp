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

pw::Result<nlohmann::json> settle_reserved(App& app, WriteTxn& t, const PaymentRecord& p,
                                           const ChargeOutcome& outcome) {
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

namespace {

bool is_reply_error(const pw::Error& e) { return e.code.rfind("reply:", 0) == 0; }

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

ServiceReply pay_invoice(App& app, const Payer& payer, std::string_view invoice_id,
                         const std::optional<std::string>& idempotency_key, const pw::PaymentRequest& request,
                         const std::string& client_address) {
    if (!idempotency_key) return error_reply("idempotency_key_required");
    if (pw::Error e = pw::check_idempotency_key(*idempotency_key)) return error_reply(e);

    if (payer.kind == PayerKind::link) {
        if (!request.payment_method_id.empty()) return error_reply("saved_method_not_allowed", "payment_method_id");
        if (request.save_method) return error_reply("save_method_not_allowed", "save_method");
    }
    if (request.token.empty() && request.payment_method_id.empty()) return error_reply("missing_field", "token");

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

    ServiceReply early;  // set when txn 1 ends the request
    bool done_early = false;
    PaymentRecord pay;
    std::string processor_ref;

    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto fail = [&](ServiceReply r) {
            early = std::move(r);
            done_early = true;
            return pw::make_error("reply:stop", "", "");
        };
        Result<IdempotencyClaim> claim = t.claim_idempotency(scope, key, request_hashes.front(), now,
                                                                  {request_hashes.begin() + 1, request_hashes.end()});
        if (!claim.ok()) return claim.error;
        switch (claim.value.kind) {
            case IdempotencyClaim::Kind::replay: {
                ServiceReply r;
                r.status = claim.value.status;
                r.raw_body = claim.value.body;
                r.replayed = true;
                return fail(std::move(r));
            }
            case IdempotencyClaim::Kind::mismatch: return fail(error_reply("idempotency_mismatch"));
            case IdempotencyClaim::Kind::in_progress: return fail(error_reply("in_progress"));
            case IdempotencyClaim::Kind::claimed: break;
        }
        Result<RateLimit::Decision> attempt = hit_both(t, app.limits.declines_per_link, payer_key,
                                                       app.limits.declines_per_address, address_key, app.now_ms());
        if (!attempt.ok()) return attempt.error;
        if (!attempt.value.allowed) return fail(rate_limited_reply(attempt.value.retry_after.count()));

        Result<InvoiceView> view = t.invoice_view(invoice_id);
        if (!view.ok()) {
            if (view.error.code == "not_found") return fail(error_reply("not_found"));
            return view.error;
        }
        const InvoiceView& v = view.value;
        // Another practice's, client's or link's invoice: 404, never 403.
        const bool mine = v.record.practice_id == payer.practice_id &&
                          (payer.kind == PayerKind::link ? payer.link.invoice_id == v.record.id
                                                         : payer.client.id == v.record.client_id);
        if (!mine) return fail(error_reply("not_found"));
        if (request.currency != v.invoice.currency) return fail(error_reply("currency_mismatch", "currency"));

        pw::Result<pw::Plan> plan = pw::plan_payment(v.invoice, pw::payment_progress(v.invoice), request.amount);
        if (!plan.ok()) {
            if (plan.error.code == "invoice_paid" || plan.error.code == "invoice_void")
                return fail(error_reply("invoice_not_payable"));
            pw::Error pe = plan.error;
            if (pe.field.empty()) pe.field = "amount";
            return fail(error_reply(pe));
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
                if (tok.error.code == "token_used") return fail(error_reply("token_used", "token"));
                if (tok.error.code == "token_unknown" || tok.error.code == "token_expired")
                    return fail(error_reply("token_invalid", "token"));
                return tok.error;
            }
            const VaultToken& vt = tok.value;
            if (!pw::accepts(v.invoice.accepted, pw::MethodSummary{vt.kind, vt.brand, vt.last4}))
                return fail(error_reply("method_not_accepted", "type"));
            // A bank-debit mandate covers this invoice only (pw::can_save).
            if (request.save_method && !pw::can_save(vt.kind))
                return fail(error_reply("method_not_saveable", "save_method"));
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
                return fail(error_reply("payment_method_unknown", "payment_method_id"));
            }
            // A saved method is a card (pw::can_save); anything else found
            // in a wallet is refused rather than trusted.
            if (!pw::can_save(m.value.kind) ||
                !pw::accepts(v.invoice.accepted, pw::MethodSummary{m.value.kind, m.value.brand, m.value.last4}))
                return fail(error_reply("method_not_accepted", "type"));
            pay.method_type = m.value.kind;
            pay.method_brand = m.value.brand;
            pay.method_last4 = m.value.last4;
            pay.payment_method_id = m.value.id;
            processor_ref = m.value.processor_ref;
        }
        if (pw::Error ie = t.insert_payment(pay)) {
            if (ie.code == "overpaid" || ie.code == "too_many_payments" || ie.code == "invalid_value")
                return fail(error_reply("invoice_not_payable"));
            return ie;
        }
        return {};
    });
    if (done_early) return early;
    if (e && !is_reply_error(e)) return failure_reply(e, "payment: reserve");
    // Ours until we settle or release it: recovery in any instance leaves
    // it alone while this hold renews the lease.
    const LeaseKeeper::Hold lease = app.leases->hold(ReservationKind::payment, pay.id);

    faults::maybe_crash("before_charge");

    ChargeRequest charge;
    charge.key = pay.charge_key;
    charge.reference = processor_ref;
    charge.amount = pay.amount;
    charge.currency = pay.currency;
    pw::Result<ChargeOutcome> outcome = app.processor->charge(charge);
    if (!outcome.ok()) {
        // Nothing recorded? Ask, never assume. A refusal (unknown reference,
        // invalid amount, ...) that the lookup confirms releases the
        // reservation. processor_unavailable (a timeout) says nothing: the
        // charge may still land after this lookup, so the reservation stays
        // until its lease lapses and recovery asks again; the payer is told
        // in_progress, and the same key answers that until then.
        pw::Result<std::optional<ChargeOutcome>> seen = app.processor->lookup(pay.charge_key);
        const bool outcome_unknown = outcome.error.code == "processor_unavailable" || !seen.ok();
        if (!seen.ok() || (!seen.value && outcome_unknown)) {
            note_error_cause("payment " + pay.id + ": charge failed (" + outcome.error.code + "), lookup " +
                             (seen.ok() ? "found nothing yet" : "failed (" + seen.error.code + ")") +
                             "; left reserved for recovery");
            return error_reply("in_progress");
        }
        if (!seen.value) {
            pw::Error re = release_reserved_payment(*app.store, pay, app.now());
            note_error_cause("payment " + pay.id + ": charge refused (" + outcome.error.code + "), nothing recorded" +
                             (re ? "; release failed (" + re.code + "), left for recovery" : "; released"));
            return error_reply("internal_error");
        }
        outcome = pw::Result<ChargeOutcome>::success(*seen.value);
    }

    faults::maybe_crash("after_charge");

    pw::Result<nlohmann::json> body = pw::Result<nlohmann::json>::failure("internal_error", "", "");
    // A charge that did not decline gives its decline attempt back, in the
    // settle's own transaction (one write transaction fewer per payment:
    // the store's write lock is what every payment of the process queues
    // for). The limit rows come FIRST: every reserve locks them before the
    // invoice (on PostgreSQL), so taking them in the same order here means
    // a settle and a reserve of the same payer can only wait for each
    // other briefly, never deadlock.
    const bool gives_back =
        outcome.value.status != ChargeStatus::declined && outcome.value.status != ChargeStatus::processing_error;
    const std::int64_t now_ms = app.now_ms();
    pw::Error e2 = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        if (gives_back) {
            if (pw::Error ge = app.limits.declines_per_link.give_back(t, payer_key, now_ms)) return ge;
            if (pw::Error ge = app.limits.declines_per_address.give_back(t, address_key, now_ms)) return ge;
        }
        body = settle_reserved(app, t, pay, outcome.value);
        return body.ok() ? pw::Error{} : body.error;
    });
    if (e2) {
        // The charge is recorded at the processor: never a 5xx (the payer
        // would think the card was not charged). Recovery settles it once the
        // lease lapses; until then the same key answers in_progress. (The
        // attempt then stays counted: the limits err on the safe side.)
        note_error_cause("payment " + pay.id + ": settle failed (" + e2.code + "); left reserved for recovery");
        return error_reply("in_progress");
    }
    ServiceReply r;
    r.status = 200;
    r.body = std::move(body.value);
    return r;
}

}  // namespace pws
