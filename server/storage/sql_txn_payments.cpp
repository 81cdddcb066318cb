// Payments and refunds: the rows the payment and refund services move
// through their life cycles, with the invariants checked in the same
// transaction as the write.
#include "storage/sql_txn.hpp"

namespace pws {

namespace {

#define PAYMENT_COLS                                                                      \
    "id, practice_id, invoice_id, amount, currency, state, method_type, method_brand, " \
    "method_last4, payment_method_id, token_hash, save_method, mandate_id, "            \
    "processor_ref, charge_key, decline_code, decline_message, payer, link_id, "        \
    "client_id, idem_scope, idem_key, created_at, updated_at, lease_owner, "            \
    "lease_expires_at"
constexpr int kPaymentCols = 26;
#define REFUND_COLS                                                                      \
    "id, payment_id, practice_id, amount, currency, reason, state, refund_key, "        \
    "processor_ref, idem_scope, idem_key, created_at, updated_at, lease_owner, "        \
    "lease_expires_at"

PaymentRecord read_payment(const db::Query& q) {
    PaymentRecord p;
    p.id = q.text(0);
    p.practice_id = q.text(1);
    p.invoice_id = q.text(2);
    p.amount = q.i64(3);
    p.currency = q.text(4);
    // The CHECK constraint admits only known states.
    p.state = parse_payment_state(q.text(5)).value_or(PaymentState::reserved);
    p.method_type = detail::parse_method_type_db(q.text(6));
    p.method_brand = q.text(7);
    p.method_last4 = q.text(8);
    p.payment_method_id = q.text(9);
    p.token_hash = q.text(10);
    p.save_method = q.i64(11) != 0;
    p.mandate_id = q.text(12);
    p.processor_ref = q.text(13);
    p.charge_key = q.text(14);
    p.decline_code = q.text(15);
    p.decline_message = q.text(16);
    p.payer = q.text(17) == "portal" ? PayerKind::portal : PayerKind::link;
    p.link_id = q.text(18);
    p.client_id = q.text(19);
    p.idem_scope = q.text(20);
    p.idem_key = q.text(21);
    p.created_at = q.i64(22);
    p.updated_at = q.i64(23);
    p.lease.owner = q.text(24);
    p.lease.expires_at = q.i64(25);
    return p;
}

RefundRecord read_refund(const db::Query& q) {
    RefundRecord r;
    r.id = q.text(0);
    r.payment_id = q.text(1);
    r.practice_id = q.text(2);
    r.amount = q.i64(3);
    r.currency = q.text(4);
    r.reason = q.text(5);
    r.state = parse_refund_state(q.text(6)).value_or(RefundState::reserved);
    r.refund_key = q.text(7);
    r.processor_ref = q.text(8);
    r.idem_scope = q.text(9);
    r.idem_key = q.text(10);
    r.created_at = q.i64(11);
    r.updated_at = q.i64(12);
    r.lease.owner = q.text(13);
    r.lease.expires_at = q.i64(14);
    return r;
}

Error state_conflict(std::string_view entity, std::string_view now_in) {
    return pw::make_error("state_conflict", std::string(entity),
                          "This " + std::string(entity) + " has already changed (it is now " +
                              std::string(now_in) + "). Reload and try again.");
}

}  // namespace

// ---------------------------------------------------------------- reads

// payment() and refund() lock the row in a PostgreSQL write transaction:
// state changes are compare-and-set on what they read, and insert_refund's
// refundable amount must not change under it.
Result<PaymentRecord> SqlTxn::payment(std::string_view id) {
    db::Query q(c_, detail::locked(c_, "SELECT " PAYMENT_COLS " FROM payments WHERE id = ?1"));
    q.args(id);
    return detail::one_row<PaymentRecord>(q, read_payment, "payment");
}

Result<PaymentRecord> SqlTxn::payment_by_charge_key(std::string_view key) {
    db::Query q(c_, "SELECT " PAYMENT_COLS " FROM payments WHERE charge_key = ?1");
    q.args(key);
    return detail::one_row<PaymentRecord>(q, read_payment, "payment");
}

Result<std::vector<PaymentRecord>> SqlTxn::payments_in_state(PaymentState state,
                                                                std::size_t limit) {
    db::Query q(c_, "SELECT " PAYMENT_COLS " FROM payments WHERE state = ?1 "
                     "ORDER BY created_at, id LIMIT ?2");
    q.args(payment_state_id(state), static_cast<std::int64_t>(limit));
    return detail::all_rows<PaymentRecord>(q, read_payment);
}

// The partial indexes *_reserved_by_lease (schema version 4) hold only the
// rows still reserved, so the periodic recovery never walks settled ones.
template <class T, class Read>
Result<std::vector<T>> lapsed_rows(db::Session& c, const char* cols, const char* table, UnixTime now,
                                   std::size_t limit, Read read) {
    db::Query q(c, std::string("SELECT ") + cols + detail::indexed_by(c, table, std::string(table) + "_reserved_by_lease") +
                       " WHERE state = 'reserved' AND lease_expires_at < ?1 ORDER BY lease_expires_at, id LIMIT ?2");
    q.args(now, static_cast<std::int64_t>(limit));
    return detail::all_rows<T>(q, read);
}

Result<std::vector<PaymentRecord>> SqlTxn::payments_with_lapsed_lease(UnixTime now, std::size_t limit) {
    return lapsed_rows<PaymentRecord>(c_, PAYMENT_COLS, "payments", now, limit, read_payment);
}

Result<std::vector<RefundRecord>> SqlTxn::refunds_with_lapsed_lease(UnixTime now, std::size_t limit) {
    return lapsed_rows<RefundRecord>(c_, REFUND_COLS, "refunds", now, limit, read_refund);
}

// The partial index payments_released_by_retry (schema version 2) is named:
// without statistics SQLite would pick payments_by_state and walk every
// released payment. `state = 'released'` is a literal so the partial index
// applies.
Result<PaymentRecord> SqlTxn::released_payment_of_retry(std::string_view token_hash, std::string_view idem_scope,
                                                           std::string_view idem_key) {
    db::Query q(c_, "SELECT " PAYMENT_COLS + detail::indexed_by(c_, "payments", "payments_released_by_retry") +
                        " WHERE state = 'released' AND token_hash = ?1 "
                     "AND idem_scope = ?2 AND idem_key = ?3 ORDER BY created_at, id LIMIT 1");
    q.args(token_hash, idem_scope, idem_key);
    return detail::one_row<PaymentRecord>(q, read_payment, "payment");
}

Result<std::vector<PaymentRecord>> SqlTxn::invoice_payments(std::string_view invoice_id) {
    db::Query q(c_, "SELECT " PAYMENT_COLS " FROM payments WHERE invoice_id = ?1 "
                     "ORDER BY created_at, id");
    q.args(invoice_id);
    return detail::all_rows<PaymentRecord>(q, read_payment);
}

Result<RefundRecord> SqlTxn::refund(std::string_view id) {
    db::Query q(c_, detail::locked(c_, "SELECT " REFUND_COLS " FROM refunds WHERE id = ?1"));
    q.args(id);
    return detail::one_row<RefundRecord>(q, read_refund, "refund");
}

Result<std::vector<RefundRecord>> SqlTxn::refunds_in_state(RefundState state,
                                                              std::size_t limit) {
    db::Query q(c_, "SELECT " REFUND_COLS " FROM refunds WHERE state = ?1 "
                     "ORDER BY created_at, id LIMIT ?2");
    q.args(refund_state_id(state), static_cast<std::int64_t>(limit));
    return detail::all_rows<RefundRecord>(q, read_refund);
}

Result<std::vector<RefundRecord>> SqlTxn::payment_refunds(std::string_view payment_id) {
    db::Query q(c_, "SELECT " REFUND_COLS " FROM refunds WHERE payment_id = ?1 "
                     "ORDER BY created_at, id");
    q.args(payment_id);
    return detail::all_rows<RefundRecord>(q, read_refund);
}

Result<std::vector<RefundRecord>> SqlTxn::invoice_refunds(std::string_view invoice_id) {
    db::Query q(c_, "SELECT " REFUND_COLS " FROM refunds WHERE payment_id IN "
                     "(SELECT id FROM payments WHERE invoice_id = ?1) ORDER BY created_at, id");
    q.args(invoice_id);
    return detail::all_rows<RefundRecord>(q, read_refund);
}

Result<std::int64_t> SqlTxn::refundable_amount(std::string_view payment_id) {
    using R = Result<std::int64_t>;
    Result<PaymentRecord> p = payment(payment_id);
    if (!p.ok()) return R::failure(std::move(p.error));
    if (p.value.state != PaymentState::succeeded) return R::success(0);
    db::Query q(c_, "SELECT COALESCE(SUM(amount), 0) FROM refunds "
                     "WHERE payment_id = ?1 AND state IN ('reserved', 'succeeded')");
    q.args(payment_id);
    if (!q.next()) return R::failure(q.error());
    const std::int64_t left = p.value.amount - q.i64(0);
    return R::success(left > 0 ? left : 0);
}

Result<std::vector<HistoryEntry>> SqlTxn::client_payments(std::string_view client_id) {
    db::Query q(c_, "SELECT " PAYMENT_COLS ", (SELECT number FROM invoices i "
                     "WHERE i.id = payments.invoice_id) FROM payments WHERE invoice_id IN "
                     "(SELECT id FROM invoices WHERE client_id = ?1) "
                     "ORDER BY created_at DESC, id DESC");
    q.args(client_id);
    return history(q);
}

Result<std::vector<HistoryEntry>> SqlTxn::practice_payments(std::string_view practice_id, std::size_t limit) {
    db::Query q(c_, "SELECT " PAYMENT_COLS ", (SELECT number FROM invoices i "
                     "WHERE i.id = payments.invoice_id) FROM payments WHERE practice_id = ?1 "
                     "ORDER BY created_at DESC, id DESC LIMIT ?2");
    q.args(practice_id, static_cast<std::int64_t>(limit));
    return history(q);
}

// The search builds its WHERE from the criteria that are set, binding each
// value by number (?3, ?4, ...): no criterion is ever spliced into the SQL.
Result<std::vector<HistoryEntry>> SqlTxn::practice_payments(std::string_view practice_id, const PaymentFilter& f,
                                                            std::size_t limit, std::size_t offset) {
    std::string where = "practice_id = ?1";
    std::vector<std::string> values;  // ?2, ?3, ... in order
    auto param = [&](std::string v) {
        values.push_back(std::move(v));
        return "?" + std::to_string(values.size() + 1);
    };
    if (!f.states.empty()) {
        std::string in;
        for (PaymentState st : f.states) in += (in.empty() ? "" : ", ") + param(std::string(payment_state_id(st)));
        where += " AND state IN (" + in + ")";
    }
    if (f.refunded)
        where += " AND EXISTS (SELECT 1 FROM refunds r WHERE r.payment_id = payments.id AND r.state = 'succeeded')";
    if (f.method) where += " AND method_type = " + param(std::string(detail::method_type_db(*f.method)));
    if (!f.currency.empty()) where += " AND currency = " + param(f.currency);
    if (f.from) where += " AND created_at >= " + std::to_string(*f.from);
    if (f.before) where += " AND created_at < " + std::to_string(*f.before);
    if (!f.client.empty()) {
        // LIKE with the pattern's own % and _ escaped; LOWER() on both
        // sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
        std::string pattern = "%";
        for (char ch : f.client) {
            if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
            pattern += ch;
        }
        pattern += '%';
        const std::string p = param(pattern);
        where += " AND invoice_id IN (SELECT i.id FROM invoices i JOIN clients c ON c.id = i.client_id "
                 "WHERE i.practice_id = ?1 AND (LOWER(c.name) LIKE LOWER(" + p + ") ESCAPE '\\' OR LOWER(c.email) LIKE LOWER(" +
                 p + ") ESCAPE '\\'))";
    }
    db::Query q(c_, "SELECT " PAYMENT_COLS ", (SELECT number FROM invoices i WHERE i.id = payments.invoice_id), "
                    "(SELECT c.name FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.id = "
                    "payments.invoice_id) FROM payments WHERE " + where +
                    " ORDER BY created_at DESC, id DESC LIMIT " + std::to_string(limit) + " OFFSET " +
                    std::to_string(offset));
    q.bind(1, practice_id);
    for (std::size_t i = 0; i < values.size(); ++i) q.bind(static_cast<int>(i + 2), values[i]);
    return history(q, true);
}

Result<std::vector<HistoryEntry>> SqlTxn::history(db::Query& q, bool with_client_name) {
    using R = Result<std::vector<HistoryEntry>>;
    Result<std::vector<HistoryEntry>> rows =
        detail::all_rows<HistoryEntry>(q, [with_client_name](const db::Query& r) {
            return HistoryEntry{read_payment(r), r.text(kPaymentCols), {},
                                with_client_name ? r.text(kPaymentCols + 1) : std::string()};
        });
    if (!rows.ok()) return rows;
    for (HistoryEntry& h : rows.value) {
        Result<std::vector<RefundRecord>> refs = payment_refunds(h.payment.id);
        if (!refs.ok()) return R::failure(std::move(refs.error));
        h.refunds = std::move(refs.value);
    }
    return rows;
}

Result<ReceiptData> SqlTxn::receipt(std::string_view payment_id) {
    using R = Result<ReceiptData>;
    ReceiptData d;
    Result<PaymentRecord> p = payment(payment_id);
    if (!p.ok()) return R::failure(std::move(p.error));
    d.payment = std::move(p.value);
    Result<InvoiceView> v = invoice_view(d.payment.invoice_id);
    if (!v.ok()) return R::failure(std::move(v.error));
    d.view = std::move(v.value);
    Result<Practice> pr = practice(d.view.record.practice_id);
    if (!pr.ok()) return R::failure(std::move(pr.error));
    d.practice = std::move(pr.value);
    Result<Client> cl = client(d.view.record.client_id);
    if (!cl.ok()) return R::failure(std::move(cl.error));
    d.client = std::move(cl.value);
    return R::success(std::move(d));
}

// ---------------------------------------------------------------- writes

Error SqlTxn::insert_payment(const PaymentRecord& p) {
    if (counts_toward_balance(p.state)) {
        // Safety net behind the core's plan: whatever the caller computed,
        // a live payment can never push the invoice past its total or its
        // payment limit. The write lock is held, so this view is current.
        Result<InvoiceView> v = invoice_view(p.invoice_id);
        if (!v.ok()) return v.error;
        const pw::Invoice& inv = v.value.invoice;
        if (v.value.record.voided()) {
            return pw::make_error("invalid_value", "invoice",
                                  "This invoice has been voided and cannot be paid.");
        }
        if (p.currency != inv.currency) {
            return pw::make_error("invalid_value", "currency",
                                  "The payment currency must be the invoice currency " +
                                      inv.currency + ".");
        }
        if (v.value.live_payment_count() >= inv.partial.max_payments) {
            return pw::make_error("too_many_payments", "amount",
                                  "This invoice already has the most payments allowed.");
        }
        if (p.amount > inv.balance) {
            return pw::make_error("overpaid", "amount",
                                  "The amount is more than the balance due of " +
                                      std::to_string(inv.balance) + ".");
        }
    }
    db::Query q(c_, "INSERT INTO payments (" PAYMENT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                     "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
                     "?22, ?23, ?24, ?25, ?26)");
    q.bind(1, p.id).bind(2, p.practice_id).bind(3, p.invoice_id).bind(4, p.amount);
    q.bind(5, p.currency).bind(6, payment_state_id(p.state));
    q.bind(7, detail::method_type_db(p.method_type)).bind(8, p.method_brand);
    q.bind(9, p.method_last4).bind_id(10, p.payment_method_id).bind_id(11, p.token_hash);
    q.bind(12, p.save_method).bind_id(13, p.mandate_id).bind(14, p.processor_ref);
    q.bind(15, p.charge_key).bind(16, p.decline_code).bind(17, p.decline_message);
    q.bind(18, payer_kind_id(p.payer)).bind_id(19, p.link_id).bind_id(20, p.client_id);
    q.bind(21, p.idem_scope).bind(22, p.idem_key).bind(23, p.created_at).bind(24, p.updated_at);
    q.bind(25, p.lease.owner).bind(26, p.lease.expires_at);
    return q.run();
}

Error SqlTxn::update_payment(std::string_view id, PaymentState expected, const PaymentUpdate& u) {
    Result<PaymentRecord> cur = payment(id);
    if (!cur.ok()) return cur.error;
    if (cur.value.state != expected) return state_conflict("payment", payment_state_id(cur.value.state));
    if (!payment_transition_allowed(expected, u.state)) {
        return pw::make_error("invalid_transition", "state",
                              "A payment cannot go from " +
                                  std::string(payment_state_id(expected)) + " to " +
                                  std::string(payment_state_id(u.state)) + ".");
    }
    // NULLIF(?, ''): an empty string in the update keeps the stored value.
    db::Query q(c_, "UPDATE payments SET state = ?3, "
                     "processor_ref = COALESCE(NULLIF(?4, ''), processor_ref), "
                     "decline_code = COALESCE(NULLIF(?5, ''), decline_code), "
                     "decline_message = COALESCE(NULLIF(?6, ''), decline_message), "
                     "payment_method_id = COALESCE(NULLIF(?7, ''), payment_method_id), "
                     "updated_at = ?8 WHERE id = ?1 AND state = ?2");
    q.args(id, payment_state_id(expected), payment_state_id(u.state), u.processor_ref,
           u.decline_code, u.decline_message, u.payment_method_id, u.updated_at);
    return detail::expect_one_row(c_, q, "payment");
}

Error SqlTxn::insert_refund(const RefundRecord& r) {
    Result<PaymentRecord> p = payment(r.payment_id);
    if (!p.ok()) return p.error;
    if (r.currency != p.value.currency) {
        return pw::make_error("invalid_value", "currency",
                              "A refund is made in the payment's currency " + p.value.currency +
                                  ".");
    }
    if (r.state != RefundState::failed) {
        // Checked under the write lock, so two concurrent refunds of the same
        // payment can never add up to more than was settled.
        Result<std::int64_t> left = refundable_amount(r.payment_id);
        if (!left.ok()) return left.error;
        if (r.amount > left.value) {
            return pw::make_error("refund_too_large", "amount",
                                  "The refund is more than the " + std::to_string(left.value) +
                                      " that can still be refunded on this payment.");
        }
    }
    db::Query q(c_, "INSERT INTO refunds (" REFUND_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                     "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    q.args(r.id, r.payment_id, r.practice_id, r.amount, r.currency, r.reason,
           refund_state_id(r.state), r.refund_key, r.processor_ref, r.idem_scope, r.idem_key,
           r.created_at, r.updated_at, r.lease.owner, r.lease.expires_at);
    return q.run();
}

Error SqlTxn::update_refund(std::string_view id, RefundState expected, RefundState to,
                               std::string_view processor_ref, UnixTime now) {
    Result<RefundRecord> cur = refund(id);
    if (!cur.ok()) return cur.error;
    if (cur.value.state != expected) return state_conflict("refund", refund_state_id(cur.value.state));
    if (expected != RefundState::reserved || to == RefundState::reserved) {
        return pw::make_error("invalid_transition", "state",
                              "A refund cannot go from " + std::string(refund_state_id(expected)) +
                                  " to " + std::string(refund_state_id(to)) + ".");
    }
    db::Query q(c_, "UPDATE refunds SET state = ?3, "
                     "processor_ref = COALESCE(NULLIF(?4, ''), processor_ref), updated_at = ?5 "
                     "WHERE id = ?1 AND state = ?2");
    q.args(id, refund_state_id(expected), refund_state_id(to), processor_ref, now);
    return detail::expect_one_row(c_, q, "refund");
}

// Only the owner's own, still reserved rows: a lease that lapsed and was
// resolved by another instance stays resolved.
Error SqlTxn::renew_lease(ReservationKind kind, std::string_view id, const Lease& lease) {
    db::Query q(c_, kind == ReservationKind::payment
                         ? "UPDATE payments SET lease_expires_at = ?3 "
                           "WHERE id = ?1 AND state = 'reserved' AND lease_owner = ?2"
                         : "UPDATE refunds SET lease_expires_at = ?3 "
                           "WHERE id = ?1 AND state = 'reserved' AND lease_owner = ?2");
    q.args(id, lease.owner, lease.expires_at);
    return q.run();
}

}  // namespace pws
